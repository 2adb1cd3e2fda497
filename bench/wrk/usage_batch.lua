-- B5: POST /api/v1/usage/batch of 100 uses, each with a unique source ref, on 100 consecutive
-- customers from a random start. Same environment as usage.lua. Uses per second is requests per
-- second times 100 (bench/run.sh does the sum).
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
  local start = math.random(0, 999)
  local items = {}
  for item = 0, 99 do
    counter = counter + 1
    items[#items + 1] = string.format(
      '{"product_id":"%s","user_id":"bench-user","user_org_id":"c%04d","used_amount":"1000",'
        .. '"used_unit":"token","source_ref_table":"wrk","source_ref_id":"%s-b%d-%d"}',
      product, (start + item) % 1000, run, thread_number, counter)
  end
  return wrk.format("POST", "/api/v1/usage/batch", nil, '{"items":[' .. table.concat(items, ",") .. ']}')
end
