-- Tally schema, for every dialect. Seed tables (customer_balance, product_usage_log) keep the
-- platform's column names and types; columns Tally adds are listed after the seed's.
-- Dialect differences are Flyway placeholders (Dialect.placeholders()): ${timestamp} (${timestamp},
-- or DATETIME(6) on MySQL/MariaDB), ${now}, ${text} (CLOB, TEXT, LONGTEXT) and ${table_options}
-- (on MySQL/MariaDB: InnoDB, utf8mb4 and a binary collation, as ids are case-sensitive).

CREATE TABLE customer_balance (
  id               VARCHAR(32)   NOT NULL DEFAULT '',
  balance          DECIMAL(15,4) NOT NULL DEFAULT 0,
  currency         VARCHAR(8)    NOT NULL DEFAULT 'CNY',
  credit_limit     DECIMAL(15,4) NULL DEFAULT NULL,
  last_recharge    ${timestamp}  NULL DEFAULT NULL,
  last_consumption ${timestamp}  NULL DEFAULT NULL,
  status           VARCHAR(16)   NOT NULL DEFAULT 'active',
  sync_version     VARCHAR(32)   NULL DEFAULT '',
  cached_at        ${timestamp}  NOT NULL DEFAULT ${now},
  held_amount      DECIMAL(15,4) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
)${table_options};
CREATE INDEX idx_status ON customer_balance (status);
CREATE INDEX idx_balance ON customer_balance (balance);

CREATE TABLE product_usage_log (
  id                  VARCHAR(32)   NOT NULL,
  product_id          VARCHAR(32)   NOT NULL,
  subscription_id     VARCHAR(32)   NULL,
  user_id             VARCHAR(32)   NOT NULL,
  user_org_id         VARCHAR(32)   NOT NULL,
  product_resource_id VARCHAR(32)   NULL,
  supplier_org_id     VARCHAR(32)   NULL,
  resource_type       VARCHAR(32)   NULL,
  resource_ref_id     VARCHAR(32)   NULL,
  used_amount         DECIMAL(15,4) NOT NULL,
  used_unit           VARCHAR(32)   NULL,
  unit_cost           DECIMAL(15,8) NULL DEFAULT 0,
  total_cost          DECIMAL(15,6) NULL DEFAULT 0,
  sell_price          DECIMAL(15,6) NULL DEFAULT 0,
  billing_mode        CHAR(1)       NOT NULL,
  source_ref_table    VARCHAR(64)   NULL,
  source_ref_id       VARCHAR(32)   NULL,
  use_time            ${timestamp}  NOT NULL,
  created_at          ${timestamp}  NOT NULL,
  in_quota_amount     DECIMAL(15,4) NOT NULL DEFAULT 0,
  overage_amount      DECIMAL(15,4) NOT NULL DEFAULT 0,
  currency            VARCHAR(8)    NOT NULL,
  cost_currency       VARCHAR(8)    NOT NULL,
  biz_date            DATE          NOT NULL,
  request_hash        VARCHAR(64)   NOT NULL,
  PRIMARY KEY (id)
)${table_options};
CREATE INDEX idx_pul_product ON product_usage_log (product_id);
CREATE INDEX idx_pul_subscription ON product_usage_log (subscription_id);
CREATE INDEX idx_pul_user ON product_usage_log (user_id, user_org_id);
CREATE INDEX idx_pul_supplier ON product_usage_log (supplier_org_id);
CREATE INDEX idx_pul_time ON product_usage_log (use_time);
CREATE UNIQUE INDEX idx_pul_source ON product_usage_log (source_ref_table, source_ref_id);
CREATE INDEX idx_pul_org_time ON product_usage_log (user_org_id, use_time);

CREATE TABLE product (
  id           VARCHAR(32)   NOT NULL,
  product_name VARCHAR(128)  NOT NULL,
  owner_org_id VARCHAR(32)   NOT NULL,
  description  VARCHAR(1000) NOT NULL DEFAULT '',
  status       VARCHAR(16)   NOT NULL,
  created_at   ${timestamp}  NOT NULL,
  PRIMARY KEY (id)
)${table_options};
CREATE INDEX idx_product_owner ON product (owner_org_id, status);

CREATE TABLE supplier (
  org_id        VARCHAR(32)  NOT NULL,
  supplier_name VARCHAR(128) NOT NULL,
  status        VARCHAR(16)  NOT NULL,
  created_at    ${timestamp} NOT NULL,
  PRIMARY KEY (org_id)
)${table_options};

CREATE TABLE product_resource (
  id                 VARCHAR(32)   NOT NULL,
  product_id         VARCHAR(32)   NOT NULL,
  resource_type      VARCHAR(32)   NOT NULL,
  resource_ref_id    VARCHAR(32)   NOT NULL,
  billing_mode       CHAR(1)       NOT NULL,
  used_unit          VARCHAR(32)   NOT NULL,
  unit_price         DECIMAL(15,8) NULL,
  currency           VARCHAR(8)    NULL,
  pricing_program_id VARCHAR(32)   NULL,
  min_balance        DECIMAL(15,4) NULL,
  status             VARCHAR(16)   NOT NULL,
  created_at         ${timestamp}  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_product_resource UNIQUE (product_id, resource_type, resource_ref_id)
)${table_options};

CREATE TABLE product_resource_supplier (
  product_resource_id VARCHAR(32)   NOT NULL,
  supplier_org_id     VARCHAR(32)   NOT NULL,
  unit_cost           DECIMAL(15,8) NOT NULL,
  currency            VARCHAR(8)    NOT NULL,
  priority            INT           NOT NULL,
  status              VARCHAR(16)   NOT NULL,
  created_at          ${timestamp}  NOT NULL,
  PRIMARY KEY (product_resource_id, supplier_org_id)
)${table_options};

CREATE TABLE product_subscription (
  id                 VARCHAR(32)   NOT NULL,
  product_id         VARCHAR(32)   NOT NULL,
  user_id            VARCHAR(32)   NOT NULL,
  user_org_id        VARCHAR(32)   NOT NULL,
  billing_mode       CHAR(1)       NOT NULL,
  quota_total        DECIMAL(15,4) NOT NULL,
  quota_used         DECIMAL(15,4) NOT NULL,
  quota_unit         VARCHAR(32)   NOT NULL,
  period_start       ${timestamp}  NOT NULL,
  period_end         ${timestamp}  NOT NULL,
  period_length      VARCHAR(16)   NOT NULL,
  allow_overage      BOOLEAN       NOT NULL,
  overage_unit_price DECIMAL(15,8) NULL,
  overage_cap        DECIMAL(15,4) NULL,
  overage_used       DECIMAL(15,4) NOT NULL,
  status             VARCHAR(16)   NOT NULL,
  auto_renew         BOOLEAN       NOT NULL,
  fee                DECIMAL(15,4) NOT NULL,
  currency           VARCHAR(8)    NOT NULL,
  created_at         ${timestamp}  NOT NULL,
  PRIMARY KEY (id)
)${table_options};
CREATE INDEX idx_ps_org_product ON product_subscription (user_org_id, product_id, status);
CREATE INDEX idx_ps_product ON product_subscription (product_id, status);
CREATE INDEX idx_ps_due ON product_subscription (status, period_end);

CREATE TABLE balance_hold (
  id             VARCHAR(32)   NOT NULL,
  user_org_id    VARCHAR(32)   NOT NULL,
  user_id        VARCHAR(32)   NOT NULL,
  product_id     VARCHAR(32)   NOT NULL,
  amount         DECIMAL(15,4) NOT NULL,
  currency       VARCHAR(8)    NOT NULL,
  status         VARCHAR(16)   NOT NULL,
  settled_amount DECIMAL(15,4) NULL,
  created_at     ${timestamp}  NOT NULL,
  expires_at     ${timestamp}  NOT NULL,
  closed_at      ${timestamp}  NULL,
  PRIMARY KEY (id)
)${table_options};
CREATE INDEX idx_bh_due ON balance_hold (status, expires_at);
CREATE INDEX idx_bh_org ON balance_hold (user_org_id);

CREATE TABLE accounting_records (
  account        VARCHAR(48)   NOT NULL,
  seq            BIGINT        NOT NULL,
  transaction_id VARCHAR(32)   NOT NULL,
  leg_no         INT           NOT NULL,
  operation      VARCHAR(24)   NOT NULL,
  amount         DECIMAL(19,6) NOT NULL,
  currency       VARCHAR(8)    NOT NULL,
  balance_after  DECIMAL(15,4) NULL,
  ref_type       VARCHAR(16)   NOT NULL,
  ref_id         VARCHAR(64)   NOT NULL,
  memo           VARCHAR(255)  NOT NULL DEFAULT '',
  created_at     ${timestamp}  NOT NULL,
  biz_date       DATE          NOT NULL,
  prev_hash      VARCHAR(64)   NOT NULL,
  hash           VARCHAR(64)   NOT NULL,
  PRIMARY KEY (account, seq)
)${table_options};
CREATE INDEX idx_ar_transaction ON accounting_records (transaction_id);
CREATE INDEX idx_ar_reference ON accounting_records (ref_type, ref_id);
CREATE INDEX idx_ar_time ON accounting_records (created_at);

CREATE TABLE ledger_head (
  account   VARCHAR(48) NOT NULL,
  last_seq  BIGINT      NOT NULL,
  last_hash VARCHAR(64) NOT NULL,
  PRIMARY KEY (account)
)${table_options};

CREATE TABLE pricing_cache (
  id           VARCHAR(32)   NOT NULL,
  program_name VARCHAR(128)  NOT NULL,
  currency     VARCHAR(8)    NOT NULL,
  discount     DECIMAL(12,6) NOT NULL,
  price_lists  ${text}          NOT NULL,
  version      BIGINT        NOT NULL,
  cached_at    ${timestamp}  NOT NULL,
  PRIMARY KEY (id)
)${table_options};

CREATE TABLE users_cache (
  id        VARCHAR(32)  NOT NULL,
  org_id    VARCHAR(32)  NULL,
  user_name VARCHAR(255) NULL,
  data      ${text}         NOT NULL,
  version   BIGINT       NOT NULL,
  cached_at ${timestamp} NOT NULL,
  PRIMARY KEY (id)
)${table_options};
CREATE INDEX idx_users_org ON users_cache (org_id);

CREATE TABLE llmage_cache (
  id        VARCHAR(32)  NOT NULL,
  name      VARCHAR(255) NULL,
  data      ${text}         NOT NULL,
  version   BIGINT       NOT NULL,
  cached_at ${timestamp} NOT NULL,
  PRIMARY KEY (id)
)${table_options};

CREATE TABLE uapi_cache (
  id        VARCHAR(32)  NOT NULL,
  name      VARCHAR(255) NULL,
  data      ${text}         NOT NULL,
  version   BIGINT       NOT NULL,
  cached_at ${timestamp} NOT NULL,
  PRIMARY KEY (id)
)${table_options};

CREATE TABLE sync_state (
  entity          VARCHAR(32)   NOT NULL,
  cursor_value    VARCHAR(255)  NULL,
  status          VARCHAR(16)   NOT NULL DEFAULT 'idle',
  last_error      VARCHAR(1000) NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  items_synced    BIGINT        NOT NULL DEFAULT 0,
  last_success_at ${timestamp}  NULL,
  last_attempt_at ${timestamp}  NULL,
  lease_owner     VARCHAR(64)   NULL,
  lease_until     ${timestamp}  NULL,
  PRIMARY KEY (entity)
)${table_options};

CREATE TABLE appcodes (
  id   VARCHAR(32)  NOT NULL,
  name VARCHAR(128) NOT NULL,
  PRIMARY KEY (id)
)${table_options};

CREATE TABLE appcodes_kv (
  id       VARCHAR(64)  NOT NULL,
  parentid VARCHAR(32)  NOT NULL,
  k        VARCHAR(32)  NOT NULL,
  v        VARCHAR(255) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_appcodes_kv UNIQUE (parentid, k)
)${table_options};

CREATE TABLE api_app (
  app_id           VARCHAR(32)   NOT NULL,
  app_name         VARCHAR(128)  NOT NULL,
  secret_encrypted VARCHAR(512)  NOT NULL,
  allowed_ips      VARCHAR(1000) NOT NULL DEFAULT '',
  org_id           VARCHAR(32)   NULL,
  enabled          BOOLEAN       NOT NULL,
  created_at       ${timestamp}  NOT NULL,
  PRIMARY KEY (app_id)
)${table_options};

CREATE TABLE api_key (
  id            VARCHAR(32)  NOT NULL,
  app_id        VARCHAR(32)  NULL,
  user_id       VARCHAR(32)  NULL,
  org_id        VARCHAR(32)  NULL,
  role          VARCHAR(16)  NOT NULL,
  key_hash      VARCHAR(64)  NOT NULL,
  enabled_date  ${timestamp} NOT NULL,
  expired_date  ${timestamp} NULL,
  created_at    ${timestamp} NOT NULL,
  revoked_at    ${timestamp} NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_api_key_hash UNIQUE (key_hash)
)${table_options};
