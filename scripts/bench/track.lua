-- wrk script of the track phase (scripts/bench/track.sh): dossier lookups, a code and a second
-- factor, each request a code of $WRK_CODES in turn. Prints the same JSON line as report.lua.
--
--   WRK_MODE=api    POST /portal/v1/dossiers/lookup, JSON {code, second_factor}
--   WRK_MODE=form   POST /track, the form as a browser without JS posts it (the 303 is not followed)
--   WRK_FACTOR      the second factor sent (the dossiers' phone, or a wrong one)
--   WRK_USES        lookups of each code in this run: the portal admits 10 of one code, then one a
--                   minute, and this phase's runs share that budget. A thread stops when its codes
--                   are used up, which ends the run (the -d given to wrk is only a cap): the rate
--                   and duration printed are over the time until the last thread stopped, not -d
--   WRK_THREADS     the -t given to wrk (each thread takes every WRK_THREADS-th code)
--   WRK_STATUS      a file: the answers' status codes are counted there ("404 12345" lines), with
--                   "ran_out N", the threads that used up their codes (and WRK_STATUS.stopped: the
--                   threads that stopped, one a line; it must not exist before the run)
dofile("scripts/bench/report.lua")

-- Wall time in seconds (wrk's Lua has none finer than os.time): read at the start of the run
-- and once per thread when it stops, never per request.
local function now()
  local p = io.popen("date +%s.%N")
  local t = tonumber(p:read("*l"))
  p:close()
  return t
end

local mode = os.getenv("WRK_MODE") or "api"
local factor = os.getenv("WRK_FACTOR") or ""
local uses = tonumber(os.getenv("WRK_USES") or "1")
local threads = tonumber(os.getenv("WRK_THREADS") or "1")

local counter = 0
local all_threads = {}
local started = nil
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  all_threads[counter] = thread
  started = now() -- the last thread's setup: wrk starts them all right after
end

local report_done = done
function done(summary, latency, requests)
  -- Every thread stopped: the run lasted until the last one did.
  local last, all = 0, true
  for _, t in ipairs(all_threads) do
    local at = t:get("stopped_at")
    if at then last = math.max(last, at) else all = false end
  end
  if all and started and last > started then
    summary.duration = math.floor((last - started) * 1e6)
  end
  report_done(summary, latency, requests)
  local out = os.getenv("WRK_STATUS")
  if not out or out == "" then return end
  local totals, ran = {}, 0
  for _, t in ipairs(all_threads) do
    if t:get("ran_out") then ran = ran + 1 end
    for s, n in pairs(t:get("statuses") or {}) do totals[s] = (totals[s] or 0) + n end
  end
  local f = assert(io.open(out, "w"))
  for s, n in pairs(totals) do f:write(s, " ", n, "\n") end
  f:write("ran_out ", ran, "\n")
  f:close()
end

local codes = {}
local next_code, pass = 1, 1
-- wrk calls request() once on the first thread before the run, to look at the request, and
-- throws the answer away: that call must not use up a lookup.
local looked_at = true
ran_out = false
stopped_at = nil
statuses = {}

function init(args)
  looked_at = index ~= 0
  codes = thread_share(os.getenv("WRK_CODES"), threads)
end

-- wrk waits out its -d whatever its threads do: the last thread to use up its codes interrupts
-- it (SIGINT, as ^C: wrk then stops and reports). The threads count themselves in a file.
local function last_thread_out()
  local file = (os.getenv("WRK_STATUS") or os.tmpname()) .. ".stopped"
  local f = assert(io.open(file, "a"))
  f:write(index, "\n")
  f:close()
  local n = 0
  for _ in io.lines(file) do n = n + 1 end
  if n >= threads then
    -- $PPID is the shell's parent: wrk. Not os.execute: system() ignores SIGINT in wrk while it
    -- runs. The signal may land on a worker thread rather than on wrk's main one, which then
    -- sleeps out -d: it is sent again every half second (20 times at most) until wrk is gone.
    local p = io.popen("(i=0; while [ $i -lt 20 ] && kill -INT $PPID; do i=$((i + 1)); sleep 0.5; done) >/dev/null 2>&1 &")
    p:close()
  end
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  if not looked_at then
    looked_at = true
    return wrk.format("GET", "/healthz")
  end
  if next_code > #codes then
    next_code, pass = 1, pass + 1
  end
  if pass > uses then
    if not ran_out then
      ran_out = true
      stopped_at = now()
      last_thread_out()
    end
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  local code = codes[next_code]
  next_code = next_code + 1
  if mode == "form" then
    return wrk.format("POST", "/track", { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "code=" .. urlencode(code) .. "&second_factor=" .. urlencode(factor))
  end
  return wrk.format("POST", "/portal/v1/dossiers/lookup", { ["Content-Type"] = "application/json" },
    '{"code":"' .. code .. '","second_factor":"' .. factor .. '"}')
end

-- A 303 is told apart by where it leads: "303>status" (a status page, the dossier found) or
-- "303>error" (/track again with the error).
function response(status, headers, body)
  local key = tostring(status)
  if status == 303 then
    local to = headers["location"] or headers["Location"] or ""
    key = to:sub(1, 13) == "/track?error=" and "303>error" or to:sub(1, 7) == "/track/" and "303>status" or "303>other"
  end
  statuses[key] = (statuses[key] or 0) + 1
end
