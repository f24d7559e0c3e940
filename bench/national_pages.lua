-- wrk scenario for bench/national_pages.sh. BENCH_MODE=pages: every OPD scorecard in rotation
-- (the paths of BENCH_PATHS, one per line), each thread from its own offset, alternating the
-- two languages (the "bahasa" cookie, as the language switch sets it). BENCH_MODE=search:
-- /instansi with a random search (a piece of an OPD name from BENCH_PATHS' names file),
-- sometimes with a pemda, a kind, a sort or a page, so no cache can have seen the URL.
local mode = os.getenv("BENCH_MODE") or "pages"
local lines = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do lines[#lines + 1] = line end
local pemda = {}
if os.getenv("BENCH_PEMDA") then
  for line in io.lines(os.getenv("BENCH_PEMDA")) do pemda[#pemda + 1] = line end
end
local jenis = {"dinas", "badan", "kecamatan", "sekretariat", "inspektorat", "rumah_sakit"}
local urut = {"nama", "ikm-tertinggi", "ikm-terendah", "pengaduan-tepat-waktu",
              "standar-tepat-waktu"}
local counter = 0
local languages = {"id", "en"}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- setup runs in the main state, once per thread: it hands each thread its number (a global
-- of the thread's own state), so the threads start at different pages and random seeds
local threads = 0
setup = function(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

init = function(args)
  local n = tonumber(thread_number) or 0
  counter = n * math.floor(#lines / 7)
  math.randomseed(os.time() + n * 7919)
end

request = function()
  counter = counter + 1
  local language = languages[(counter % 2) + 1]
  local headers = {Cookie = "bahasa=" .. language}
  if mode == "pages" then
    return wrk.format("GET", lines[(math.floor(counter / 2) % #lines) + 1], headers)
  end
  local name = lines[math.random(#lines)]
  local start = math.random(#name)
  local q = name:sub(start, start + math.random(3, 12)):gsub("^%s+", ""):gsub("%s+$", "")
  if q == "" then q = name end
  local url = "/instansi?q=" .. encode(q)
  if #pemda > 0 and math.random() < 0.3 then url = url .. "&pemda=" .. pemda[math.random(#pemda)] end
  if math.random() < 0.2 then url = url .. "&jenis=" .. jenis[math.random(#jenis)] end
  if math.random() < 0.3 then url = url .. "&urut=" .. urut[math.random(#urut)] end
  if math.random() < 0.1 then url = url .. "&page=" .. math.random(2, 5) end
  return wrk.format("GET", url, headers)
end
