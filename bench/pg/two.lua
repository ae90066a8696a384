-- wrk script: post.lua's generic-webhook events, with wrk's threads spread over several servers
-- (thread 1 to the first port, thread 2 to the second, ...): one wrk, one RESULT line, the same
-- load as post.lua against one server.
-- Usage: DONDOC_PORTS="18481 18482" wrk -t2 -c40 -d10s -s bench/pg/two.lua \
--          http://127.0.0.1:18481 -- RUN_TAG SECRET
-- Run from the repository's root (post.lua is loaded by its path).
dofile("bench/webhook/post.lua")

local post_setup = setup
local addrs = nil
local n = 0

function setup(thread)
  if not addrs then
    addrs = {}
    for port in string.gmatch(os.getenv("DONDOC_PORTS") or "", "%d+") do
      table.insert(addrs, wrk.lookup("127.0.0.1", port)[1])
    end
    assert(#addrs > 0, "two.lua: DONDOC_PORTS names no port")
  end
  thread.addr = addrs[n % #addrs + 1]
  n = n + 1
  post_setup(thread)
end
