-- wrk script: POSTs unique generic-webhook events with Vietnamese text to /webhook/generic.
-- Usage: wrk -t2 -c40 -d10s -s post.lua http://127.0.0.1:PORT -- RUN_TAG SECRET
-- event_id = RUN_TAG-<thread>-<counter>, unique per request and across runs with distinct tags.
-- done() prints one line: RESULT requests=.. rps=.. p50_ms=.. p99_ms=.. non2xx=.. errors=..

local texts = {
  "Dạ em báo cáo: NV3 đã hoàn thành ạ",
  "nv 12: đang thực hiện, được 60%",
  "Vướng mắc: chưa có kinh phí để triển khai",
  "Xin gia hạn đến 31/12 ạ",
  "1. xong\n2. đang làm 50%\n3. vướng: thiếu người",
  "Nhiệm vụ số 4 chưa triển khai do thiếu nhân lực",
  "Phòng Văn hóa - Xã hội đã HT chuyển đổi số hồ sơ ạ",
  "không có vướng mắc gì, đang làm",
}

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local function json_escape(s)
  return (s:gsub('[%c"\\]', function(c)
    if c == "\n" then return "\\n" end
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end))
end

function init(args)
  tag = args[1] or tostring(os.time())
  secret = args[2] or "bench-secret"
  counter = 0
  headers = { ["Content-Type"] = "application/json", ["X-Dondoc-Secret"] = secret }
end

function request()
  counter = counter + 1
  local text = texts[(counter % #texts) + 1]
  local body = string.format(
    '{"event_id":"%s-%d-%d","chat_id":"chat-%d-%d","from_name":"Nguyễn Văn Bình","text":"%s"}',
    tag, tid, counter, tid, counter % 50, json_escape(text))
  return wrk.format("POST", "/webhook/generic", headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
