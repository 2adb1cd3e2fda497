-- B1 batched floor: 100 uses in one transaction, set-based, locks taken in id order (so the 16
-- clients wait for each other but never deadlock). The customers are 100 consecutive ones from a
-- random start, wrapping at c0999. The same rows as use.sql, 100 times: 100 guarded balance
-- debits in one statement, 100 usage rows and 400 ledger legs in one insert each, and one chain
-- head update per customer.
\set start random(0, 999)
BEGIN;
CREATE TEMP TABLE IF NOT EXISTS batch (id varchar(32) PRIMARY KEY) ON COMMIT DELETE ROWS;
INSERT INTO batch SELECT 'c' || lpad(((:start + g) % 1000)::text, 4, '0') FROM generate_series(0, 99) AS g;
SELECT count(*) FROM (SELECT b.id FROM customer_balance b JOIN batch USING (id) ORDER BY b.id FOR UPDATE OF b) AS locked;
SELECT count(*) FROM (SELECT h.account FROM ledger_head h JOIN batch ON h.account = 'customer:' || batch.id
  ORDER BY h.account FOR UPDATE OF h) AS locked;
UPDATE customer_balance b SET balance = balance - 0.02, last_consumption = now()
  FROM batch WHERE b.id = batch.id AND b.balance - 0.02 >= -coalesce(b.credit_limit, 0);
INSERT INTO product_usage_log (id, product_id, user_id, user_org_id, product_resource_id,
    supplier_org_id, resource_type, resource_ref_id, used_amount, used_unit, unit_cost, total_cost,
    sell_price, billing_mode, source_ref_table, source_ref_id, use_time, created_at, currency,
    cost_currency, biz_date, request_hash)
 SELECT replace(gen_random_uuid()::text, '-', ''), 'pgbench-product', 'bench-user', id,
    'pgbench-resource', 'pgbench-supplier', 'llm', 'bench-model', 1000, 'token', 0.00001, 0.010000,
    0.020000, '1', 'pgbench', replace(gen_random_uuid()::text, '-', ''), now(), now(), 'CNY', 'CNY',
    current_date, repeat('a', 64)
  FROM batch;
WITH head AS (
  UPDATE ledger_head h SET last_seq = last_seq + 4, last_hash = repeat('b', 64)
    FROM batch WHERE h.account = 'customer:' || batch.id RETURNING h.account, h.last_seq)
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
