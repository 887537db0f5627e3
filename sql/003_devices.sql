-- LAN devices: per-device API tokens (stored as SHA-256 of 128+ random bits) and the
-- answers of idempotent bookings, so a retried request returns the first answer.

CREATE TABLE IF NOT EXISTS api_token (
  token_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  label       VARCHAR(100) NOT NULL,
  role        ENUM('kiosk', 'viewer', 'manager') NOT NULL,
  token_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  revoked_at  DATETIME(3) NULL,
  PRIMARY KEY (token_id),
  UNIQUE KEY uq_token_hash (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS idempotent_request (
  scope         VARCHAR(100) NOT NULL,
  idem_key      VARCHAR(200) NOT NULL,
  request_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status        SMALLINT UNSIGNED NULL,
  response      TEXT NULL,
  created_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (scope, idem_key),
  KEY ix_idem_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
