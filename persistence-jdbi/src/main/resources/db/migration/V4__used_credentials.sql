-- The nonces of HMAC-signed requests and the Deerer tokens each app has used, as SHA-256 hashes,
-- so that every server sharing the database refuses a replay, also after a restart. A row is kept
-- until its time window has passed (expires_at), then swept.
CREATE TABLE api_used_credential (
  app_id          VARCHAR(32)  NOT NULL,
  credential_hash VARCHAR(64)  NOT NULL,
  expires_at      ${timestamp} NOT NULL,
  PRIMARY KEY (app_id, credential_hash)
)${table_options};

CREATE INDEX idx_api_used_credential_expires ON api_used_credential (expires_at);
