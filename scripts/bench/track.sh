# Sourced by scripts/bench.sh (uses its start_server, run_wrk, stop_pid, say, die, load_sample,
# elapsed, $ART, $TMP, $QUICK, $DURATION, $THREADS): the track phase, following a dossier (issue 9).
#
# A fresh database and file store, APPLY_ONLINE on, an officer token. Dossiers are sent first
# through the portal API (scripts/bench/track_prep.py: every page answered, a small PDF for every
# mandatory document, submitted), and an officer moves one of them along (accept, start
# processing, ask for a supplement: a timeline of four events); then:
#   a. bytes over the wire of `/track` and of that dossier's status page `/track/{token}`,
#      JavaScript on (first visit) and off (bytes.mjs);
#   b. wrk, 50 and 200 connections: the status page. `/track/*` is not among the page cache's
#      paths (src/server/page_cache/mod.rs, CACHEABLE: catalogue pages only), so every request
#      renders it: the dossier and its timeline read, the page rendered;
#   c. lookups, 50 connections, a wrong second factor against the right one: the portal API's
#      `POST /portal/v1/dossiers/lookup` and the `/track` form's POST (scripts/bench/track.lua). Requests from 127.0.0.1 that no proxy forwarded are not limited
#      per client (src/server/http/rate_limit.rs); the portal's limit per code (10 lookups of one
#      code, then one a minute) stays as it is: every run takes each code of the dossiers sent
#      first once (a warm-up run, then wrong, right, right, wrong for each of the two: 9 lookups of
#      a code in all). A run ends when its codes are used up; its rate is over that time (track.lua).
# Results: wrk rows `track-*` in wrk.jsonl, bytes-track.json, track.json, track-*.status.
# Env: BENCH_TRACK_DOSSIERS (dossiers sent for the lookup runs; 3000 quick, 8000 otherwise),
#      each run of (c) is one lookup of each of them.

TRACK_PROCEDURE=1.001193
TRACK_OFFICER_TOKEN=bench-officer-token-0123456789abcdef

# lookup_run <api|form> <right|wrong> <label> <base url> <second factor>: one lookup of every code
# (scripts/bench/track.lua; the run ends when they are used up, -d is only a cap).
lookup_run() {
  local kind=$1 label=$3 base=$4 factor=$5
  rm -f "$ART/$label.status.stopped"
  WRK_SCRIPT=scripts/bench/track.lua WRK_MODE=$kind WRK_FACTOR=$factor WRK_USES=1 WRK_THREADS="$THREADS" \
    WRK_CODES="$TMP/track/codes.txt" WRK_STATUS="$ART/$label.status" \
    run_wrk "$label" "$base" 50 "" 120s
  printf '      answers: %s\n' "$(sort "$ART/$label.status" | tr '\n' ' ')" >&2
  if grep -q '^429' "$ART/$label.status"; then
    echo "      (429: the limit per code answered, not the lookup: more dossiers needed)" >&2
  fi
}

# track_phase <port>
track_phase() {
  local port=$1 base pid
  base="http://127.0.0.1:$port"
  say "track: following a dossier — /track, a status page, lookups with a right and a wrong second factor"
  start_server track "$port" APPLY_ONLINE=true SITE_URL="$base" DATABASE_URL="sqlite://$TMP/track.db" \
    ATTACHMENTS_STORE="$TMP/track-attachments" OFFICER_TOKENS="bench:process:$TRACK_OFFICER_TOKEN"
  pid=$SERVER_PID

  local dossiers t0
  dossiers="${BENCH_TRACK_DOSSIERS:-$([ "$QUICK" = 1 ] && echo 3000 || echo 8000)}"
  t0=$(date +%s.%N)
  python3 scripts/bench/track_prep.py "$base" "$TRACK_PROCEDURE" "$TMP/track" "$dossiers" "$TRACK_OFFICER_TOKEN" \
    2>"$ART/track-prep.log" || { tail -n 20 "$ART/track-prep.log" >&2; die "track: sending dossiers failed"; }
  printf '    %s dossiers sent through the API in %s s\n' "$dossiers" "$(elapsed "$t0" "$(date +%s.%N)")" >&2
  cp "$TMP/track/track.json" "$ART/track.json"
  local code token right wrong status
  code=$(jq -r .code "$TMP/track/track.json")
  token=$(jq -r .token "$TMP/track/track.json")
  right=$(jq -r .right_factor "$TMP/track/track.json")
  wrong=$(jq -r .wrong_factor "$TMP/track/track.json")
  status="/track/$token"

  # The measurements must measure what they say: the status page shows the officer's steps, the
  # right factor opens a dossier and the wrong one does not (on the status page's own dossier,
  # not on the codes of the runs: their budget is theirs).
  local page events
  page=$(curl -s "$base$status")
  events=$(grep -o 'class="timeline-event' <<<"$page" | wc -l)
  printf '%s' "$page" >"$ART/track-status.html"
  grep -q "$code" <<<"$page" || die "track: the status page $status does not show its dossier $code"
  [ "$events" -ge 4 ] || die "track: the status page $status shows $events timeline event(s), not the 4 of its dossier"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"second_factor\":\"$right\"}" "$base/portal/v1/dossiers/lookup")" = 200 ] \
    || die "track: the right second factor does not open $code"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"second_factor\":\"$wrong\"}" "$base/portal/v1/dossiers/lookup")" = 404 ] \
    || die "track: the wrong second factor does not answer 404 for $code"
  [[ "$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode "code=$code" --data-urlencode "second_factor=$right" "$base/track")" == "$base/track/"* ]] \
    || die "track: the /track form with the right second factor does not lead to a status page"
  [[ "$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode "code=$code" --data-urlencode "second_factor=$wrong" "$base/track")" == "$base/track?error=1"* ]] \
    || die "track: the /track form with a wrong second factor does not lead back to /track?error=1"
  jq --argjson li "$events" '. + {timeline_events: $li}' "$ART/track.json" >"$TMP/track/t.json" && mv "$TMP/track/t.json" "$ART/track.json"

  # a. Bytes, as a browser gets them.
  load_sample track-bytes
  node scripts/bench/bytes.mjs "$base" "$ART/bytes-track.json" "track=/track" "status=$status"

  # b. The status page, rendered for every request.
  load_sample track-wrk
  local c
  for c in 50 200; do
    run_wrk "track-status-c$c" "$base$status" "$c"
  done

  # c. Lookups. A warm-up pass first (the right factor through the API, not reported), then for
  # the API and for the form: wrong, right, right, wrong (runs a and b), so that a change of
  # background load over the four runs weighs on both sides alike. One lookup of each code per
  # run: 1 + 8 of the portal's 10 per code.
  load_sample track-lookups
  lookup_run api right track-lookup-warmup-c50 "$base" "$right"
  local kind factor run
  for kind in api form; do
    for run in wrong-a right-a right-b wrong-b; do
      factor=${run%-*}
      local f=$right label="track-lookup-$kind-$factor-c50-${run#*-}"
      [ "$factor" = right ] || f=$wrong
      # The portal API answers a wrong factor 404 (wrk counts it as an error; the label says it).
      [ "$kind/$factor" != api/wrong ] || label="track-lookup-api-wrong-404-c50-${run#*-}"
      lookup_run "$kind" "$factor" "$label" "$base" "$f"
    done
  done
  stop_pid "$pid"
}
