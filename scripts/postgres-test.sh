#!/usr/bin/env bash
# Runs the Postgres integration test against a throw-away PostgreSQL cluster (Debian's
# postgresql package), so the "SQLite by default, Postgres too" promise is checked on every
# `make test`. The cluster lives in a temp dir on a loopback port and is removed afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PG_BIN/initdb" ] || { echo "postgres-test: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
PORT="${PG_TEST_PORT:-$(python3 scripts/lib/free_port.py)}"
TMP=$(mktemp -d -t dichvucong-pg.XXXXXX)
chmod 755 "$TMP"
# PostgreSQL refuses to run as root; CI runs as root, so the cluster belongs to `postgres`.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$TMP"

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$TMP/data" -U postgres -A trust --no-sync >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$TMP/data" -l "$TMP/pg.log" -w \
  -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres dichvucong

echo "==> postgres-test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/dichvucong" \
  cargo test --features ssr --test postgres -- --ignored "$@"
