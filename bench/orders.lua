-- wrk script for bench/orders.py: sends every pre-built request of a file exactly once.
-- Usage: wrk -tT -cC -d<cap>s -s bench/orders.lua <url> -- <requests file> <T>
-- The file holds, for each request, a line with its length in bytes and then the raw HTTP
-- request (signed headers and body included). Thread i sends requests i, i+T, i+2T, ...
-- Once a thread has written all of its requests, its connections that are still open send a
-- cheap filler (GET /bench/baseline, answered 302) every 50 ms until its last real answer is
-- in; the filler answers are counted apart. Each thread prints, flushed, for bench/orders.py to time:
--   START <thread>                                  when it writes its first request
--   PROGRESS <thread> <answered>                    every 1000 answers
--   FINISHED <thread> <sent> <answered> <202> <other> <codes>  when all of its requests are
--                                                    answered (codes: "401:3,500:1", or "-")
-- and then stops. bench/orders.py interrupts wrk once every thread has finished; done() then
-- prints one machine-readable line (latencies in microseconds, filler answers included).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local requests = {}
local filler = nil
local index = 0
local verifying = false
local started = false
local finished = false
local codes = {}
total = 0
sent = 0
answered = 0
accepted = 0
other = 0
fillers = 0

local function say(line)
  io.write(line .. "\n")
  io.stdout:flush()
end

local function finish()
  if not finished then
    finished = true
    local pairs_seen = {}
    for code, count in pairs(codes) do
      table.insert(pairs_seen, code .. ":" .. count)
    end
    local listed = #pairs_seen > 0 and table.concat(pairs_seen, ",") or "-"
    say(string.format("FINISHED %d %d %d %d %d %s", id, sent, answered, accepted, other, listed))
    wrk.thread:stop()
  end
end

function init(args)
  local nthreads = tonumber(args[2])
  local file = assert(io.open(args[1], "rb"))
  local position = 0
  while true do
    local length = file:read("*l")
    if length == nil or length == "" then
      break
    end
    local raw = file:read(tonumber(length))
    if position % nthreads == id then
      table.insert(requests, raw)
    end
    position = position + 1
  end
  file:close()
  total = #requests
  filler = wrk.format("GET", "/bench/baseline")
  -- Before the run wrk calls request() once on its first thread to check what it returns;
  -- that request is never written to a socket.
  verifying = id == 0
end

function request()
  if verifying then
    verifying = false
    return requests[1] or filler
  end
  if not started then
    started = true
    say("START " .. id)
    if total == 0 then
      finish()
    end
  end
  if index < total then
    index = index + 1
    sent = sent + 1
    return requests[index]
  end
  return filler
end

function delay()
  -- No wait before a real request; a filler waits, so idle connections do not spin.
  if index < total then
    return 0
  end
  return 50
end

function response(status, headers, body)
  if status == 302 then
    fillers = fillers + 1
    return
  end
  answered = answered + 1
  if status == 202 then
    accepted = accepted + 1
  else
    other = other + 1
    codes[status] = (codes[status] or 0) + 1
  end
  if answered % 1000 == 0 then
    say(string.format("PROGRESS %d %d", id, answered))
  end
  if answered >= total then
    finish()
  end
end

function done(summary, latency, _requests)
  local t = {sent = 0, answered = 0, accepted = 0, other = 0, fillers = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do
      t[key] = t[key] + thread:get(key)
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"sent\": %d, " ..
    "\"answered\": %d, \"status_202\": %d, \"status_other\": %d, \"fillers\": %d, " ..
    "\"latency_us\": {\"mean\": %.1f, \"stdev\": %.1f, \"p50\": %d, \"p90\": %d, " ..
    "\"p99\": %d, \"max\": %d}, \"errors\": {\"connect\": %d, \"read\": %d, \"write\": %d, " ..
    "\"status\": %d, \"timeout\": %d}}\n",
    summary.requests, summary.duration, summary.bytes, t.sent, t.answered, t.accepted, t.other,
    t.fillers, latency.mean, latency.stdev, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
