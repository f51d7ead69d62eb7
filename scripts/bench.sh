#!/usr/bin/env bash
# `make bench` (issue 3): speed, size and scale of the citizen front door against the physical
# floor, printed as one table and written to bench/RESULTS.md (with date, machine and load).
#
#   1. bytes over the wire per page, first visit (empty cache) / repeat visit / JS off,
#      as headless Chromium receives them (CDP Network.loadingFinished.encodedDataLength)
#   2. SSR throughput: wrk against the release binary and against nginx serving the
#      byte-identical HTML (same headers) as a static file, 50 and 200 connections
#   3. search at scale: criterion (benches/search.rs, 10k synthetic catalogue), per-call
#      p50/p99 of the same queries (scripts/bench/search_latency.rs), and the results page
#      served from a 10,000-procedure catalogue (wrk, 200 connections)
#   4. Lighthouse mobile (simulated slow 4G, 4x CPU) for every page of (1)
#   5. peak RSS of the server under the load of (2) with the 10k catalogue
#   6. build times: `make build` warm (timed here) + bench/build-times.tsv (measured by hand: fresh clone etc.)
#   7. how the front end reaches its embedded portal, loopback HTTP vs in-process, side by side
#      (scripts/bench/transport.sh): the query mix, and RSS / connections after a 1,000-connection burst
#   8. applying online (scripts/bench/apply.sh, phase `apply`): bytes of each apply page with JS
#      on and off, a step save and a submission under wrk at 50/200 connections, 20 uploads of
#      10 MB at once (MB/s, peak RSS over idle)
#   9. following a dossier (scripts/bench/track.sh, phase `track`): bytes of /track and of a status
#      page with JS on and off, the status page rendered under wrk at 50/200 connections, and a
#      lookup with a wrong second factor against a right one (portal API and the /track form)
#
# Env knobs:
#   BENCH_DURATION=10s    wrk duration per run           BENCH_THREADS=2   wrk threads
#   BENCH_PORT_BASE=3200  ports BASE+1..BASE+8 are used  BENCH_CATALOGUE=10000
#   BENCH_SKIP=build,bytes,lighthouse,wrk,scale,criterion,transport,apply,track   (comma list of phases to skip)
#   BENCH_QUICK=1         short runs (3 s wrk, short criterion, Lighthouse on the results page only,
#                         5 s burst and 10 s wait in phase 7, 2 s submission runs in phase 8,
#                         3000 dossiers in phase 9)
#   BENCH_APPLY_DRAFTS=20000  complete drafts made for the submission runs of phase 8 (half each; 4000 quick)
#   BENCH_TRACK_DOSSIERS=8000 dossiers sent for the lookup runs of phase 9 (3000 quick)
#   RELEASE_BIN, RELEASE_SITE_ROOT   a build kept elsewhere (scripts/release-server.sh)
#   BENCH_RESULTS=bench/RESULTS.md   where the results go (BENCH_RESULTS=- : print only)
#   BENCH_CARGO_TARGET_DIR=target/bench-cargo   cargo target dir of the criterion build (see below)
# Raw artefacts (wrk JSON, Lighthouse JSON, bytes JSON, logs) are kept in target/bench/<utc-time>/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

QUICK="${BENCH_QUICK:-0}"
DURATION="${BENCH_DURATION:-$([ "$QUICK" = 1 ] && echo 3s || echo 10s)}"
THREADS="${BENCH_THREADS:-2}"
PORT_BASE="${BENCH_PORT_BASE:-3200}"
SEED_PORT=$((PORT_BASE + 1))
BIG_PORT=$((PORT_BASE + 2))
NGINX_PORT=$((PORT_BASE + 3))
NOCACHE_PORT=$((PORT_BASE + 4))
LOOPBACK_PORT=$((PORT_BASE + 5))
INPROC_PORT=$((PORT_BASE + 6))
APPLY_PORT=$((PORT_BASE + 7))
TRACK_PORT=$((PORT_BASE + 8))
CATALOGUE_SIZE="${BENCH_CATALOGUE:-10000}"
RESULTS="${BENCH_RESULTS:-bench/RESULTS.md}"
SKIP=",${BENCH_SKIP:-},"
source scripts/release-server.sh
BIN=$RELEASE_BIN
case "$BIN" in /*) ;; *) BIN="./$BIN" ;; esac   # env(1) would search PATH for a bare name
OUTPUT_NAME=$RELEASE_NAME

# The pages of issue 3. /track is not built yet (404): measured anyway and labelled so.
PAGES=(
  "home=/"
  "results=/procedures?q=khai%20sinh"
  "procedure=/procedures/1.001193"
  "apply=/apply/1.001193"
  "track=/track"
)
RESULTS_PATH="/procedures?q=khai%20sinh"
PROCEDURE_PATH="/procedures/1.001193"

skip() { [[ "$SKIP" == *",$1,"* ]]; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
say() { printf '==> bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
[ -x "$BIN" ] || die "$BIN not found — run 'make build' first"
[ -f "$(dirname "$BIN")/hash.txt" ] || die "$(dirname "$BIN")/hash.txt missing — run 'make build' first"
for tool in wrk nginx node curl jq; do command -v "$tool" >/dev/null || die "$tool not found — run scripts/setup.sh (jq: apt-get install jq)"; done
skip lighthouse || command -v lighthouse >/dev/null || die "lighthouse not found — run scripts/setup.sh (npm ci)"
[ -x "$CHROME_PATH" ] || die "chromium not found at $CHROME_PATH"
for port in "$SEED_PORT" "$BIG_PORT" "$NGINX_PORT" "$NOCACHE_PORT" "$LOOPBACK_PORT" "$INPROC_PORT" "$APPLY_PORT" "$TRACK_PORT"; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
    die "something is already listening on 127.0.0.1:$port — stop it or set BENCH_PORT_BASE"
  fi
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
ART="$ROOT/target/bench/$STAMP"
mkdir -p "$ART"
TMP=$(mktemp -d -t dichvucong-bench.XXXXXX)
chmod 755 "$TMP" # nginx workers (user nobody) read the static copy from here
START_EPOCH=$(date +%s)

PIDS=()
NGINX_PID=
cleanup() {
  local rc=$?
  [ -z "$NGINX_PID" ] || stop_pid "$NGINX_PID" QUIT 30
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$TMP"
  [ "$rc" -eq 0 ] || echo "bench: failed (exit $rc); artefacts so far in $ART" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- machine + load
meta() { printf '%s\t%s\n' "$1" "$2" >>"$ART/meta.tsv"; }
# Load average, and what else is busy right now (the machine is shared): processes over 20 % of
# a CPU over half a second, other than this benchmark's own; then the host's speed.
load_sample() {
  local busy
  busy=$(top -b -n 2 -d 0.5 -w 512 2>/dev/null | awk '
      /^top -/ { n++ } n == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 > 20 && $12 !~ /^(wrk|dichvucong|nginx|top|node|chromium|chrome|headless_shell)$/ {
        printf "%s(%d%%) ", $12, $9 }' | head -c 200 || true)
  # And how fast the host is right now: its speed swings (scripts/bench/host_speed.py).
  local speed
  speed=$(timeout 30 python3 scripts/bench/host_speed.py 2>/dev/null || printf '?\t?')
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" "${busy:-none}" "$(($(date +%s) - START_EPOCH))" \
    "$speed" >>"$ART/load.tsv"
}
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
meta cores "$(nproc)"
meta memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
meta os "$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}") · Linux $(uname -r)"
# Uncommitted changes outside the benchmark's own files mean the numbers are not those of the commit.
dirty=$(git status --porcelain -- . ':(exclude)scripts/bench.sh' ':(exclude)scripts/bench' ':(exclude)bench' 2>/dev/null | wc -l)
meta git "$(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ "$dirty" = 0 ] || echo " + uncommitted changes in $dirty file(s)")"
meta rustc "$(rustc -V 2>/dev/null || echo '?')"
meta tools "wrk $(wrk --version 2>&1 | sed -n 's/^wrk \([^ ]*\).*/\1/p' | head -n1) · $(nginx -v 2>&1 | sed 's/.*: //') · $("$CHROME_PATH" --version 2>/dev/null | head -n1) · lighthouse $(lighthouse --version 2>/dev/null || echo '-') · node $(node --version)"
meta wrk_duration "$DURATION"
meta wrk_threads "$THREADS"
meta catalogue_size "$CATALOGUE_SIZE"
meta quick "$QUICK"
load_sample start

# ---------------------------------------------------------------- 6. build (first: the rest measures this build)
if ! skip build; then
  say "timing 'make build' (warm; rebuilds only what changed since the last build)"
  t0=$(date +%s.%N)
  if make build >"$ART/make-build.log" 2>&1; then
    t1=$(date +%s.%N)
    compiled=$(grep -c '^ *Compiling ' "$ART/make-build.log" || true)
    note="warm: nothing to recompile"
    [ "$compiled" = 0 ] || note="not warm: $compiled crate build(s) since the last build (sources changed)"
    printf 'make build (release: server + wasm + precompression)\t%s\t%s\n' "$(elapsed "$t0" "$t1")" "$note" >>"$ART/build.tsv"
  else
    echo "bench: 'make build' failed — benchmarking the existing build; see $ART/make-build.log" >&2
    tail -n 30 "$ART/make-build.log" >&2 || true
    printf 'make build (release)\tfailed\tsee target/bench/%s/make-build.log\n' "$STAMP" >>"$ART/build.tsv"
  fi
fi
[ -f bench/build-times.tsv ] && cat bench/build-times.tsv >>"$ART/build.tsv"
meta server_binary "$(stat -c '%y' "$BIN" | cut -d. -f1) · $(du -h "$BIN" | cut -f1)"

# Cargo must see the same LEPTOS_OUTPUT_NAME as cargo-leptos, or leptos_config (option_env!) and
# everything above it would be recompiled.
cargo_env() { env LEPTOS_OUTPUT_NAME="$OUTPUT_NAME" "$@"; }
# The bench profile builds the lib with criterion's dev-dependency features, and a cdylib lib's
# files are not named by hash: in target/ it would overwrite the release lib and cost the next
# `make build` a recompile (and this script one too). It gets its own target dir instead; the
# first run there compiles all dependencies once (minutes), later runs only what changed.
BENCH_TARGET="${BENCH_CARGO_TARGET_DIR:-target/bench-cargo}"

# ---------------------------------------------------------------- servers
SERVER_PID=
start_server() { # name port [extra env...]
  local name=$1 port=$2
  shift 2
  local log="$ART/server-$name.log"
  env "${RELEASE_ENV[@]}" RUST_LOG=warn LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$TMP/$name.db" "$@" \
    "$BIN" >"$log" 2>&1 </dev/null &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  local deadline=$((SECONDS + 120))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/healthz" || true)" = 200 ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 50 "$log" >&2; die "server '$name' exited before /healthz answered"; }
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 50 "$log" >&2; die "server '$name': /healthz not 200 within 120 s"; }
    sleep 0.2
  done
}

# run_wrk <label> <url> <connections> [Header: value] [duration] [threads]
run_wrk() {
  local label=$1 url=$2 conns=$3 header=${4:-} dur=${5:-$DURATION} threads=${6:-$THREADS}
  [ "$threads" -le "$conns" ] || threads=$conns
  local load1 line
  load1=$(cut -d' ' -f1 /proc/loadavg)
  line=$(WRK_HEADER="$header" wrk -t"$threads" -c"$conns" -d"$dur" --timeout 10s \
    -s "${WRK_SCRIPT:-scripts/bench/report.lua}" "$url" 2>"$ART/wrk-$label.err" | tail -n1)
  echo "$line" | jq -e . >/dev/null 2>&1 || die "wrk $label: no result (see $ART/wrk-$label.err)"
  jq -nc --arg lbl "$label" --arg url "$url" --argjson conns "$conns" --argjson threads "$threads" \
    --arg dur "$dur" --arg hdr "$header" --argjson load1 "$load1" --argjson r "$line" --arg script "${WRK_SCRIPT:-}" \
    '{"label":$lbl,"url":$url,"conns":$conns,"threads":$threads,"duration":$dur,"header":$hdr,"load1_before":$load1,"script":$script} + $r' \
    >>"$ART/wrk.jsonl"
  printf '    %-34s c=%-3s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %6.0f B/req%s\n' "$label" "$conns" \
    "$(jq -r .rps <<<"$line")" "$(jq -r .p50_ms <<<"$line")" "$(jq -r .p99_ms <<<"$line")" \
    "$(jq -r .bytes_per_req <<<"$line")" \
    "$(jq -r --arg lbl "$label" 'if ((if ($lbl | test("404")) then 0 else .non2xx end) + .err_connect + .err_read + .err_write + .err_timeout) > 0 then "  ERRORS: non2xx \(.non2xx) timeouts \(.err_timeout) read \(.err_read)" else "" end' <<<"$line")" >&2
}

# ---------------------------------------------------------------- compile what the search phase needs
# Compiled before any measurement so that cargo never competes with the servers for the CPU.
# (The bench profile builds the lib with criterion's feature set: the next `make build` relinks it.)
HELPER=
CRITERION=0
if ! skip criterion; then
  say "compiling benches/search.rs (cargo bench --no-run, CARGO_TARGET_DIR=$BENCH_TARGET) and scripts/bench/search_latency.rs"
  [ -d "$BENCH_TARGET/release" ] || say "first run: $BENCH_TARGET is empty, all dependencies compile once (several minutes)"
  t0=$(date +%s.%N)
  if cargo_env CARGO_TARGET_DIR="$BENCH_TARGET" cargo bench --features ssr --bench search --no-run \
    --message-format=json-render-diagnostics >"$ART/cargo-bench-build.json" 2>"$ART/cargo-bench-build.log"; then
    # The executable built now is the one run later (not `cargo bench`, which would rebuild
    # whatever changed in the work tree meanwhile).
    BENCH_EXE=$(jq -r 'select(.reason == "compiler-artifact" and .executable != null and (.target.kind | index("bench"))) | .executable' \
      "$ART/cargo-bench-build.json" | tail -n1)
    [ -x "$BENCH_EXE" ] && CRITERION=1
    printf 'cargo bench --bench search --no-run (own target dir)\t%s\t%s crate build(s)\n' "$(elapsed "$t0" "$(date +%s.%N)")" \
      "$(jq -r 'select(.reason == "compiler-artifact" and .fresh == false) | .target.name' "$ART/cargo-bench-build.json" | wc -l)" >>"$ART/build.tsv"
    if rustc --edition 2021 -C opt-level=3 -C codegen-units=1 scripts/bench/search_latency.rs \
      --extern dichvucong="$BENCH_TARGET/release/deps/libdichvucong.rlib" -L dependency="$BENCH_TARGET/release/deps" \
      -o "$TMP/search_latency" >"$ART/search-latency-build.log" 2>&1; then
      HELPER="$TMP/search_latency"
    else
      echo "bench: scripts/bench/search_latency.rs did not compile (per-call p50/p99 skipped); see $ART/search-latency-build.log" >&2
      meta warning "scripts/bench/search_latency.rs did not compile: per-call search percentiles missing"
    fi
  else
    tail -n 30 "$ART/cargo-bench-build.log" >&2
    echo "bench: cargo bench --no-run failed — search benchmarks skipped" >&2
    meta warning "cargo bench --no-run failed: criterion and per-call search numbers missing"
  fi
fi
# The free-text queries of benches/search.rs (search_latency.rs and the wrk query mix use them).
sed -n '/^const QUERIES/,/^\];/p' benches/search.rs | grep -o '"[^"]*"' | sed 's/^"//; s/"$//' >"$TMP/queries.txt" || true
[ -s "$TMP/queries.txt" ] || printf 'khai sinh\n' >"$TMP/queries.txt"
if ! skip scale || ! skip transport; then
  say "generating the $CATALOGUE_SIZE-procedure catalogue"
  # Same profile and features as the release server: only the small bin is compiled here.
  if ! cargo_env cargo build --release --features ssr --bin gen-catalogue >"$ART/gen-catalogue-build.log" 2>&1; then
    tail -n 30 "$ART/gen-catalogue-build.log" >&2
    [ -x target/release/gen-catalogue ] || die "cannot build gen-catalogue"
    echo "bench: gen-catalogue did not build; using the existing target/release/gen-catalogue" >&2
  fi
  target/release/gen-catalogue --procedures "$CATALOGUE_SIZE" --out "$TMP/catalogue.json"
fi

# ---------------------------------------------------------------- seed catalogue server
say "starting $BIN on 127.0.0.1:$SEED_PORT (fresh database, seed catalogue)"
start_server seed "$SEED_PORT"
SEED_PID=$SERVER_PID
SEED="http://127.0.0.1:$SEED_PORT"
for p in "${PAGES[@]}"; do
  printf '%s\t%s\n' "${p%%=*}" "$(curl -s -o /dev/null -w '%{http_code}' "$SEED${p#*=}")" >>"$ART/status.tsv"
done

# 1. bytes
if ! skip bytes; then
  say "1. bytes over the wire (headless Chromium, CDP)"
  load_sample bytes
  node scripts/bench/bytes.mjs "$SEED" "$ART/bytes.json" --repeat=results "${PAGES[@]}"
fi

# 4. Lighthouse (before the load tests, on an idle server)
if ! skip lighthouse; then
  say "4. Lighthouse mobile (simulated slow 4G, 4x CPU slowdown)"
  load_sample lighthouse
  chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage"
  for p in "${PAGES[@]}"; do
    name=${p%%=*}
    if [ "$QUICK" = 1 ] && [ "$name" != results ]; then continue; fi
    echo "    $name" >&2
    lighthouse "$SEED${p#*=}" --output=json --output-path="$ART/lighthouse-$name.json" --quiet \
      --form-factor=mobile --chrome-flags="$chrome_flags" >"$ART/lighthouse-$name.log" 2>&1 \
      || echo "bench: lighthouse $name exited $? (see $ART/lighthouse-$name.log)" >&2
  done
fi

# 2. SSR vs nginx static of the same bytes
if ! skip wrk; then
  say "2. SSR throughput vs nginx static (wrk -t$THREADS -d$DURATION)"
  WWW="$TMP/www"
  mkdir -p "$WWW" "$TMP/nginx"
  chmod 755 "$WWW"
  curl -s -o "$WWW/results.html" "$SEED$RESULTS_PATH"
  curl -s -o "$WWW/procedure.html" "$SEED$PROCEDURE_PATH"
  curl -s -H 'Accept-Encoding: br' -o "$WWW/results-br.html" "$SEED$RESULTS_PATH"
  chmod 644 "$WWW"/*
  # The server's own response headers (security headers, cache-control, vary), so that both sides
  # send the same bytes; nginx adds Server/ETag/Last-Modified/Accept-Ranges of its own.
  curl -s -D - -o /dev/null "$SEED$RESULTS_PATH" | tr -d '\r' \
    | awk -F': ' 'NR > 1 && NF > 1 && tolower($1) !~ /^(date|content-type|content-length|transfer-encoding|connection|content-encoding)$/ && $0 !~ /["$]/ {
        printf "add_header %s \"%s\" always;\n", $1, substr($0, length($1) + 3) }' >"$TMP/nginx/headers.conf"
  cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server_tokens off;
  etag off;
  types { }
  default_type "text/html; charset=utf-8";
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WWW;
    include $TMP/nginx/headers.conf;
    location = /results-br.html {
      include $TMP/nginx/headers.conf;
      add_header Content-Encoding br always;
    }
  }
}
EOF
  nginx -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -t >"$ART/nginx-t.log" 2>&1 \
    || { cat "$ART/nginx-t.log" >&2; die "nginx rejected the generated configuration"; }
  nginx -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" &
  NGINX_PID=$!
  NGX="http://127.0.0.1:$NGINX_PORT"
  for _ in $(seq 50); do curl -s -o /dev/null "$NGX/results.html" && break; sleep 0.1; done
  cmp -s <(curl -s "$NGX/results.html") "$WWW/results.html" || die "nginx does not serve the saved page"
  cp "$TMP/nginx/nginx.conf" "$ART/nginx.conf"
  cp "$WWW/results.html" "$ART/results.html"

  load_sample wrk-seed
  # Interleaved (server, nginx, server, nginx ...) so that a change in the background load hits both.
  for c in 50 200; do
    run_wrk "ssr-results-c$c" "$SEED$RESULTS_PATH" "$c"
    run_wrk "nginx-results-c$c" "$NGX/results.html" "$c"
  done
  for c in 50 200; do
    run_wrk "ssr-procedure-c$c" "$SEED$PROCEDURE_PATH" "$c"
    run_wrk "nginx-procedure-c$c" "$NGX/procedure.html" "$c"
  done
  # As phones get it: brotli. Both send stored br bytes (the server's page cache compresses once).
  run_wrk "ssr-results-br-c50" "$SEED$RESULTS_PATH" 50 "Accept-Encoding: br"
  run_wrk "nginx-results-br-c50" "$NGX/results-br.html" 50 "Accept-Encoding: br"
  # Reference points for where the time goes (shorter runs).
  ref_dur=$([ "$QUICK" = 1 ] && echo 2s || echo 5s)
  run_wrk "ref-healthz-c50" "$SEED/healthz" 50 "" "$ref_dur"
  run_wrk "ref-api-search-c50" "$SEED/portal/v1/procedures?q=khai%20sinh" 50 "" "$ref_dur"
  run_wrk "ref-404-page-c50" "$SEED/track" 50 "" "$ref_dur"
  load_sample wrk-seed-end
fi
stop_pid "$SEED_PID"

# 2b. The same pages with the page cache off: what rendering every request costs.
if ! skip wrk; then
  say "2b. SSR with the page cache off (PAGE_CACHE_SECONDS=0)"
  start_server nocache "$NOCACHE_PORT" PAGE_CACHE_SECONDS=0
  NOCACHE_PID=$SERVER_PID
  NOCACHE="http://127.0.0.1:$NOCACHE_PORT"
  for c in 50 200; do
    run_wrk "nocache-ssr-results-c$c" "$NOCACHE$RESULTS_PATH" "$c"
  done
  run_wrk "nocache-ssr-procedure-c50" "$NOCACHE$PROCEDURE_PATH" 50
  run_wrk "nocache-ssr-results-br-c50" "$NOCACHE$RESULTS_PATH" 50 "Accept-Encoding: br"
  stop_pid "$NOCACHE_PID"
fi

# ---------------------------------------------------------------- 8. applying online
if ! skip apply; then
  load_sample apply
  source scripts/bench/apply.sh
  apply_phase "$APPLY_PORT"
fi

# ---------------------------------------------------------------- 9. following a dossier
if ! skip track; then
  load_sample track
  source scripts/bench/track.sh
  track_phase "$TRACK_PORT"
fi

# ---------------------------------------------------------------- 3 + 5. 10k catalogue server
if ! skip scale; then
  say "3/5. server with the $CATALOGUE_SIZE-procedure catalogue on 127.0.0.1:$BIG_PORT (fresh database)"
  t0=$(date +%s.%N)
  start_server big "$BIG_PORT" PORTAL_EXTRA_CATALOGUE="$TMP/catalogue.json"
  BIG_PID=$SERVER_PID
  BIG="http://127.0.0.1:$BIG_PORT"
  startup_s=$(elapsed "$t0" "$(date +%s.%N)")
  hwm_start=$(awk '/VmHWM/ {print $2}' "/proc/$BIG_PID/status")
  rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$BIG_PID/status")
  total=$(curl -s "$BIG/portal/v1/procedures?per_page=1" | jq -r .total)
  # Reset the high-water mark (Linux >= 4.0), so VmHWM after the load is the peak *under load*,
  # not the start-up import; a sampler keeps the max VmRSS as a cross-check.
  clear_ok=false
  echo 5 >"/proc/$BIG_PID/clear_refs" 2>/dev/null && clear_ok=true
  (while kill -0 "$BIG_PID" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$BIG_PID/status" 2>/dev/null; sleep 0.2; done) \
    >"$ART/rss-samples.txt" 2>/dev/null &
  SAMPLER=$!
  PIDS+=("$SAMPLER")
  load_sample wrk-10k
  for c in 50 200; do
    run_wrk "10k-ssr-results-c$c" "$BIG$RESULTS_PATH" "$c"
  done
  for c in 50 200; do
    run_wrk "10k-ssr-procedure-c$c" "$BIG$PROCEDURE_PATH" "$c"
  done
  # The fixed URL above is answered from the page cache after its first request. The query mix
  # (benches/search.rs's queries, random letter case: same work, never the same URL) misses both
  # the page cache and the portal-answer cache: a render and a search behind every request.
  for c in 50 200; do
    WRK_SCRIPT=scripts/bench/mix.lua WRK_QUERY_FILE="$TMP/queries.txt" WRK_PATH="/procedures?q=" \
      run_wrk "10k-ssr-results-querymix-c$c" "$BIG" "$c"
  done
  run_wrk "10k-api-search-c1" "$BIG/portal/v1/procedures?q=khai%20sinh" 1 "" "$([ "$QUICK" = 1 ] && echo 2s || echo 5s)" 1
  load_sample wrk-10k-end
  hwm_load=$(awk '/VmHWM/ {print $2}' "/proc/$BIG_PID/status")
  rss_end=$(awk '/VmRSS/ {print $2}' "/proc/$BIG_PID/status")
  threads=$(awk '/Threads/ {print $2}' "/proc/$BIG_PID/status")
  kill "$SAMPLER" 2>/dev/null || true
  wait "$SAMPLER" 2>/dev/null || true
  rss_max=$(sort -n "$ART/rss-samples.txt" | tail -n1)
  jq -n --argjson total "${total:-0}" --argjson startup "$startup_s" --argjson hwm_start "$hwm_start" \
    --argjson rss_idle "$rss_idle" --argjson hwm_load "$hwm_load" --argjson rss_end "$rss_end" \
    --argjson rss_max "${rss_max:-0}" --argjson clear_ok "$clear_ok" --argjson threads "$threads" \
    '{procedures:$total, startup_s:$startup, hwm_start_kb:$hwm_start, rss_idle_kb:$rss_idle,
      hwm_load_kb:$hwm_load, rss_end_kb:$rss_end, rss_sampled_max_kb:$rss_max, hwm_reset:$clear_ok, threads:$threads}' \
    >"$ART/memory.json"
  printf '    procedures %s · start-up %.1f s · VmHWM start-up %s kB · under load %s kB (reset: %s) · sampled max %s kB\n' \
    "$total" "$startup_s" "$hwm_start" "$hwm_load" "$clear_ok" "$rss_max" >&2
  stop_pid "$BIG_PID"
fi

# ---------------------------------------------------------------- 7. embedded portal: loopback HTTP vs in-process
if ! skip transport; then
  source scripts/bench/transport.sh
  transport_phase "$LOOPBACK_PORT" "$INPROC_PORT" "$TMP/catalogue.json"
fi

# ---------------------------------------------------------------- 3. criterion + per-call latency
if [ "$CRITERION" = 1 ]; then
  say "3. search: criterion (benches/search.rs)"
  load_sample criterion
  crit_args=(--noplot --warm-up-time 1 --measurement-time "$([ "$QUICK" = 1 ] && echo 1 || echo 3)")
  touch "$ART/criterion.start"
  CRITERION_HOME="$BENCH_TARGET/criterion" "$BENCH_EXE" --bench "${crit_args[@]}" search_10k >"$ART/criterion.log" 2>&1 \
    || { tail -n 30 "$ART/criterion.log" >&2; die "criterion run failed"; }
  # Every criterion benchmark written by this run: id + estimates + raw samples.
  find "$BENCH_TARGET/criterion" -path '*/new/estimates.json' -newer "$ART/criterion.start" -print0 2>/dev/null \
    | while IFS= read -r -d '' est; do
        dir=$(dirname "$est")
        jq -c --slurpfile b "$dir/benchmark.json" --slurpfile s "$dir/sample.json" \
          '{id: $b[0].full_id, mean_ns: .mean.point_estimate, mean_lo_ns: .mean.confidence_interval.lower_bound,
            mean_hi_ns: .mean.confidence_interval.upper_bound, median_ns: .median.point_estimate,
            samples: [$s[0].iters, $s[0].times] | transpose | map(.[1] / .[0])}' "$est"
      done >"$ART/criterion.jsonl"
  jq -r '"    \(.id): mean \(.mean_ns / 1000 | . * 10 | round / 10) µs"' "$ART/criterion.jsonl" >&2 || true
  if [ -n "$HELPER" ]; then
    say "3. search: per-call latency distribution (scripts/bench/search_latency.rs)"
    CATALOGUE_SIZE="$CATALOGUE_SIZE" MIN_MS="$([ "$QUICK" = 1 ] && echo 100 || echo 400)" "$HELPER" \
      <"$TMP/queries.txt" >"$ART/search-latency.jsonl"
  fi
fi
load_sample end
meta elapsed_s "$(($(date +%s) - START_EPOCH))"

# ---------------------------------------------------------------- report
say "report"
node scripts/bench/report.mjs "$ART" "$RESULTS"
[ "$RESULTS" = - ] || say "written to $RESULTS (raw artefacts: target/bench/$STAMP/)"
