# Sourced by scripts/bench.sh (uses its start_server, run_wrk, stop_pid, say, load_sample, $ART,
# $TMP, $QUICK, $DURATION, $THREADS): the apply phase, applying online (issue 8).
#
# A fresh database and file store, APPLY_ONLINE on. Drafts are made first through the portal API
# (scripts/bench/apply_prep.py: every page answered, a small PDF for every mandatory document);
# then (the server restarted before each upload run, before the load runs and before those at 200
# connections, which number their dossiers as a second agency: one agency numbers at most 9,999 a day):
#   a. bytes over the wire of each apply page, JavaScript on and off (bytes.mjs with the draft's
#      cookie): start, a question page, documents, how the result comes back, check, receipt;
#   b. 20 uploads of 10 MB at once, each to its own draft, through the documents page's form
#      (multipart, as a browser without JS sends it), then again through the portal API (raw
#      body), each on a freshly started server: MB/s, and the server's peak RSS over idle;
#   c. wrk, 50 and 200 connections: a step saved (the question page's form POSTed, then the page
#      its 303 leads to), and a submission (POST …/submit, every request a different complete
#      draft, then the receipt page its 303 leads to) — scripts/bench/apply.lua.
# Results: wrk rows `apply-*` in wrk.jsonl, bytes-apply.json, apply-uploads.jsonl, apply.json.
# Env: BENCH_APPLY_DRAFTS (complete drafts for the submission runs), BENCH_APPLY_PAGE (child: the
#      question page of the step saves).

APPLY_PROCEDURE=1.001193
APPLY_UPLOADS=20
APPLY_UPLOAD_BYTES=10000000
# Drafts a submission run may send: one agency numbers at most 9,999 dossiers a day (XXXX in the
# dossier code), less the few the page measurements send.
APPLY_DAY_NUMBERS=9990

# apply_server <name> <port> [env...]: (re)starts the phase's server on its one database and file store.
apply_server() {
  start_server "$1" "$2" APPLY_ONLINE=true SITE_URL="http://127.0.0.1:$2" DATABASE_URL="sqlite://$TMP/apply.db" \
    ATTACHMENTS_STORE="$TMP/apply-attachments" "${@:3}"
}

# apply_phase <port>
apply_phase() {
  local port=$1 base pid
  base="http://127.0.0.1:$port"
  say "apply: applying online — pages, uploads, step saves, submissions ($APPLY_PROCEDURE)"
  apply_server apply "$port"
  pid=$SERVER_PID

  # Enough complete drafts that every submission of the two runs sends a new one, at the rate
  # this machine submits (a thread that has used up its share stops: the rate is then too low).
  # 10,000 for two 5 s runs ran out at ~2,000 submissions a second, and the rows showed the
  # drafts' count over the run's length (1,921 req/s) where the server did ~4,000 (session 11):
  # now 10,000 a run of 3 s, room for 3,300 a second.
  local submit_drafts save_drafts=400
  submit_drafts="${BENCH_APPLY_DRAFTS:-$([ "$QUICK" = 1 ] && echo 4000 || echo 20000)}"
  local t0
  t0=$(date +%s.%N)
  python3 scripts/bench/apply_prep.py "$base" "$APPLY_PROCEDURE" "$TMP/apply" "$save_drafts" "$submit_drafts" \
    "$((2 * APPLY_UPLOADS))" "${BENCH_APPLY_PAGE:-child}" 2>"$ART/apply-prep.log" || { tail -n 20 "$ART/apply-prep.log" >&2; die "apply: preparing drafts failed"; }
  printf '    %s drafts made through the API in %s s\n' "$(jq -r .drafts_made "$TMP/apply/journey.json")" \
    "$(elapsed "$t0" "$(date +%s.%N)")" >&2
  local code draft page receipt prefix
  code=$(jq -r .procedure "$TMP/apply/journey.json")
  draft=$(jq -r .draft "$TMP/apply/journey.json")
  page=$(jq -r .page "$TMP/apply/journey.json")
  receipt=$(jq -r .receipt "$TMP/apply/journey.json")
  prefix="/apply/$code"
  cp "$TMP/apply/journey.json" "$ART/apply-journey.json"

  # a. The pages as a browser gets them: the draft's cookie is the one the start form sets.
  load_sample apply-bytes
  node scripts/bench/bytes.mjs "$base" "$ART/bytes-apply.json" "--cookie=dvc_draft=$draft@$prefix" \
    "start=$prefix" "question=$prefix/p/$page" "documents=$prefix/documents" "return=$prefix/p/return" \
    "check=$prefix/check" "receipt=$receipt"

  # b. Uploads: 20 at once, 10 MB each, every one to its own draft's first document; through the
  # documents page's form (what a browser sends, streamed on by the front end), then straight to
  # the portal API (the raw file as the body), each run from a fresh high-water mark.
  load_sample apply-uploads
  head -c "$APPLY_UPLOAD_BYTES" /dev/urandom >"$TMP/apply/big.pdf"
  printf '%%PDF-1.7\n' | dd of="$TMP/apply/big.pdf" conv=notrunc status=none
  split -n "l/2" -d "$TMP/apply/upload-drafts.txt" "$TMP/apply/upload-"
  upload_run form "$pid" "$base" "$prefix" "$TMP/apply/upload-00"
  # A fresh server for each: memory an allocator keeps from one run would hide the next one's.
  stop_pid "$pid"
  apply_server apply-api "$port"
  pid=$SERVER_PID
  upload_run api "$pid" "$base" "$prefix" "$TMP/apply/upload-01"
  stop_pid "$pid"
  apply_server apply-wrk "$port"
  pid=$SERVER_PID

  # c. Step saves and submissions.
  load_sample apply-wrk
  # The page's form as posted must be complete: its 303 leads on to the next page.
  local to
  to=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: dvc_draft=$draft" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "@$TMP/apply/save-body.txt" "$base$prefix/p/$page")
  [ "${to#"$base"}" = "$prefix/p/$(jq -r .next_page "$TMP/apply/journey.json")" ] \
    || die "apply: saving page $page leads to '$to', not to the next page (the posted form is refused?)"
  # Submissions: shorter runs (each takes a draft of its own).
  local c half=0 submit_dur
  submit_dur=$([ "$QUICK" = 1 ] && echo 1s || echo 3s)
  split -n "l/2" -d "$TMP/apply/submit-drafts.txt" "$TMP/apply/submit-"
  for c in 50 200; do
    if [ "$c" = 200 ]; then
      # The dossier code's day number has four digits: an agency gives at most 9,999 dossiers a
      # day, and the two runs together made more (the server then rightly refuses the rest). So
      # each connection count has a server of its own, as another receiving agency, on the same
      # database; each still runs its saves before its submissions, as one server would.
      stop_pid "$pid"
      apply_server apply-wrk-c200 "$port" DOSSIER_AGENCY_CODE=000.00.02.H25
      pid=$SERVER_PID
    fi
    head -n "$APPLY_DAY_NUMBERS" "$TMP/apply/submit-0$half" >"$TMP/apply/submit-run"
    WRK_SCRIPT=scripts/bench/apply.lua WRK_MODE=save WRK_PATH="$prefix" WRK_PAGE="$page" WRK_THREADS="$THREADS" \
      WRK_DRAFTS="$TMP/apply/save-drafts.txt" WRK_BODY_FILE="$TMP/apply/save-body.txt" \
      run_wrk "apply-save-c$c" "$base" "$c"
    WRK_SCRIPT=scripts/bench/apply.lua WRK_MODE=submit WRK_PATH="$prefix" WRK_THREADS="$THREADS" \
      WRK_DRAFTS="$TMP/apply/submit-run" WRK_RAN_OUT="$ART/apply-submit-c$c.ran-out" \
      run_wrk "apply-submit-c$c" "$base" "$c" "" "$submit_dur"
    [ "$(cat "$ART/apply-submit-c$c.ran-out" 2>/dev/null || echo 0)" = 0 ] \
      || echo "    (the drafts ran out before the end: the rate is a lower bound; raise BENCH_APPLY_DRAFTS)" >&2
    half=$((half + 1))
  done
  # The dossiers made (the submission runs', and the receipt measured above).
  local sent
  sent=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM dossiers").fetchone()[0])' "$TMP/apply.db" 2>/dev/null || echo "?")

  jq -n --arg dossiers "$sent" --argjson prep "$(jq .prep_s "$TMP/apply/journey.json")" \
    --argjson drafts "$(jq .drafts_made "$TMP/apply/journey.json")" \
    '{dossiers:$dossiers, prep_s:$prep, drafts_made:$drafts}' >"$ART/apply.json"
  printf '    %s dossiers made by the submission runs\n' "$sent" >&2
  stop_pid "$pid"
}

# upload_run <form|api> <server pid> <base url> <apply path prefix> <file of draft ids>: one upload
# of big.pdf per draft, all at once; a line of apply-uploads.jsonl.
upload_run() {
  local kind=$1 pid=$2 base=$3 prefix=$4 drafts=$5
  local rss_idle hwm_reset=false sampler id i=0 u0 u1 curls=()
  rm -f "$TMP"/apply/answer-*
  rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  # VmHWM after a reset (Linux >= 4.0) is the peak of this run alone.
  echo 5 >"/proc/$pid/clear_refs" 2>/dev/null && hwm_reset=true
  (while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null; sleep 0.05; done) \
    >"$ART/apply-rss-$kind.txt" 2>/dev/null &
  sampler=$!
  PIDS+=("$sampler")
  u0=$(date +%s.%N)
  while read -r id; do
    if [ "$kind" = form ]; then
      curl -s -o "$TMP/apply/answer-$i.json" -w '%{http_code} %{time_total}\n' -H 'Accept: application/json' \
        -H "Cookie: dvc_draft=$id" -F "file=@$TMP/apply/big.pdf;type=application/pdf" \
        "$base$prefix/documents/0" >"$TMP/apply/answer-$i.status" &
    else
      curl -s -o "$TMP/apply/answer-$i.json" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/pdf' \
        --data-binary "@$TMP/apply/big.pdf" "$base/portal/v1/drafts/$id/documents/0/files?name=big.pdf" \
        >"$TMP/apply/answer-$i.status" &
    fi
    curls+=("$!")
    i=$((i + 1))
  done <"$drafts"
  for id in "${curls[@]}"; do wait "$id" || true; done
  u1=$(date +%s.%N)
  local hwm rss_max rss_after stored secs
  secs=$(awk -v a="$u0" -v b="$u1" 'BEGIN { printf "%.3f", b - a }')
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  rss_max=$(sort -n "$ART/apply-rss-$kind.txt" | tail -n1)
  # Taken: the answer names a stored file of the size sent (the form answers a list, the API one).
  stored=$(cat "$TMP"/apply/answer-*.json | jq -s --argjson n "$APPLY_UPLOAD_BYTES" \
    '[.[] | (.files[]?.file, .) | select(.size_bytes? == $n)] | length' 2>/dev/null || echo 0)
  cat "$TMP"/apply/answer-*.status >"$ART/apply-uploads-$kind.txt"
  jq -nc --arg kind "$kind" --argjson uploads "$i" --argjson bytes "$APPLY_UPLOAD_BYTES" --argjson secs "$secs" \
    --argjson stored "$stored" --argjson rss_idle "$rss_idle" --argjson hwm "$hwm" --argjson hwm_reset "$hwm_reset" \
    --argjson rss_max "${rss_max:-0}" --argjson rss_after "$rss_after" \
    '{kind:$kind, uploads:$uploads, upload_bytes:$bytes, upload_s:$secs, uploads_stored:$stored,
      rss_idle_kb:$rss_idle, hwm_kb:$hwm, hwm_reset:$hwm_reset, rss_sampled_max_kb:$rss_max, rss_after_kb:$rss_after}' \
    >>"$ART/apply-uploads.jsonl"
  printf '    uploads (%s): %s × %s B in %s s, %s stored · RSS idle %s kB, peak %s kB (sampled max %s kB), after %s kB\n' \
    "$kind" "$i" "$APPLY_UPLOAD_BYTES" "$secs" "$stored" "$rss_idle" "$hwm" "${rss_max:-?}" "$rss_after" >&2
}
