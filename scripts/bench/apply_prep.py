"""Drafts for the apply phase of scripts/bench.sh (scripts/bench/apply.sh), made through the
portal API of a running server the way scripts/fault.sh makes them: every page answered
(scripts/lib/complete_draft.py) and a small real PDF uploaded for every mandatory document.

    python apply_prep.py BASE_URL PROCEDURE OUT_DIR SAVE_DRAFTS SUBMIT_DRAFTS UPLOAD_DRAFTS PAGE

Writes to OUT_DIR:
  journey.json        the complete draft the pages are measured with (unsent), a sent one's
                      receipt path, the question page PAGE posted by the step-save run and where it leads
  save-drafts.txt     SAVE_DRAFTS complete drafts, one id a line (the step-save run posts to them)
  save-body.txt       that page's form, urlencoded as a browser posts it (dates as three boxes)
  submit-drafts.txt   SUBMIT_DRAFTS complete drafts, each sent once by the submission run
  upload-drafts.txt   UPLOAD_DRAFTS new drafts (one 10 MB upload each)
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from complete_draft import mandatory_slots, sections  # noqa: E402

PDF = b"%PDF-1.7\n" + b"0" * 1024 + b"\n%%EOF\n"
local = threading.local()


def call(host, port, method, path, body=None, content_type="application/json"):
    """One request on this thread's kept-alive connection; the JSON answer, or an error."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    for attempt in (1, 2):
        conn = getattr(local, "conn", None) or http.client.HTTPConnection(host, port, timeout=30)
        local.conn = conn
        try:
            conn.request(method, path, body=data, headers={"content-type": content_type})
            res = conn.getresponse()
            payload = res.read()
            break
        except (http.client.HTTPException, OSError):
            conn.close()
            local.conn = None
            if attempt == 2:
                raise
    if res.status >= 300:
        raise SystemExit(f"apply_prep: {method} {path}: {res.status} {payload[:300]!r}")
    return json.loads(payload) if payload else None


def portal(base):
    """call() on the portal API of the server at BASE_URL: api(method, path under /portal/v1, ...)."""
    url = urllib.parse.urlsplit(base)
    return lambda method, path, body=None, ct="application/json": call(url.hostname, url.port, method,
                                                                       f"/portal/v1{path}", body, ct)


def drafter(api, procedure):
    """The procedure's form, and a function that makes a complete draft of it (its argument is
    ignored, for pool.map) and answers the draft's id."""
    form = api("GET", f"/procedures/{procedure}/form")
    province = api("GET", "/province")
    slots = mandatory_slots(api("GET", f"/procedures/{procedure}"))
    pages = sections(form, province)

    def complete(_):
        draft = api("POST", "/drafts", {"procedure_code": procedure})["id"]
        for page_id, body in pages:
            api("PUT", f"/drafts/{draft}/sections/{page_id}", body)
        for slot in slots:
            api("POST", f"/drafts/{draft}/documents/{slot}/files?name=scan.pdf", PDF, "application/pdf")
        return draft

    return form, pages, complete


def main():
    base, procedure, out = sys.argv[1:4]
    save_n, submit_n, upload_n = (int(x) for x in sys.argv[4:7])
    page_id = sys.argv[7]
    api = portal(base)
    form, pages, complete = drafter(api, procedure)

    def new(_):
        return api("POST", "/drafts", {"procedure_code": procedure})["id"]

    t0 = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        journey, sent = list(pool.map(complete, range(2)))
        save = list(pool.map(complete, range(save_n)))
        submit = list(pool.map(complete, range(submit_n)))
        upload = list(pool.map(new, range(upload_n)))
    receipt = api("POST", f"/drafts/{sent}/submit")

    page = next((p for p in form["pages"] if p["id"] == page_id), None)
    if page is None:
        raise SystemExit(f"apply_prep: the form of {procedure} has no page {page_id}: {[p['id'] for p in form['pages']]}")
    answers = dict(pages)[page["id"]]["fields"]
    posted = []
    for field in page["fields"]:
        for name, values in answers.items():
            if name != field["id"] and not name.startswith(field["id"] + "."):
                continue
            for value in values:
                if field["kind"] == "date":
                    y, m, d = value.split("-")
                    posted += [(f"{name}-day", d), (f"{name}-month", m), (f"{name}-year", y)]
                else:
                    posted.append((name, value))
    following = [p["id"] for p in form["pages"]]
    next_page = following[following.index(page["id"]) + 1]

    os.makedirs(out, exist_ok=True)
    write = lambda name, lines: open(os.path.join(out, name), "w").write("".join(f"{x}\n" for x in lines))
    write("save-drafts.txt", save)
    write("submit-drafts.txt", submit)
    write("upload-drafts.txt", upload)
    with open(os.path.join(out, "save-body.txt"), "w") as f:
        f.write(urllib.parse.urlencode(posted))
    with open(os.path.join(out, "journey.json"), "w") as f:
        json.dump({"procedure": procedure, "draft": journey, "page": page["id"], "next_page": next_page,
                   "pages": following, "receipt": f"/apply/receipt/{receipt['tracking_token']}",
                   "prep_s": round(time.monotonic() - t0, 1), "drafts_made": 2 + save_n + submit_n + upload_n}, f)


if __name__ == "__main__":
    main()
