-- wrk script: prints one JSON line with req/s, latency percentiles (ms), bytes and errors.
--   wrk -t2 -c50 -d10s --latency -s scripts/bench/report.lua <url>
-- Extra request headers can be passed as WRK_HEADER="Name: value" in the environment.
local h = os.getenv("WRK_HEADER")
if h and h ~= "" then
  local name, value = h:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local non2xx = e.status
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,"bytes_per_req":%.1f,' ..
    '"p50_ms":%.3f,"p75_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_timeout":%d,"non2xx":%d}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    summary.requests > 0 and summary.bytes / summary.requests or 0,
    latency:percentile(50) / 1000, latency:percentile(75) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, non2xx))
end

-- For the scripts that give each thread its own work (apply.lua, track.lua): this thread's share
-- of the non-blank lines of file `path`, every `threads`-th from the thread's `index` (set in
-- setup), so no two threads send the same draft or code.
thread_share = function(path, threads)
  local mine, n = {}, 0
  for line in io.lines(path) do
    if line:match("%S") then
      if n % threads == index then mine[#mine + 1] = line end
      n = n + 1
    end
  end
  return mine
end
