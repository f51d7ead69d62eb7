#!/usr/bin/env bash
# Fault test of sending applications: the release server is killed (SIGKILL, no goodbye) and
# restarted again and again while applications are being sent. Afterwards:
#   - every receipt a client received names a dossier that exists exactly once, for its draft;
#   - sending every draft again (acknowledged or not) makes no second dossier, and the retried
#     unacknowledged ones end with exactly one;
#   - the day's numbers are still 1..N, none skipped (a killed transaction gives its number back).
#
#   scripts/fault.sh                 # 200 applications (FAULT_APPLICATIONS), kills every 0.05–0.4 s
#
# Env: FAULT_BIN (default target/release/dichvucong, `make build`), FAULT_APPLICATIONS (200),
#      FAULT_KEEP_TMP=1 keeps the temp dir (database, server logs, the client's ledger).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
source scripts/release-server.sh
BIN="${FAULT_BIN:-$RELEASE_BIN}"
APPLICATIONS="${FAULT_APPLICATIONS:-200}"
PY="$ROOT/.venv/bin/python"
PROCEDURE=1.004873

case "$BIN" in /*) ;; *) BIN="./$BIN" ;; esac
[ -x "$BIN" ] || { echo "fault: $BIN not found — run 'make build' first (or set FAULT_BIN)" >&2; exit 2; }
[ -x "$PY" ] || { echo "fault: $PY not installed — run scripts/setup.sh" >&2; exit 2; }

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE_URL="http://127.0.0.1:$PORT"
TMP=$(mktemp -d -t dichvucong-fault.XXXXXX)
DB="$TMP/fault.db"
LEDGER="$TMP/ledger"   # one line per application: draft id, then the dossier code received (or -)
: >"$LEDGER"
SERVER_PID=
KILLER_PID=

start_server() {
  env "${RELEASE_ENV[@]}" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" SITE_URL="$BASE_URL" \
      DATABASE_URL="sqlite://$DB" RUST_LOG=warn \
      "$BIN" >>"$TMP/server.log" 2>&1 </dev/null &
  SERVER_PID=$!
  echo "$SERVER_PID" >"$TMP/server.pid"
  wait_healthy "$SERVER_PID" "$BASE_URL" fault "$TMP/server.log"
}

cleanup() {
  local rc=$?
  [ -z "$KILLER_PID" ] || { kill "$KILLER_PID" 2>/dev/null || true; wait "$KILLER_PID" 2>/dev/null || true; }
  [ -f "$TMP/server.pid" ] && stop_pid "$(cat "$TMP/server.pid")"
  if [ "${FAULT_KEEP_TMP:-0}" = 1 ]; then echo "fault: kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> fault: $BIN on $BASE_URL, $APPLICATIONS applications, killed at random"
start_server

# The applications, ready to send: every page answered, a file for each mandatory document
# (recorded straight in the database, as the upload part records them).
"$PY" "$ROOT/scripts/lib/complete_draft.py" "$BASE_URL" "$PROCEDURE" "$DB" "$APPLICATIONS" >"$TMP/drafts"

# The killer: SIGKILL the server at a random moment, restart it, again, until told to stop.
(
  trap 'exit 0' TERM
  while true; do
    sleep "$("$PY" -c 'import random; print(round(random.uniform(0.05, 0.4), 2))')"
    pid=$(cat "$TMP/server.pid")
    kill -KILL "$pid" 2>/dev/null || true
    echo "killed $pid" >>"$TMP/kills"
    start_server >/dev/null 2>&1 || true
  done
) &
KILLER_PID=$!

# Eight senders, each draft sent once; whatever answer came back is written down (a line is
# appended in one write, so the senders do not mix their lines).
export BASE_URL LEDGER
xargs -P 8 -I{} sh -c '
  code=$(curl -sf --max-time 5 -X POST "$BASE_URL/portal/v1/drafts/$1/submit" | jq -r ".dossier_code // empty" 2>/dev/null)
  echo "$1 ${code:--}" >>"$LEDGER"
' _ {} <"$TMP/drafts"

kill "$KILLER_PID" 2>/dev/null || true
wait "$KILLER_PID" 2>/dev/null || true
KILLER_PID=
[ -f "$TMP/server.pid" ] && stop_pid "$(cat "$TMP/server.pid")"
start_server
acknowledged=$(awk '$2 != "-"' "$LEDGER" | wc -l)
echo "==> fault: $(wc -l <"$TMP/kills" 2>/dev/null || echo 0) kills; $acknowledged of $APPLICATIONS sends acknowledged; sending every draft again"

# Every draft sent again: acknowledged ones must answer 200 with the code received; the others
# 201 (first time) or 200 (the kill came after the commit, before the answer).
failures=0
lost_answers=0
while read -r id code; do
  answer=$(curl -s --max-time 10 -w '\n%{http_code}' -X POST "$BASE_URL/portal/v1/drafts/$id/submit")
  status=$(tail -n1 <<<"$answer")
  again=$(head -n -1 <<<"$answer" | jq -r '.dossier_code // empty')
  if [ "$code" != - ] && { [ "$status" != 200 ] || [ "$again" != "$code" ]; }; then
    echo "fault: draft $id was acknowledged as $code, now answers $status $again" >&2; failures=$((failures + 1))
  elif [ "$code" = - ] && [ "$status" != 200 ] && [ "$status" != 201 ]; then
    echo "fault: unacknowledged draft $id answers $status when sent again" >&2; failures=$((failures + 1))
  elif [ "$code" = - ] && [ "$status" = 200 ]; then
    lost_answers=$((lost_answers + 1))   # committed, but the server died before answering
  fi
done <"$LEDGER"
echo "==> fault: $lost_answers unacknowledged sends had made their dossier (the answer was lost), the rest made it now"

# The database: one dossier per draft, acknowledged codes stored for their drafts, numbers gapless.
"$PY" - "$DB" "$LEDGER" <<'PY' || failures=$((failures + 1))
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=10)
ledger = [line.split() for line in open(sys.argv[2])]
problems = []
for draft, code in ledger:
    rows = db.execute("SELECT code FROM dossiers WHERE draft_id = ?", (draft,)).fetchall()
    if len(rows) != 1:
        problems.append(f"draft {draft}: {len(rows)} dossiers")
    elif code != "-" and rows[0][0] != code:
        problems.append(f"draft {draft}: acknowledged {code}, stored {rows[0][0]}")
total = db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
if total != len(ledger):
    problems.append(f"{total} dossiers for {len(ledger)} drafts")
by_day = {}
for (code,) in db.execute("SELECT code FROM dossiers"):
    prefix, number = code.rsplit("-", 1)
    by_day.setdefault(prefix, []).append(int(number))
for prefix, numbers in by_day.items():
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        problems.append(f"{prefix}: numbers {sorted(numbers)} are not 1..{len(numbers)}")
for p in problems:
    print("fault:", p, file=sys.stderr)
print(f"==> fault: {total} dossiers for {len(ledger)} drafts, numbers gapless per day" if not problems else "")
sys.exit(1 if problems else 0)
PY

if [ "$failures" -ne 0 ]; then
  echo "fault: $failures problem(s); server log: $TMP/server.log" >&2
  FAULT_KEEP_TMP=1
  exit 1
fi
echo "==> fault: passed"
