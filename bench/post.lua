-- wrk script for bench/run: POST one real AdmissionReview on every request.
--
-- Environment (set by bench/run):
--   BENCH_BODY   file with the AdmissionReview JSON to send
--   BENCH_CLOSE  "1" to send `Connection: close` (a new TCP + TLS connection per request)
--   BENCH_OUT    file that receives one line of JSON with the run's figures
--
-- The request is built once per thread (wrk.format), so the script costs the load
-- generator nothing per request; no `response` callback, which would make wrk hand every
-- body to Lua. Error responses are caught by summary.errors.status (any status >= 400) and
-- by bench/run's curl check before the load.

local function slurp(path)
  local file = assert(io.open(path, "rb"), "cannot open BENCH_BODY " .. tostring(path))
  local text = file:read("*a")
  file:close()
  return text
end

wrk.method = "POST"
wrk.body = slurp(os.getenv("BENCH_BODY"))
wrk.headers["Content-Type"] = "application/json"
if os.getenv("BENCH_CLOSE") == "1" then
  wrk.headers["Connection"] = "close"
end

function done(summary, latency, requests)
  local out = os.getenv("BENCH_OUT")
  if out == nil then
    return
  end
  local file = assert(io.open(out, "w"))
  local errors = summary.errors
  file:write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
  file:close()
end
