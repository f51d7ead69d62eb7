#!/usr/bin/env bash
# Fault test of applying online: the release server is killed (SIGKILL, no goodbye) and restarted
# again and again while applications are being filled in, their files uploaded and sent.
# Afterwards (scripts/lib/fault_client.py verify):
#   - every receipt a client received names a dossier that exists exactly once, for its draft,
#     with exactly the files uploaded for it, each once, bytes intact (SHA-256 of the download);
#   - sending every draft again (acknowledged or not) makes no second dossier, and the retried
#     unacknowledged ones end with exactly one;
#   - the day's numbers are still 1..N, none skipped (a killed transaction gives its number back).
#
#   scripts/fault.sh                 # applications for 20 s (FAULT_SECONDS), kills every 0.05–0.4 s
#
# Env: FAULT_BIN (default $RELEASE_BIN: target/release/dichvucong, `make build`), FAULT_SECONDS (20:
#      new applications are started for that long, then the checks take a few seconds),
#      FAULT_APPLICATIONS (at most that many, 2000), FAULT_WORKERS (8 applying at once),
#      FAULT_MIN_KILLS (5: fewer kills prove too little, the run fails), FAULT_PROCEDURE (1.001193:
#      birth registration, three mandatory documents), FAULT_KEEP_TMP=1 keeps the temp dir
#      (database, files, server logs, ledger), FAULT_IMPATIENT=0 leaves out the clients that
#      hang up mid-submission (then 200 patient ones, which must all be sent: fault_client.py impatient).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
source scripts/release-server.sh
BIN="${FAULT_BIN:-$RELEASE_BIN}"
SECONDS_APPLYING="${FAULT_SECONDS:-20}"
APPLICATIONS="${FAULT_APPLICATIONS:-2000}"
MIN_KILLS="${FAULT_MIN_KILLS:-5}"
WORKERS="${FAULT_WORKERS:-8}"
PROCEDURE="${FAULT_PROCEDURE:-1.001193}"
PY=python3   # the standard library is enough

case "$BIN" in /*) ;; *) BIN="./$BIN" ;; esac
[ -x "$BIN" ] || { echo "fault: $BIN not found — run 'make build' first (or set FAULT_BIN)" >&2; exit 2; }
command -v "$PY" >/dev/null || { echo "fault: $PY not found" >&2; exit 2; }

PORT=$("$PY" scripts/lib/free_port.py)
BASE_URL="http://127.0.0.1:$PORT"
TMP=$(mktemp -d -t dichvucong-fault.XXXXXX)
DB="$TMP/fault.db"
LEDGER="$TMP/ledger.jsonl"   # one line per application: draft, dossier code received (or null), files sent
SERVER_PID=
KILLER_PID=

start_server() {
  env "${RELEASE_ENV[@]}" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" SITE_URL="$BASE_URL" \
      DATABASE_URL="sqlite://$DB" ATTACHMENTS_STORE="$TMP/attachments" RUST_LOG=warn \
      "$BIN" >>"$TMP/server.log" 2>&1 </dev/null &
  SERVER_PID=$!
  # Out of the job table: bash still reaps it, but says nothing when the killer kills it.
  disown "$SERVER_PID" 2>/dev/null || true
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

echo "==> fault: $BIN on $BASE_URL, applying for $SECONDS_APPLYING s while it is killed at random"
start_server

# The killer: SIGKILL the server at a random moment, restart it, again, until told to stop.
# Told to stop, it finishes the round it is in, so the server it started last is in server.pid.
(
  stop=
  trap 'stop=1' TERM
  while [ -z "$stop" ]; do
    sleep "$("$PY" -c 'import random; print(round(random.uniform(0.05, 0.4), 2))')"
    [ -z "$stop" ] || break
    pid=$(cat "$TMP/server.pid")
    kill -KILL "$pid" 2>/dev/null || true
    echo "killed $pid" >>"$TMP/kills"
    start_server >/dev/null 2>&1 || true
  done
) &
KILLER_PID=$!

# The citizens: WORKERS at a time, each application from a new draft to its sending, through
# the kills (see scripts/lib/fault_client.py).
t0=$SECONDS
failures=0
"$PY" "$ROOT/scripts/lib/fault_client.py" send "$BASE_URL" "$PROCEDURE" "$SECONDS_APPLYING" "$APPLICATIONS" "$WORKERS" "$LEDGER" \
  </dev/null || failures=$((failures + 1))

kill "$KILLER_PID" 2>/dev/null || true
wait "$KILLER_PID" 2>/dev/null || true
KILLER_PID=
[ -f "$TMP/server.pid" ] && stop_pid "$(cat "$TMP/server.pid")"
start_server
kills=$(wc -l <"$TMP/kills" 2>/dev/null || echo 0)
echo "==> fault: $kills kills in $((SECONDS - t0)) s; checking on a server left alive"
if [ "$kills" -lt "$MIN_KILLS" ]; then
  echo "fault: only $kills kills (FAULT_MIN_KILLS=$MIN_KILLS): the server restarts too slowly here to test much" >&2
  failures=$((failures + 1))
fi

[ "$failures" -ne 0 ] || "$PY" "$ROOT/scripts/lib/fault_client.py" verify "$BASE_URL" "$LEDGER" "$DB" </dev/null \
  || failures=$((failures + 1))
if [ "${FAULT_IMPATIENT:-1}" = 1 ]; then
  "$PY" "$ROOT/scripts/lib/fault_client.py" impatient "$BASE_URL" "$PROCEDURE" 200 </dev/null || failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "fault: $failures problem(s); server log: $TMP/server.log" >&2
  FAULT_KEEP_TMP=1
  exit 1
fi
echo "==> fault: passed in $((SECONDS - t0)) s"
