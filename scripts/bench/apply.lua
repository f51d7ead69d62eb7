-- wrk script of the apply phase (scripts/bench/apply.sh): form posts of the apply journey as a
-- browser without JavaScript sends them, each with its draft's cookie, and the GET of the page
-- the 303 leads to. Prints the same JSON line as report.lua (latency of every request: the POSTs
-- and the GETs alike).
--
--   WRK_MODE=save    POST $WRK_PATH/p/$WRK_PAGE with the body in $WRK_BODY_FILE, drafts taken in
--                    turn from $WRK_DRAFTS (again and again)
--   WRK_MODE=submit  POST $WRK_PATH/submit, every draft of $WRK_DRAFTS once: a thread stops when
--                    its share is used up (so each submission makes a new dossier)
--   WRK_THREADS      the -t given to wrk (each thread takes every WRK_THREADS-th draft)
--   WRK_RAN_OUT      a file: the number of threads that used up their drafts is written there
--                    (wrk still divides by the whole duration: the rate is then a lower bound)
--
-- wrk asks a thread's script for the next request whichever of its connections is free, so a
-- 303's GET goes out on the next free connection of the same thread: the same work, in the same
-- proportion, as each browser following its own redirect.
dofile("scripts/bench/report.lua")

local mode = os.getenv("WRK_MODE") or "save"
local prefix = os.getenv("WRK_PATH") or "/apply/1.001193"
local cookie_name = os.getenv("WRK_COOKIE") or "dvc_draft"
local threads = tonumber(os.getenv("WRK_THREADS") or "1")

local counter = 0
local all_threads = {}
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  all_threads[counter] = thread
end

local report_done = done
function done(summary, latency, requests)
  report_done(summary, latency, requests)
  local out = os.getenv("WRK_RAN_OUT")
  if out and out ~= "" then
    local n = 0
    for _, t in ipairs(all_threads) do
      if t:get("ran_out") then n = n + 1 end
    end
    local f = assert(io.open(out, "w"))
    f:write(n, "\n")
    f:close()
  end
end

local drafts = {}
local body = nil
local next_draft = 1
local follow = {} -- pages the 303s lead to
local last_cookie = nil
-- wrk calls request() once on the first thread before the run, to look at the request, and
-- throws the answer away: that call must not use up a draft.
local looked_at = true
ran_out = false

function init(args)
  looked_at = index ~= 0
  drafts = thread_share(os.getenv("WRK_DRAFTS"), threads)
  if mode == "save" then
    local f = assert(io.open(os.getenv("WRK_BODY_FILE"), "r"))
    body = f:read("*a")
    f:close()
  end
end

local function cookie(id)
  return cookie_name .. "=" .. id
end

function request()
  if not looked_at then
    looked_at = true
    return wrk.format("GET", "/healthz")
  end
  local f = table.remove(follow, 1)
  if f then
    return wrk.format("GET", f[1], { ["Cookie"] = f[2] })
  end
  if next_draft > #drafts then
    if mode == "submit" then
      -- Every draft of this thread is sent: nothing left that would make a new dossier.
      ran_out = true
      wrk.thread:stop()
      return wrk.format("GET", "/healthz")
    end
    next_draft = 1
  end
  local id = drafts[next_draft]
  next_draft = next_draft + 1
  last_cookie = cookie(id)
  local headers = { ["Cookie"] = last_cookie }
  if mode == "submit" then
    return wrk.format("POST", prefix .. "/submit", headers, "")
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", prefix .. "/p/" .. os.getenv("WRK_PAGE"), headers, body)
end

function response(status, headers, _)
  if status == 303 then
    local to = headers["location"] or headers["Location"]
    -- The script is told the answer, not which request it answers: the page is fetched with
    -- the cookie of the draft posted last (the drafts are alike; a receipt needs none). Only
    -- this site's apply pages are followed.
    if to and to:sub(1, 7) == "/apply/" then
      follow[#follow + 1] = { to, last_cookie }
    end
  end
end
