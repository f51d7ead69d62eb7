# Sourced (not run) by the scripts that start the release server: its path, the runtime
# environment cargo-leptos would give it, and a clean stop. One place, so `make serve`, the e2e
# tests and the benchmark always run the same server.
#   source scripts/release-server.sh
#   env "${RELEASE_ENV[@]}" LEPTOS_SITE_ADDR=… DATABASE_URL=… "./$RELEASE_BIN"

# The bundle's name, as cargo-leptos reads it from Cargo.toml ([package.metadata.leptos] output-name).
RELEASE_NAME=$(sed -n 's/^output-name *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
RELEASE_NAME="${RELEASE_NAME:-dichvucong}"
# A build kept elsewhere (e.g. a copy that a parallel build cannot overwrite) may be named by
# RELEASE_BIN and RELEASE_SITE_ROOT.
RELEASE_BIN="${RELEASE_BIN:-target/release/dichvucong}"
# cargo-leptos 0.3.10 writes the hashed file names to hash.txt beside the binary; leptos looks for
# LEPTOS_HASH_FILE_NAME relative to the executable's directory.
RELEASE_ENV=(LEPTOS_OUTPUT_NAME="$RELEASE_NAME" LEPTOS_SITE_ROOT="${RELEASE_SITE_ROOT:-target/site}" LEPTOS_SITE_PKG_DIR=pkg
  LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt LEPTOS_ENV=PROD)

# stop_pid <pid> [signal] [tenths of a second to wait]: ask, wait, then kill; reaps our children.
stop_pid() {
  local pid=$1 signal=${2:-TERM} tenths=${3:-50}
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq "$tenths"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# wait_healthy <pid> <base url> <who> <log>: waits up to 60 s for /healthz to answer 200; on
# failure (the server exited, or never answered) says why, shows the log's tail and returns 1.
wait_healthy() {
  local pid=$1 base=$2 who=$3 log=$4 deadline=$((SECONDS + 60))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/healthz" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$who: server exited before /healthz answered 200" >&2
    elif [ "$SECONDS" -ge "$deadline" ]; then
      echo "$who: /healthz did not return 200 within 60 s" >&2
    else
      sleep 0.25
      continue
    fi
    echo "---- server log ($log) ----" >&2; tail -n 100 "$log" >&2 || true; echo "---- end of server log ----" >&2
    return 1
  done
}
