-- wrk scenario for bench/complaint_filing.sh: each connection plays one citizen who opens
-- /pengaduan/baru and files an anonymous complaint with the form's tokens, over and over.
-- Run with as many threads as connections (one connection per thread), so each thread's
-- Lua state is that citizen's state.
local state, cookie, csrf, token = "get", nil, nil, nil
filed, refused = 0, 0
local form = "jenis=pengaduan&opd_id=0&layanan_id=0&wilayah_id=0&identitas=anonim&persetujuan=y" ..
  "&judul=Antrean+loket+terlalu+lama" ..
  "&isi=Saya+antre+tiga+jam+di+loket+KTP-el+dan+tidak+ada+kepastian+pelayanan."

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  local headers = {}
  if cookie then headers["Cookie"] = cookie end
  if state == "post" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    local body = form .. "&csrf_token=" .. encode(csrf) .. "&form_token=" .. encode(token)
    return wrk.format("POST", "/pengaduan/baru", headers, body)
  end
  return wrk.format("GET", "/pengaduan/baru", headers)
end

response = function(status, headers, body)
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then cookie = set:match("^([^;]+)") end
  if state == "get" then
    csrf = body:match('name="csrf_token" type="hidden" value="([^"]+)"')
    token = body:match('name="form_token" type="hidden" value="([^"]+)"')
    if status == 200 and csrf and token then state = "post" end
  else
    if status == 303 then filed = filed + 1 else refused = refused + 1 end
    state = "get"
  end
end

local threads = {}
setup = function(thread) table.insert(threads, thread) end

done = function(summary, latency, requests)
  local f, r = 0, 0
  for _, t in ipairs(threads) do f = f + t:get("filed"); r = r + t:get("refused") end
  local seconds = summary.duration / 1e6
  io.write(string.format("filings %d in %.1f s = %.1f filings/s, refused %d; socket errors %d\n",
    f, seconds, f / seconds, r, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
  io.write(string.format("per request (form or filing): median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
