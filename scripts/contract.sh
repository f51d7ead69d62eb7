#!/usr/bin/env bash
# API contract run: start the release server (built by `make build`) on a fresh SQLite database
# and a free port, and let schemathesis test every `/portal/v1` operation against the OpenAPI
# document the server publishes. All checks (server errors, status codes, content types, response
# schemas and headers, valid input accepted, invalid input refused with a 4xx, unsupported methods
# answered 405 with `Allow`); generated valid and invalid (negative) inputs, a bounded number of
# examples per operation. Always stops the server. Exit code = schemathesis'.
#
#   scripts/contract.sh                          # the run make test does
#   scripts/contract.sh --seed 1234              # extra args go to `schemathesis run`
#
# Env: CONTRACT_BIN (default target/release/dichvucong), CONTRACT_PORT (default: a free one),
#      CONTRACT_EXAMPLES (per operation, default 500), CONTRACT_KEEP_TMP=1 keeps the temp dir
#      (DB and server log).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
source scripts/release-server.sh
BIN="${CONTRACT_BIN:-$RELEASE_BIN}"
SCHEMATHESIS="$ROOT/.venv/bin/schemathesis"
EXAMPLES="${CONTRACT_EXAMPLES:-500}"

case "$BIN" in /*) ;; *) BIN="./$BIN" ;; esac   # env(1) would search PATH for a bare name
[ -x "$BIN" ] || { echo "contract: $BIN not found — run 'make build' first (or set CONTRACT_BIN)" >&2; exit 2; }
[ -x "$SCHEMATHESIS" ] || { echo "contract: $SCHEMATHESIS not installed — run scripts/setup.sh" >&2; exit 2; }

# A port the kernel just handed out and released: free unless something grabs it in between,
# which the /healthz wait below would notice (another server answering is caught by the pid check).
PORT="${CONTRACT_PORT:-$("$ROOT/.venv/bin/python" "$ROOT/scripts/lib/free_port.py")}"
ADDR="127.0.0.1:$PORT"
BASE_URL="http://$ADDR"

TMP=$(mktemp -d -t dichvucong-contract.XXXXXX)
LOG="$TMP/server.log"
SERVER_PID=

cleanup() {
  local rc=$?
  [ -z "$SERVER_PID" ] || stop_pid "$SERVER_PID"
  if [ "${CONTRACT_KEEP_TMP:-0}" = 1 ]; then echo "contract: kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

print_log() { echo "---- server log ($LOG) ----" >&2; tail -n 100 "$LOG" >&2 || true; echo "---- end of server log ----" >&2; }

# An officer token with every right, so the officer API is tested behind its 401 too
# (scripts/schemathesis.toml sends it on the operations that declare the `officer` scheme).
export CONTRACT_OFFICER_TOKEN
CONTRACT_OFFICER_TOKEN="contract-$("$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(16))')"

echo "==> contract: starting $BIN on $ADDR (DATABASE_URL=sqlite://$TMP/contract.db)"
env "${RELEASE_ENV[@]}" \
    OFFICER_TOKENS="contract:process+outbox:$CONTRACT_OFFICER_TOKEN" \
    LEPTOS_SITE_ADDR="$ADDR" \
    SITE_URL="$BASE_URL" \
    DATABASE_URL="sqlite://$TMP/contract.db" \
    RUST_LOG="${RUST_LOG:-info}" \
    "$BIN" >"$LOG" 2>&1 </dev/null &
SERVER_PID=$!

wait_healthy "$SERVER_PID" "$BASE_URL" contract "$LOG" || exit 1
echo "==> contract: server ready after ${SECONDS}s; running schemathesis $("$SCHEMATHESIS" --version | awk '{print $NF}')"

# A real draft, so the draft operations are tested on one that exists and not only on the 404
# of made-up ids (scripts/schemathesis.toml reads these two).
draft=$(curl -sf -X POST -H 'content-type: application/json' -d '{"procedure_code":"1.001193"}' "$BASE_URL/portal/v1/drafts")
export CONTRACT_DRAFT_ID CONTRACT_DRAFT_CODE
CONTRACT_DRAFT_ID=$(jq -r .id <<<"$draft")
CONTRACT_DRAFT_CODE=$(jq -r .resume_code <<<"$draft")

# A sent application, so submitting, its receipt and its tracking link are tested on a dossier
# that exists: every page answered, a file for each mandatory document (recorded straight in the
# database, as the upload part records them), then sent once.
export CONTRACT_SENT_ID CONTRACT_TOKEN CONTRACT_DOSSIER_CODE
CONTRACT_SENT_ID=$("$ROOT/.venv/bin/python" "$ROOT/scripts/lib/complete_draft.py" "$BASE_URL" 1.004873 "$TMP/contract.db")
receipt=$(curl -sf -X POST "$BASE_URL/portal/v1/drafts/$CONTRACT_SENT_ID/submit")
CONTRACT_TOKEN=$(jq -r .tracking_token <<<"$receipt")
CONTRACT_DOSSIER_CODE=$(jq -r .dossier_code <<<"$receipt")
[ -n "$CONTRACT_TOKEN" ] && [ "$CONTRACT_TOKEN" != null ] || { echo "contract: the test application could not be sent" >&2; print_log; exit 1; }

# Run from the temp dir: schemathesis and hypothesis write their caches (.schemathesis/,
# .hypothesis/) into the working directory, and a run must not depend on the last one's.
set +e
(
  cd "$TMP"
  "$SCHEMATHESIS" --config-file "$ROOT/scripts/schemathesis.toml" run "$BASE_URL/portal/v1/openapi.json" \
    --checks all \
    --mode all \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples "$EXAMPLES" \
    --generation-database none \
    --request-timeout 10 \
    --no-color \
    "$@" </dev/null
)
rc=$?
set -e
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "contract: the server died during the run" >&2; rc=1
fi
if [ "$rc" -ne 0 ]; then print_log; fi
exit "$rc"
