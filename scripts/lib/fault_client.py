"""The client side of scripts/fault.sh: citizens applying while the server is killed under them.

    python fault_client.py send BASE_URL PROCEDURE SECONDS MAX_COUNT WORKERS LEDGER
    python fault_client.py verify BASE_URL LEDGER SQLITE_FILE
    python fault_client.py impatient BASE_URL PROCEDURE COUNT

`send`: applications for SECONDS (at most MAX_COUNT), WORKERS at a time, each the whole way
through the portal API: a new
draft, every page answered, a real file uploaded for every mandatory document (random bytes
behind a PDF header, 2–256 KB, so no two are alike), then sent once. The server may die at any
moment; every step before the sending is retried the way a careful client would (an upload whose
answer was lost is looked up in the draft's list by its SHA-256 before it is sent again, so a
retry never makes a second copy). The sending itself is tried once: its answer (the dossier code,
or `null` when none came) goes to LEDGER, one JSON line per application, with the SHA-256 and size
of every file sent.

`verify` (on a server that stays up): every application is sent again (acknowledged ones must
answer 200 with the code received, the others 201, or 200 when the kill came between commit and
answer), its files are listed and downloaded (exactly the files sent, each once, bytes equal by
SHA-256), and the database must hold one dossier per draft, every file marked with its dossier,
the day's numbers 1..N with no gap.

`impatient` (FAULT_IMPATIENT=1): clients that give up. COUNT complete drafts are sent by clients
that hang up after 5 ms (the server sees the connection drop mid-submission), then sent again by
patient ones: each must answer 200 or 201 with one dossier, and so must COUNT new drafts sent
after them (a submission abandoned half-way must leave nothing behind that breaks the next ones).
"""
import hashlib
import http.client
import json
import os
import random
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from complete_draft import mandatory_slots, sections

STEP_DEADLINE_S = 45  # one step of one application, retries included: the server is never down that long
TIMEOUT_S = 20  # generous: a timeout must mean a dead server, never a slow one still at work


# What a dying server leaves a client with: refused, reset, cut off mid-answer, timed out.
NO_ANSWER = (OSError, http.client.HTTPException, ValueError)


class Answer:
    def __init__(self, status, body):
        self.status, self.body = status, body

    def json(self):
        return json.loads(self.body)


def request(method, url, body=None, content_type="application/json"):
    """One HTTP exchange: the Answer, any status; an OSError when no answer came (refused, reset,
    cut off, timed out)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"content-type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as res:
            return Answer(res.status, res.read())
    except urllib.error.HTTPError as e:
        return Answer(e.code, e.read())


def reliably(what, attempt):
    """Runs `attempt` until it returns something other than None, through dead servers and 5xx
    answers (a server dying mid-request, or one starting up); gives up after STEP_DEADLINE_S."""
    deadline = time.monotonic() + STEP_DEADLINE_S
    tries = 0
    while True:
        tries += 1
        try:
            result = attempt()
            if result is not None:
                return result, tries
        except NO_ANSWER as e:
            last = e
        else:
            last = "an answer of 5xx"
        if time.monotonic() > deadline:
            raise SystemExit(f"fault: {what}: no success in {STEP_DEADLINE_S} s ({tries} tries; last: {last})")
        time.sleep(random.uniform(0.02, 0.1))


def ok(answer, *statuses):
    """The answer's JSON when its status is expected; None (retry) for 5xx; a stop for anything else."""
    if answer.status in statuses:
        return answer.json() if answer.body else {}
    if answer.status >= 500:
        return None
    raise SystemExit(f"fault: unexpected {answer.status}: {answer.body[:300]!r}")


def a_file():
    """A PDF by its first bytes (what the server types files by), random after that."""
    size = random.randint(2 * 1024, 256 * 1024)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(size) + b"\n%%EOF\n"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.retries = 0
        self.uploads_found = 0

    def add(self, tries=1, found=0):
        with self.lock:
            self.retries += tries - 1
            self.uploads_found += found


def apply_once(api, procedure, pages, slots, stats):
    draft, tries = reliably("new draft",
                            lambda: ok(request("POST", f"{api}/drafts", {"procedure_code": procedure}), 201, 200))
    stats.add(tries)
    draft = draft["id"]
    for page_id, body in pages:
        _, tries = reliably(f"page {page_id} of {draft}",
                            lambda: ok(request("PUT", f"{api}/drafts/{draft}/sections/{page_id}", body), 200))
        stats.add(tries)
    files = []
    for slot in slots:
        data = a_file()
        sha = hashlib.sha256(data).hexdigest()
        name = urllib.parse.quote(f"giấy tờ {slot} – bản chụp.pdf")
        state = {"lost": False}

        def upload():
            if state["lost"]:
                # The last try got no answer: it may have been stored before the server died.
                listed = ok(request("GET", f"{api}/drafts/{draft}/documents"), 200)
                if listed is None:
                    return None
                found = [f for f in listed["files"] if f["slot"] == slot and f["sha256"] == sha]
                if found:
                    stats.add(found=1)
                    return found[0]
            state["lost"] = True
            stored = ok(request("POST", f"{api}/drafts/{draft}/documents/{slot}/files?name={name}", data,
                                "application/pdf"), 201)
            if stored is not None:
                state["lost"] = False
            return stored

        stored, tries = reliably(f"upload to slot {slot} of {draft}", upload)
        stats.add(tries)
        if stored["sha256"] != sha or stored["size_bytes"] != len(data):
            raise SystemExit(f"fault: {draft} slot {slot}: stored {stored['sha256']}/{stored['size_bytes']}, "
                             f"sent {sha}/{len(data)}")
        files.append({"slot": slot, "id": stored["id"], "sha256": sha, "size": len(data)})
    # Sent once; whatever answer came is the ledger's.
    code = None
    try:
        answer = request("POST", f"{api}/drafts/{draft}/submit")
        if answer.status in (200, 201):
            code = answer.json()["dossier_code"]
        elif answer.status < 500:
            raise SystemExit(f"fault: sending {draft} answered {answer.status}: {answer.body[:300]!r}")
    except NO_ANSWER:
        pass
    return {"draft": draft, "code": code, "files": files}


def send(base, procedure, seconds, max_count, workers, ledger_file):
    api = f"{base}/portal/v1"
    get = lambda path: reliably(f"GET {path}", lambda: ok(request("GET", f"{api}{path}"), 200))[0]
    form, province = get(f"/procedures/{procedure}/form"), get("/province")
    slots = mandatory_slots(get(f"/procedures/{procedure}"))
    if not slots:
        raise SystemExit(f"fault: procedure {procedure} has no mandatory document to upload")
    pages = sections(form, province)
    stats = Stats()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    started = [0]
    failed = threading.Event()

    def citizen():
        # New applications until the time is up (the one under way is finished), or one failed.
        while time.monotonic() < deadline and not failed.is_set():
            with lock:
                if started[0] >= max_count:
                    return
                started[0] += 1
            try:
                entry = apply_once(api, procedure, pages, slots, stats)
            except BaseException:
                failed.set()
                raise
            with lock:
                ledger.write(json.dumps(entry) + "\n")
                ledger.flush()

    with open(ledger_file, "w") as ledger:
        pool = ThreadPoolExecutor(workers)
        try:
            for future in [pool.submit(citizen) for _ in range(workers)]:
                future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    print(f"==> fault: {started[0]} applications of {len(pages)} pages and {len(slots)} files each; "
          f"{stats.retries} steps retried, {stats.uploads_found} uploads found stored after their answer was lost")


def verify_one(api, entry):
    """(problems, whether an unacknowledged sending had made its dossier, files compared)."""
    draft, code = entry["draft"], entry["code"]
    problems = []
    again = request("POST", f"{api}/drafts/{draft}/submit")
    got = again.json().get("dossier_code") if again.status in (200, 201) else None
    if code is not None and (again.status != 200 or got != code):
        problems.append(f"draft {draft} was acknowledged as {code}, now answers {again.status} {got}")
    elif code is None and again.status not in (200, 201):
        problems.append(f"unacknowledged draft {draft} answers {again.status} when sent again")
    lost_answer = code is None and again.status == 200  # committed, but the server died before answering
    listed = request("GET", f"{api}/drafts/{draft}/documents")
    if listed.status != 200:
        return problems + [f"draft {draft}: its files answer {listed.status}"], lost_answer, 0
    stored = sorted((f["slot"], f["sha256"], f["id"]) for f in listed.json()["files"])
    sent = sorted((f["slot"], f["sha256"], f["id"]) for f in entry["files"])
    if stored != sent:
        problems.append(f"draft {draft}: stored files {stored}, sent {sent}")
    for f in entry["files"]:
        content = request("GET", f"{api}/drafts/{draft}/documents/{f['id']}/content")
        sha = hashlib.sha256(content.body).hexdigest()
        if content.status != 200 or sha != f["sha256"] or len(content.body) != f["size"]:
            problems.append(f"draft {draft} file {f['id']}: {content.status}, {len(content.body)} bytes with "
                            f"SHA-256 {sha}, sent {f['size']} bytes with {f['sha256']}")
    return problems, lost_answer, len(entry["files"])


def verify(base, ledger_file, db_file):
    api = f"{base}/portal/v1"
    ledger = [json.loads(line) for line in open(ledger_file)]
    problems = []
    lost_answers = files_checked = 0
    with ThreadPoolExecutor(4) as pool:
        for found, lost, files in pool.map(lambda e: verify_one(api, e), ledger):
            problems += found
            lost_answers += lost
            files_checked += files
    problems += check_database(db_file, ledger)
    for p in problems:
        print("fault:", p, file=sys.stderr)
    acknowledged = sum(1 for e in ledger if e["code"] is not None)
    print(f"==> fault: {acknowledged} of {len(ledger)} sendings acknowledged; sent again: {lost_answers} unacknowledged "
          f"ones had made their dossier (the answer was lost), the rest made it now; {files_checked} files' bytes compared")
    if problems:
        sys.exit(1)


def check_database(db_file, ledger):
    db = sqlite3.connect(db_file, timeout=10)
    problems = []
    for entry in ledger:
        draft = entry["draft"]
        rows = db.execute("SELECT code FROM dossiers WHERE draft_id = ?", (draft,)).fetchall()
        if len(rows) != 1:
            problems.append(f"draft {draft}: {len(rows)} dossiers")
            continue
        if entry["code"] is not None and rows[0][0] != entry["code"]:
            problems.append(f"draft {draft}: acknowledged {entry['code']}, stored {rows[0][0]}")
        files = db.execute("SELECT id, dossier_code FROM attachments WHERE draft_id = ?", (draft,)).fetchall()
        if sorted(f[0] for f in files) != sorted(f["id"] for f in entry["files"]):
            problems.append(f"draft {draft}: attachment rows {files}, sent {[f['id'] for f in entry['files']]}")
        if any(f[1] != rows[0][0] for f in files):
            problems.append(f"draft {draft}: files not all marked with dossier {rows[0][0]}: {files}")
    total = db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
    if total != len(ledger):
        problems.append(f"{total} dossiers for {len(ledger)} drafts sent")
    by_day = {}
    for (code,) in db.execute("SELECT code FROM dossiers"):
        prefix, number = code.rsplit("-", 1)
        by_day.setdefault(prefix, []).append(int(number))
    for prefix, numbers in by_day.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"{prefix}: numbers {sorted(numbers)} are not 1..{len(numbers)}")
    if not problems:
        print(f"==> fault: {total} dossiers for {len(ledger)} drafts, each file marked with its dossier, "
              f"numbers gapless per day")
    return problems


def impatient(base, procedure, count):
    api = f"{base}/portal/v1"
    get = lambda path: ok(request("GET", f"{api}{path}"), 200)
    pages = sections(get(f"/procedures/{procedure}/form"), get("/province"))
    slots = mandatory_slots(get(f"/procedures/{procedure}"))

    def complete(_):
        draft = ok(request("POST", f"{api}/drafts", {"procedure_code": procedure}), 201, 200)["id"]
        for page_id, body in pages:
            ok(request("PUT", f"{api}/drafts/{draft}/sections/{page_id}", body), 200)
        for slot in slots:
            ok(request("POST", f"{api}/drafts/{draft}/documents/{slot}/files?name=scan.pdf", a_file(),
                       "application/pdf"), 201)
        return draft

    def hang_up(draft):
        req = urllib.request.Request(f"{api}/drafts/{draft}/submit", data=b"", method="POST")
        try:
            urllib.request.urlopen(req, timeout=0.005).read()
        except NO_ANSWER:
            pass

    with ThreadPoolExecutor(8) as pool:
        drafts = list(pool.map(complete, range(2 * count)))
        list(pool.map(hang_up, drafts[:count]))
    time.sleep(0.5)
    problems = []
    for draft in drafts:
        answer = request("POST", f"{api}/drafts/{draft}/submit")
        if answer.status not in (200, 201):
            problems.append(f"draft {draft} (sent {'after the hang-ups' if draft in drafts[count:] else 'by a client that hung up'}) "
                            f"answers {answer.status} {answer.body[:200]!r}")
    for p in problems[:10]:
        print("fault:", p, file=sys.stderr)
    if problems:
        print(f"fault: {len(problems)} of {2 * count} sendings failed after clients hung up mid-submission", file=sys.stderr)
        sys.exit(1)
    print(f"==> fault: {count} submissions abandoned by their clients, then {2 * count} sent patiently: all answered")


if __name__ == "__main__":
    if sys.argv[1:2] == ["send"] and len(sys.argv) == 8:
        send(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7])
    elif sys.argv[1:2] == ["verify"] and len(sys.argv) == 5:
        verify(*sys.argv[2:5])
    elif sys.argv[1:2] == ["impatient"] and len(sys.argv) == 5:
        impatient(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
