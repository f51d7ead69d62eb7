"""Dossiers for the track phase of scripts/bench.sh (scripts/bench/track.sh), made through the
portal API of a running server as a citizen sends them (scripts/bench/apply_prep.py's complete drafts:
every page answered by scripts/lib/complete_draft.py, a small PDF for every mandatory document;
then submitted), and one of them moved along by an officer so that its status page has a timeline.

    python track_prep.py BASE_URL PROCEDURE OUT_DIR DOSSIERS OFFICER_TOKEN

Writes to OUT_DIR:
  track.json   the status page's dossier (code, token, the officer's actions), the second factor
               that opens every dossier and a wrong one, how long it took
  codes.txt    DOSSIERS dossier codes, one a line (the lookup runs: a few lookups of each, under
               the portal's limit per code)
"""
import http.client
import json
import os
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apply_prep import drafter, portal  # noqa: E402

# scripts/lib/complete_draft.py answers every phone field with this number; the wrong one differs
# in its last digit only (same length, same shape: the same work up to the comparison).
RIGHT = "0912345678"
WRONG = "0912345679"
# What an officer does to the status page's dossier: received, accepted, in processing, a
# supplement asked for (end2end/tests/track.spec.ts does the same).
ACTIONS = [
    {"action": "accept"},
    {"action": "start_processing"},
    {"action": "request_supplement", "reason": "Ảnh căn cước bị mờ, không đọc được số.",
     "documents": ["Căn cước công dân (ảnh rõ nét)"]},
]


def main():
    base, procedure, out, n, officer = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    api = portal(base)
    _, _, complete = drafter(api, procedure)

    def send(_):
        return api("POST", f"/drafts/{complete(_)}/submit?lang=vi")

    t0 = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        receipts = list(pool.map(send, range(n + 1)))
    status = receipts.pop(0)
    for action in ACTIONS:
        res = call_officer(urllib.parse.urlsplit(base), status["dossier_code"], action, officer)
        if res != 200:
            raise SystemExit(f"track_prep: officer {action['action']} on {status['dossier_code']}: HTTP {res}")

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "codes.txt"), "w") as f:
        f.write("".join(f"{r['dossier_code']}\n" for r in receipts))
    with open(os.path.join(out, "track.json"), "w") as f:
        json.dump({"procedure": procedure, "code": status["dossier_code"], "token": status["tracking_token"],
                   "actions": [a["action"] for a in ACTIONS], "right_factor": RIGHT, "wrong_factor": WRONG,
                   "dossiers": n, "prep_s": round(time.monotonic() - t0, 1)}, f)


def call_officer(url, code, body, token):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("POST", f"/portal/v1/officer/dossiers/{code}/transitions", body=json.dumps(body).encode(),
                 headers={"content-type": "application/json", "authorization": f"Bearer {token}"})
    res = conn.getresponse()
    res.read()
    conn.close()
    return res.status


if __name__ == "__main__":
    main()
