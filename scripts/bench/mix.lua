-- wrk script: every request searches one of the queries in $WRK_QUERY_FILE (one per line, the
-- free-text queries of benches/search.rs), each ASCII letter randomly upper- or lower-cased.
-- The search folds case, so the work and the results are those of the query, but no two
-- requests share a URL: no cache in front of the search (the front end's 60 s answer cache,
-- keyed by query text) ever answers. Prints the same JSON line as report.lua.
--   WRK_QUERY_FILE=q.txt WRK_PATH='/procedures?q=' wrk -s scripts/bench/mix.lua http://host:port
dofile("scripts/bench/report.lua")

local queries = {}
local prefix = os.getenv("WRK_PATH") or "/procedures?q="

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    if c == " " then return "%20" end
    return string.format("%%%02X", string.byte(c))
  end))
end

local function load()
  local f = assert(io.open(os.getenv("WRK_QUERY_FILE"), "r"))
  for line in f:lines() do
    if line:match("%S") then queries[#queries + 1] = line end
  end
  f:close()
end

local counter = 0
function init(args)
  load()
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  counter = counter + 1
  local q = queries[math.random(#queries)]
  q = q:gsub("%a", function(c)
    if math.random(2) == 1 then return c:upper() end
    return c:lower()
  end)
  return wrk.format("GET", prefix .. encode(q))
end
