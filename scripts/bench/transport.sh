# Sourced by scripts/bench.sh (uses its start_server, run_wrk, stop_pid, say, load_sample, $ART,
# $TMP, $QUICK, $DURATION): phase 7, how the front end reaches its embedded portal (issue 7 §6).
#
# Two servers on the same 10k catalogue, side by side: `loopback` calls its portal over HTTP on
# its own address (PORTAL_IN_PROCESS=false, the way before issue 7), `inproc` calls the portal's
# router in-process (the default). On each, fresh: a burst of 1,000 connections for 10 s, every
# request a different URL (the query mix: no cache answers), then RSS, open file descriptors and
# the connections the server holds to itself, right after the burst and 30 s later. Then the query
# mix at 50 and 200 connections, interleaved (loopback, inproc, ...) so background load hits both.
# Results: wrk rows `transport-<mode>-*` in wrk.jsonl, one line per mode in transport.jsonl.

# transport_phase <port for loopback> <port for inproc> <catalogue file>
transport_phase() {
  local loop_port=$1 inproc_port=$2 catalogue=$3
  local burst_dur settle
  burst_dur=$([ "$QUICK" = 1 ] && echo 5s || echo 10s)
  settle=$([ "$QUICK" = 1 ] && echo 10 || echo 30)
  # Server and wrk each hold 1,000 connections, and the loopback server up to as many again to
  # itself, twice (both ends).
  [ "$(ulimit -n)" -ge 8192 ] || ulimit -n 8192 2>/dev/null \
    || echo "bench: ulimit -n is $(ulimit -n): the 1,000-connection burst may run out of file descriptors" >&2

  say "7. portal transport: loopback HTTP vs in-process ($CATALOGUE_SIZE-procedure catalogue)"
  start_server transport-loopback "$loop_port" PORTAL_EXTRA_CATALOGUE="$catalogue" PORTAL_IN_PROCESS=false
  local loop_pid=$SERVER_PID
  start_server transport-inproc "$inproc_port" PORTAL_EXTRA_CATALOGUE="$catalogue" PORTAL_IN_PROCESS=true
  local inproc_pid=$SERVER_PID

  load_sample transport-burst
  transport_burst loopback "$loop_pid" "$loop_port" "$burst_dur" "$settle"
  transport_burst inproc "$inproc_pid" "$inproc_port" "$burst_dur" "$settle"

  load_sample transport-querymix
  local c mode port
  for c in 50 200; do
    for mode in loopback inproc; do
      port=$([ "$mode" = loopback ] && echo "$loop_port" || echo "$inproc_port")
      WRK_SCRIPT=scripts/bench/mix.lua WRK_QUERY_FILE="$TMP/queries.txt" WRK_PATH="/procedures?q=" \
        run_wrk "transport-$mode-querymix-c$c" "http://127.0.0.1:$port" "$c"
    done
  done
  load_sample transport-end
  stop_pid "$loop_pid"
  stop_pid "$inproc_pid"
}

proc_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
open_fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
# Established connections *to* the server's port: once wrk has gone, only the server's own
# client connections to itself (the loopback pool).
self_conns() { ss -Htn state established "( dport = :$1 )" 2>/dev/null | wc -l; }

# transport_burst <mode> <pid> <port> <wrk duration> <seconds to wait after>
transport_burst() {
  local mode=$1 pid=$2 port=$3 dur=$4 settle=$5
  local rss_idle fds_idle hwm_reset=false
  rss_idle=$(proc_kb "$pid" VmRSS)
  fds_idle=$(open_fds "$pid")
  # VmHWM after a reset (Linux >= 4.0) is the peak of the burst alone, not of the import.
  echo 5 >"/proc/$pid/clear_refs" 2>/dev/null && hwm_reset=true
  WRK_SCRIPT=scripts/bench/mix.lua WRK_QUERY_FILE="$TMP/queries.txt" WRK_PATH="/procedures?q=" \
    run_wrk "transport-$mode-burst-c1000" "http://127.0.0.1:$port" 1000 "" "$dur"
  local rss_0 fds_0 conns_0 hwm
  rss_0=$(proc_kb "$pid" VmRSS)
  fds_0=$(open_fds "$pid")
  conns_0=$(self_conns "$port")
  hwm=$(proc_kb "$pid" VmHWM)
  sleep "$settle"
  local rss_1 fds_1 conns_1
  rss_1=$(proc_kb "$pid" VmRSS)
  fds_1=$(open_fds "$pid")
  conns_1=$(self_conns "$port")
  jq -nc --arg mode "$mode" --arg dur "$dur" --argjson settle "$settle" --argjson hwm_reset "$hwm_reset" \
    --argjson rss_idle "$rss_idle" --argjson fds_idle "$fds_idle" --argjson hwm "$hwm" \
    --argjson rss_0 "$rss_0" --argjson fds_0 "$fds_0" --argjson conns_0 "$conns_0" \
    --argjson rss_1 "$rss_1" --argjson fds_1 "$fds_1" --argjson conns_1 "$conns_1" \
    '{mode:$mode, burst:$dur, settle_s:$settle, rss_idle_kb:$rss_idle, fds_idle:$fds_idle,
      hwm_burst_kb:$hwm, hwm_reset:$hwm_reset, rss_after_kb:$rss_0, fds_after:$fds_0, self_conns_after:$conns_0,
      rss_settled_kb:$rss_1, fds_settled:$fds_1, self_conns_settled:$conns_1}' >>"$ART/transport.jsonl"
  printf '    %-8s RSS idle %s kB · burst peak %s kB · after %s kB · %s s later %s kB · fds %s → %s → %s · connections to itself %s → %s\n' \
    "$mode" "$rss_idle" "$hwm" "$rss_0" "$settle" "$rss_1" "$fds_idle" "$fds_0" "$fds_1" "$conns_0" "$conns_1" >&2
}
