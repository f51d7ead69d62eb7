#!/usr/bin/env bash
# End-to-end tests: start the release server (built by `cargo leptos build --release`) on a
# fresh SQLite database, wait for /healthz, run Playwright (projects `js` and `nojs`) against it,
# and always stop the server. Exit code = Playwright's.
#
#   scripts/e2e.sh                       # all specs, both projects
#   scripts/e2e.sh --project nojs -g search   # extra args go to `playwright test`
#
# Env: E2E_PORT (default 3100), E2E_KEEP_TMP=1 keeps the temp dir (DB + server log).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

source scripts/release-server.sh
BIN=$RELEASE_BIN
case "$BIN" in /*) ;; *) BIN="./$BIN" ;; esac   # env(1) would search PATH for a bare name
PORT="${E2E_PORT:-3100}"
ADDR="127.0.0.1:$PORT"
BASE_URL="http://$ADDR"

[ -x "$BIN" ] || { echo "e2e: $BIN not found — run 'cargo leptos build --release' (make build) first" >&2; exit 2; }
[ -f "$(dirname "$BIN")/hash.txt" ] || echo "e2e: warning: target/release/hash.txt missing (hashed asset names won't resolve)" >&2
command -v playwright >/dev/null || { echo "e2e: playwright not installed — run scripts/setup.sh" >&2; exit 2; }

if curl -s -o /dev/null --max-time 1 "$BASE_URL/"; then
  echo "e2e: something is already listening on $ADDR — stop it or set E2E_PORT" >&2
  exit 2
fi

TMP=$(mktemp -d -t dichvucong-e2e.XXXXXX)
LOG="$TMP/server.log"
SERVER_PID=

cleanup() {
  local rc=$?
  [ -z "$SERVER_PID" ] || stop_pid "$SERVER_PID"
  if [ "${E2E_KEEP_TMP:-0}" = 1 ]; then echo "e2e: kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The officer API's token, for the tracking specs that move a dossier along (end2end/support/track.ts).
export E2E_OFFICER_TOKEN="${E2E_OFFICER_TOKEN:-e2e-officer-token-0123456789abcdef}"

# The database, for the one spec step no API can take: making a dossier overdue (moving its due
# date into the past; end2end/support/track.ts, with the sqlite3 shell).
export E2E_DATABASE="$TMP/e2e.db"

echo "==> e2e: starting $BIN on $ADDR (DATABASE_URL=sqlite://$TMP/e2e.db)"
env "${RELEASE_ENV[@]}" \
    LEPTOS_SITE_ADDR="$ADDR" \
    APPLY_ONLINE=true \
    OFFICER_TOKENS="e2e:process:$E2E_OFFICER_TOKEN" \
    DATABASE_URL="sqlite://$TMP/e2e.db" \
    RUST_LOG="${RUST_LOG:-info}" \
    "$BIN" >"$LOG" 2>&1 </dev/null &
SERVER_PID=$!

print_log() { echo "---- server log ($LOG) ----" >&2; tail -n 200 "$LOG" >&2 || true; echo "---- end of server log ----" >&2; }

wait_healthy "$SERVER_PID" "$BASE_URL" e2e "$LOG" || exit 1
echo "==> e2e: server ready after ${SECONDS}s; running Playwright"

# Playwright's output is also kept, because a CI log is often read from its tail: on a failure the
# server log comes first and Playwright's failures (each error, then the list of failed tests)
# are printed again after it, so the last lines name what failed and why.
PW_OUT="$TMP/playwright.out"
set +e
BASE_URL="$BASE_URL" npx --no-install playwright test --config end2end/playwright.config.ts "$@" 2>&1 | tee "$PW_OUT"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  print_log
  echo "---- Playwright's failures, again (full output above) ----" >&2
  # From the first numbered failure ("  1) [js] › …") to the end, at most 300 lines.
  sed -n '/^ *1) \[/,$p' "$PW_OUT" | tail -n 300 >&2
fi
exit "$rc"
