-- One hash chain per customer instead of one per account (docs/domain.md, "Hash chains"). Every
-- leg of a posting with a customer leg, and of the supplier cost of that customer's use, goes into
-- the customer's chain, so a use locks its own customer's chain head and no longer waits on its
-- reseller's revenue account, which every use of the reseller used to lock.
--
-- accounting_records.chain names the chain a leg is in. The legs written before this migration
-- were chained per account, so each keeps its own account as its chain: every old chain stays as
-- it was (its sequence and hashes are untouched, the hash formula does not cover the chain), and
-- its head in ledger_head already matches it. A customer's old chain simply continues; the other
-- accounts' old chains are closed. ledger_head keeps one row per chain; its account column now
-- holds the chain's name.
--
-- The column is added NOT NULL with a default every dialect accepts, filled, and the default
-- dropped, so no dialect needs its own way of making a column NOT NULL. Dropping the primary key
-- differs by dialect (Dialect.placeholders()): ${drop_accounting_records_pkey} reads DROP PRIMARY KEY on H2
-- and MySQL/MariaDB, and DROP CONSTRAINT accounting_records_pkey (the name PostgreSQL gave the
-- key of V1) on PostgreSQL.

ALTER TABLE accounting_records ADD COLUMN chain VARCHAR(48) NOT NULL DEFAULT '';
UPDATE accounting_records SET chain = account;
ALTER TABLE accounting_records ALTER COLUMN chain DROP DEFAULT;

ALTER TABLE accounting_records ${drop_accounting_records_pkey};
ALTER TABLE accounting_records ADD PRIMARY KEY (chain, seq);

-- listing an account's legs, newest first, once (account, seq) is no longer the key
CREATE INDEX idx_ar_account ON accounting_records (account, created_at);
