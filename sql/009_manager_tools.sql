-- The manager's tools: device pairing codes, the last use of each token, and indexes the
-- sales report needs to read the audit trail by show.

-- One-time codes a device trades for a token. The code is six digits, so its hash is no
-- secret against someone holding the database; it is hashed only so the table never shows
-- a live code to a person reading it. A row is single-use (used_at) and short-lived
-- (expires_at); expired rows are removed when a new code is made.
CREATE TABLE IF NOT EXISTS pairing_code (
  pairing_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code_hash   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  role        VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  label       VARCHAR(100) NOT NULL,
  created_by  VARCHAR(100) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  token_id    BIGINT UNSIGNED NULL,
  PRIMARY KEY (pairing_id),
  UNIQUE KEY uq_pairing_code (code_hash),
  KEY ix_pairing_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Wrong codes, counted per source and in total over a sliding window, so guessing a
-- six-digit code is held to a handful of tries however many processes answer.
CREATE TABLE IF NOT EXISTS pairing_failure (
  failure_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  source      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  at          DATETIME(3) NOT NULL,
  PRIMARY KEY (failure_id),
  KEY ix_pairing_failure_at (at),
  KEY ix_pairing_failure_source (source, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE api_token ADD COLUMN last_used_at DATETIME(3) NULL;

CREATE INDEX ix_event_show ON ticket_event (show_id);
CREATE INDEX ix_event_from_show ON ticket_event (from_show_id);
