-- Messages, newest first by id. utf8mb4 stores every Unicode character, emoji included;
-- the binary collation keeps idempotency keys case-sensitive and text byte-exact.
CREATE TABLE IF NOT EXISTS messages (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  author VARCHAR(64) NOT NULL,
  text VARCHAR(1000) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  idempotency_key VARCHAR(255) NULL,
  request_hash BINARY(32) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_messages_idempotency_key (idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
