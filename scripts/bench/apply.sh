# Sourced by scripts/bench.sh (uses its start_server, run_wrk, stop_pid, say, load_sample, $ART,
# $TMP, $QUICK, $DURATION, $THREADS): the apply phase, applying online (issue 8).
#
# One server, fresh database, APPLY_ONLINE on. Drafts are made first through the portal API
# (scripts/bench/apply_prep.py: every page answered, a small PDF for every mandatory document);
# then, on the same server:
#   a. bytes over the wire of each apply page, JavaScript on and off (bytes.mjs with the draft's
#      cookie): start, a question page, documents, how the result comes back, check, receipt;
#   b. wrk, 50 and 200 connections: a step saved (the question page's form POSTed, then the page
#      its 303 leads to), and a submission (POST …/submit, every request a different complete
#      draft, then the receipt page its 303 leads to) — scripts/bench/apply.lua;
#   c. 20 uploads of 10 MB at once through the documents page's form (multipart, as a browser
#      without JS sends it), each to its own draft: MB/s, and the server's peak RSS over idle.
# Results: wrk rows `apply-*` in wrk.jsonl, bytes-apply.json, apply.json.

APPLY_PROCEDURE=1.001193
APPLY_UPLOADS=20
APPLY_UPLOAD_BYTES=10000000

# apply_phase <port>
apply_phase() {
  local port=$1 base pid
  base="http://127.0.0.1:$port"
  say "apply: applying online — pages, step saves, submissions, uploads ($APPLY_PROCEDURE)"
  start_server apply "$port" APPLY_ONLINE=true SITE_URL="$base" ATTACHMENTS_STORE="$TMP/apply-attachments"
  pid=$SERVER_PID

  # Enough complete drafts that every submission of the two runs sends a new one, at the rate
  # this machine submits (a thread that has used up its share stops: the rate is then too low).
  local submit_drafts save_drafts=400
  submit_drafts="${BENCH_APPLY_DRAFTS:-$([ "$QUICK" = 1 ] && echo 1500 || echo 6000)}"
  local t0
  t0=$(date +%s.%N)
  python3 scripts/bench/apply_prep.py "$base" "$APPLY_PROCEDURE" "$TMP/apply" "$save_drafts" "$submit_drafts" \
    "$APPLY_UPLOADS" 2>"$ART/apply-prep.log" || { tail -n 20 "$ART/apply-prep.log" >&2; die "apply: preparing drafts failed"; }
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

  # b. Step saves and submissions.
  load_sample apply-wrk
  local c half=0
  split -n "l/2" -d "$TMP/apply/submit-drafts.txt" "$TMP/apply/submit-"
  for c in 50 200; do
    WRK_SCRIPT=scripts/bench/apply.lua WRK_MODE=save WRK_PATH="$prefix" WRK_PAGE="$page" WRK_THREADS="$THREADS" \
      WRK_DRAFTS="$TMP/apply/save-drafts.txt" WRK_BODY_FILE="$TMP/apply/save-body.txt" \
      run_wrk "apply-save-c$c" "$base" "$c"
    WRK_SCRIPT=scripts/bench/apply.lua WRK_MODE=submit WRK_PATH="$prefix" WRK_THREADS="$THREADS" \
      WRK_DRAFTS="$TMP/apply/submit-0$half" WRK_RAN_OUT="$ART/apply-submit-c$c.ran-out" \
      run_wrk "apply-submit-c$c" "$base" "$c"
    [ "$(cat "$ART/apply-submit-c$c.ran-out" 2>/dev/null || echo 0)" = 0 ] \
      || echo "    (the drafts ran out before the end: the rate is a lower bound; raise BENCH_APPLY_DRAFTS)" >&2
    half=$((half + 1))
  done
  # What the runs did, checked on the server: the saved page led to the next one, and every
  # submission made one dossier.
  local sent
  sent=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM dossiers").fetchone()[0])' "$TMP/apply.db" 2>/dev/null || echo "?")

  # c. Uploads: 20 at once, 10 MB each, every one to its own draft's first document.
  load_sample apply-uploads
  head -c "$APPLY_UPLOAD_BYTES" /dev/urandom >"$TMP/apply/big.pdf"
  printf '%%PDF-1.7\n' | dd of="$TMP/apply/big.pdf" conv=notrunc status=none
  local rss_idle hwm_reset=false sampler
  rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo 5 >"/proc/$pid/clear_refs" 2>/dev/null && hwm_reset=true
  (while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null; sleep 0.05; done) \
    >"$ART/apply-rss-samples.txt" 2>/dev/null &
  sampler=$!
  PIDS+=("$sampler")
  local id i=0 u0 u1 curls=()
  u0=$(date +%s.%N)
  while read -r id; do
    curl -s -o "$TMP/apply/upload-$i.json" -w '%{http_code} %{time_total}\n' -H 'Accept: application/json' \
      -H "Cookie: dvc_draft=$id" -F "file=@$TMP/apply/big.pdf;type=application/pdf" \
      "$base$prefix/documents/0" >"$TMP/apply/upload-$i.status" &
    curls+=("$!")
    i=$((i + 1))
  done <"$TMP/apply/upload-drafts.txt"
  for id in "${curls[@]}"; do wait "$id" || true; done
  u1=$(date +%s.%N)
  local hwm rss_max rss_after stored
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  rss_max=$(sort -n "$ART/apply-rss-samples.txt" | tail -n1)
  # Taken: the answer names the stored file, of the size sent.
  stored=$(cat "$TMP"/apply/upload-*.json | jq -s --argjson n "$APPLY_UPLOAD_BYTES" \
    '[.[].files[]? | select(.file.size_bytes == $n)] | length' 2>/dev/null || echo 0)
  cat "$TMP"/apply/upload-*.status >"$ART/apply-uploads.txt"
  jq -n --argjson uploads "$i" --argjson bytes "$APPLY_UPLOAD_BYTES" --argjson secs "$(elapsed "$u0" "$u1")" \
    --argjson stored "$stored" --argjson rss_idle "$rss_idle" --argjson hwm "$hwm" --argjson hwm_reset "$hwm_reset" \
    --argjson rss_max "${rss_max:-0}" --argjson rss_after "$rss_after" --arg dossiers "$sent" \
    --argjson prep "$(jq .prep_s "$TMP/apply/journey.json")" --argjson drafts "$(jq .drafts_made "$TMP/apply/journey.json")" \
    '{uploads:$uploads, upload_bytes:$bytes, upload_s:$secs, uploads_stored:$stored,
      rss_idle_kb:$rss_idle, hwm_kb:$hwm, hwm_reset:$hwm_reset, rss_sampled_max_kb:$rss_max, rss_after_kb:$rss_after,
      dossiers:$dossiers, prep_s:$prep, drafts_made:$drafts}' >"$ART/apply.json"
  printf '    uploads: %s × %s B in %s s, %s stored · RSS idle %s kB, peak %s kB (sampled max %s kB) · %s dossiers made by the submission runs\n' \
    "$i" "$APPLY_UPLOAD_BYTES" "$(elapsed "$u0" "$u1")" "$stored" "$rss_idle" "$hwm" "${rss_max:-?}" "$sent" >&2
  stop_pid "$pid"
}

