-- wrk script: GETs one dashboard page with a session cookie; counts answers other than 200 (a
-- redirect to /dang-nhap would otherwise look like a fast page).
-- Usage: wrk -t2 -c8 -d10s -s get.lua http://127.0.0.1:PORT -- PATH COOKIE [ACCEPT_ENCODING]
-- ACCEPT_ENCODING: the header a browser sends ("gzip, deflate, br") unless given; "" sends none.
-- done() prints one line: RESULT requests=.. rps=.. p50_ms=.. p99_ms=.. non200=.. errors=..

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path = args[1] or "/"
  cookie = args[2] or ""
  encoding = args[3] or "gzip, deflate, br"
  not_ok = 0
end

function request()
  local headers = { ["Cookie"] = cookie }
  if encoding ~= "" then headers["Accept-Encoding"] = encoding end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("not_ok") or 0) end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f non200=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
