-- B1 floor, one use per transaction: the least SQL one use of Tally's schema needs, on a random
-- customer of 1,000 (c0000..c0999, seeded by the harness with --setup-only). What it writes:
-- the guarded balance debit, the usage row (with every index the schema keeps on it), the four
-- ledger legs of a use (customer, revenue, cost, supplier payable) and the customer's chain head.
-- All four legs go into the customer's hash chain, as Tally writes them: only the customer's
-- chain head is locked (the balance row is locked anyway), so no row is shared by all uses.
\set c random(0, 999)
BEGIN;
UPDATE customer_balance SET balance = balance - 0.02, last_consumption = now()
 WHERE id = 'c' || lpad(:c::text, 4, '0') AND balance - 0.02 >= -coalesce(credit_limit, 0);
INSERT INTO product_usage_log (id, product_id, user_id, user_org_id, product_resource_id,
    supplier_org_id, resource_type, resource_ref_id, used_amount, used_unit, unit_cost, total_cost,
    sell_price, billing_mode, source_ref_table, source_ref_id, use_time, created_at, currency,
    cost_currency, biz_date, request_hash)
 VALUES (replace(gen_random_uuid()::text, '-', ''), 'pgbench-product', 'bench-user',
    'c' || lpad(:c::text, 4, '0'), 'pgbench-resource', 'pgbench-supplier', 'llm', 'bench-model',
    1000, 'token', 0.00001, 0.010000, 0.020000, '1', 'pgbench', replace(gen_random_uuid()::text, '-', ''),
    now(), now(), 'CNY', 'CNY', current_date, repeat('a', 64));
WITH head AS (
  UPDATE ledger_head SET last_seq = last_seq + 4, last_hash = repeat('b', 64)
   WHERE account = 'customer:c' || lpad(:c::text, 4, '0') RETURNING account, last_seq)
INSERT INTO accounting_records (account, chain, seq, transaction_id, leg_no, operation, amount,
    currency, balance_after, ref_type, ref_id, memo, created_at, biz_date, prev_hash, hash)
 SELECT coalesce(leg.account, head.account), head.account, head.last_seq - 4 + leg.k,
    't' || head.last_seq, leg.leg_no, leg.operation, leg.amount, 'CNY',
    CASE WHEN leg.k = 1 THEN 0 END, 'usage', 'pgbench', '', now(), current_date, repeat('c', 64),
    repeat('b', 64)
  FROM head,
       (VALUES (1, NULL, 1, 'PAY', -0.02),
               (2, 'revenue:pgbench-reseller', 2, 'PAY', 0.02),
               (3, 'cost:pgbench-reseller', 1, 'PAY_COST', -0.01),
               (4, 'payable:pgbench-supplier', 2, 'PAY_COST', 0.01)) AS leg (k, account, leg_no, operation, amount);
END;
