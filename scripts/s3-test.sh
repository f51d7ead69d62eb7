#!/usr/bin/env bash
# Runs the S3 attachments test (tests/s3.rs) against moto's S3 server (PyPI, installed into .venv
# by scripts/setup.sh) on a loopback port: the "local directory by default, any S3-compatible
# store by configuration" promise is checked on every `make test`. Nothing leaves the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ -x .venv/bin/python ] && .venv/bin/python -c 'import moto.server' 2>/dev/null \
  || { echo "s3-test: moto is not installed (scripts/setup.sh installs it into .venv)" >&2; exit 2; }
PORT="${S3_TEST_PORT:-$(.venv/bin/python scripts/lib/free_port.py)}"
TMP=$(mktemp -d -t dichvucong-s3.XXXXXX)
MOTO_PID=
cleanup() {
  [ -z "$MOTO_PID" ] || kill "$MOTO_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

.venv/bin/python -m moto.server -H 127.0.0.1 -p "$PORT" >"$TMP/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$TMP/moto.log" >&2; exit 1; }
  sleep 0.1
done
BUCKET=dichvucong-test
curl -sf -X PUT -o /dev/null "http://127.0.0.1:$PORT/$BUCKET" || { echo "s3-test: cannot create the bucket" >&2; exit 1; }

echo "==> s3-test: moto $(.venv/bin/python -c 'import moto; print(moto.__version__)') S3 on 127.0.0.1:$PORT"
# The variables a deployment sets for its store (object_store's AmazonS3Builder::from_env).
AWS_ENDPOINT="http://127.0.0.1:$PORT" AWS_ALLOW_HTTP=true AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test TEST_S3_BUCKET="$BUCKET" \
  cargo test --features ssr --test s3 -- --ignored
