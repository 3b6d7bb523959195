-- wrk script for bench/intake.py: POST /api/reports with a realistic body, a bearer token and a
-- unique Idempotency-Key on every request. The receipt code of every 2xx answer is written to a
-- file per thread, so the benchmark can check them against the database afterwards.
--
--   BENCH_TOKEN=... wrk -t1 -c16 -d15s --latency -s bench/intake.lua URL -- TAG CODES_PREFIX BODIES_LUA

local threads = {}

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   tag = args[1]
   bodies = dofile(args[3])
   codes = io.open(args[2] .. "." .. tid, "w")
   token = os.getenv("BENCH_TOKEN")
   sent = 0
   ok = 0
   statuses = {}
end

function request()
   sent = sent + 1
   local body = bodies[(sent % #bodies) + 1]
   local headers = {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
      ["Idempotency-Key"] = tag .. "-" .. tid .. "-" .. sent,
   }
   return wrk.format("POST", "/api/reports", headers, body)
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if status >= 200 and status < 300 then
      ok = ok + 1
      codes:write(string.match(body, '"code":%s*"([^"]+)"') or "?", "\n")
   end
end

function done(summary, latency, requests)
   local total_sent, total_ok, merged = 0, 0, {}
   for _, thread in ipairs(threads) do
      total_sent = total_sent + thread:get("sent")
      total_ok = total_ok + thread:get("ok")
      for code, n in pairs(thread:get("statuses")) do
         merged[code] = (merged[code] or 0) + n
      end
   end
   local parts = {}
   for code, n in pairs(merged) do
      table.insert(parts, string.format('"%s": %d', code, n))
   end
   local e = summary.errors
   io.write(string.format(
      'BENCHJSON {"duration_us": %d, "completed": %d, "sent": %d, "ok_2xx": %d, "statuses": {%s}, '
         .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, '
         .. '"latency_us": {"mean": %.0f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}}\n',
      summary.duration, summary.requests, total_sent, total_ok, table.concat(parts, ", "),
      e.connect, e.read, e.write, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(95),
      latency:percentile(99), latency.max))
end
