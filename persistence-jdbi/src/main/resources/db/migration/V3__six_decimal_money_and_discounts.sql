-- Money at 6 decimals (DESIGN 2): charges are rounded to 6 as seed 003's sell_price ("dec": 6)
-- and the platform do, so balances, credit limits, holds, fees, minimum balances and the ledger's
-- balance_after follow. DECIMAL(15,4) becomes DECIMAL(17,6): two more decimals, the same 11
-- integer digits, so that every stored value fits unchanged. Changing a column's type differs by
-- dialect (Dialect.placeholders()): ${alter_column} c ${set_type} T ${restate_not_null} reads
-- ALTER COLUMN c SET DATA TYPE T on H2, ALTER COLUMN c TYPE T on PostgreSQL and
-- MODIFY COLUMN c T NOT NULL on MySQL/MariaDB; a NOT NULL column's default is set again after.

ALTER TABLE customer_balance ${alter_column} balance ${set_type} DECIMAL(17,6) ${restate_not_null};
ALTER TABLE customer_balance ALTER COLUMN balance SET DEFAULT 0;
ALTER TABLE customer_balance ${alter_column} credit_limit ${set_type} DECIMAL(17,6);
ALTER TABLE customer_balance ${alter_column} held_amount ${set_type} DECIMAL(17,6) ${restate_not_null};
ALTER TABLE customer_balance ALTER COLUMN held_amount SET DEFAULT 0;

ALTER TABLE product_resource ${alter_column} min_balance ${set_type} DECIMAL(17,6);

ALTER TABLE product_subscription ${alter_column} fee ${set_type} DECIMAL(17,6) ${restate_not_null};

ALTER TABLE balance_hold ${alter_column} amount ${set_type} DECIMAL(17,6) ${restate_not_null};
ALTER TABLE balance_hold ${alter_column} settled_amount ${set_type} DECIMAL(17,6);

ALTER TABLE accounting_records ${alter_column} balance_after ${set_type} DECIMAL(17,6);

-- The discount a reseller gives a customer org, a multiplier of each use's charge applied after
-- the pricing programme's discount; and on each usage row, the discount it was charged with.
CREATE TABLE customer_discount (
  reseller_org_id VARCHAR(32)   NOT NULL,
  user_org_id     VARCHAR(32)   NOT NULL,
  discount        DECIMAL(12,6) NOT NULL,
  updated_at      ${timestamp}  NOT NULL,
  PRIMARY KEY (reseller_org_id, user_org_id)
)${table_options};
CREATE INDEX idx_cd_customer ON customer_discount (user_org_id);

ALTER TABLE product_usage_log ADD COLUMN customer_discount DECIMAL(12,6) NOT NULL DEFAULT 1;
