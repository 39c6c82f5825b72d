-- wrk script of bench/http.sh: PUT /users/1 with a JSON body from every connection at once, so
-- updates of one user contend for its once("update-user-{userId}") guard. Counts the answers by
-- status (200 = this request held the guard and updated, 226 = another update was running) and
-- prints them after wrk's own report, one line per status: "status 200: N".
--
--   wrk -t2 -c64 -d15s -s bench/put.lua http://127.0.0.1:8080/users/1
--
-- The path comes from the URL given to wrk; USER_BODY (environment) replaces the default body.

wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("USER_BODY") or '{"name":"Ada Lovelace","email":"ada@example.com"}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Per thread (each wrk thread has its own Lua state): read back in done() through thread:get.
statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    for status, n in pairs(counted) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  local codes = {}
  for status in pairs(totals) do
    table.insert(codes, status)
  end
  table.sort(codes)
  for _, status in ipairs(codes) do
    io.write(string.format("status %d: %d\n", status, totals[status]))
  end
end
