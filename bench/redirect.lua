-- wrk script for bench/redirect.py.
-- Usage: wrk ... -s bench/redirect.lua <url> -- <file with one request path per line, each
-- optionally followed by a space and the visitor's address (header X-Bench-Visitor)>
-- Each thread walks the paths from its own offset, counts the requests it writes and the
-- statuses it reads, and done() prints one machine-readable line (latencies in microseconds).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local requests = {}
local index = 0
sent = 0
found = 0
other = 0

function init(args)
  local headers = {
    ["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148",
    ["Accept"] = "text/html",
  }
  -- A line is a path, optionally followed by a space and the visitor's address.
  for line in io.lines(args[1]) do
    if line ~= "" then
      local path, visitor = line:match("^(%S+) (%S+)$")
      if path then
        headers["X-Bench-Visitor"] = visitor
      else
        path, headers["X-Bench-Visitor"] = line, nil
      end
      table.insert(requests, wrk.format("GET", path, headers))
    end
  end
  assert(#requests > 0, "no request paths in " .. args[1])
  -- A fresh offset for every run, so that the runs of one benchmark do not replay the same
  -- visitors (which would be the same people clicking again and again: a flood).
  math.randomseed(os.time() * 1000 + id)
  index = math.random(0, #requests - 1)
end

function request()
  index = index % #requests + 1
  sent = sent + 1
  return requests[index]
end

function response(status, headers, body)
  if status == 302 then
    found = found + 1
  else
    other = other + 1
  end
end

function done(summary, latency, _requests)
  local total_sent, total_found, total_other = 0, 0, 0
  for _, thread in ipairs(threads) do
    -- Before the run wrk calls request() once on its first thread to check what it returns;
    -- that request is never written to a socket.
    local checked = thread:get("id") == 0 and 1 or 0
    total_sent = total_sent + thread:get("sent") - checked
    total_found = total_found + thread:get("found")
    total_other = total_other + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"sent\": %d, " ..
    "\"status_302\": %d, \"status_other\": %d, \"latency_us\": {\"mean\": %.1f, " ..
    "\"stdev\": %.1f, \"p50\": %d, \"p90\": %d, \"p99\": %d, \"max\": %d}, " ..
    "\"errors\": {\"connect\": %d, \"read\": %d, \"write\": %d, \"status\": %d, " ..
    "\"timeout\": %d}}\n",
    summary.requests, summary.duration, summary.bytes, total_sent, total_found, total_other,
    latency.mean, latency.stdev, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
