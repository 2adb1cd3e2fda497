-- B5: POST /api/v1/usage, one use per request, a unique source ref each (run id, wrk thread,
-- counter) on a random customer of 1,000. Reads BENCH_PRODUCT, BENCH_KEY and BENCH_RUN from the
-- environment (bench/run.sh sets them). wrk counts answers other than 2xx as "Non-2xx".
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  product = os.getenv("BENCH_PRODUCT")
  run = os.getenv("BENCH_RUN")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"product_id":"%s","user_id":"bench-user","user_org_id":"c%04d","used_amount":"1000",'
      .. '"used_unit":"token","source_ref_table":"wrk","source_ref_id":"%s-%d-%d"}',
    product, math.random(0, 999), run, thread_number, counter)
  return wrk.format("POST", "/api/v1/usage", nil, body)
end
