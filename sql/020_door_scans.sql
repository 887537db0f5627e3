-- The door (issue 23): scans answered once, doors scoped to screens, a salt for the snapshot's
-- code hashes. See docs/ARCHITECTURE.md, "The door app".

-- Every scan that carries a scanId, with the answer it got, written in the check-in's own
-- transaction (marquee_checkin): a door that lost the answer and sends the same scanId again
-- is answered the same, and the admission is never counted twice. A scan admitted offline that
-- collided with what happened meanwhile (another door's admission, a cancellation, a move) is
-- kept with `conflict` set and listed for the manager (/checkin/conflicts).
CREATE TABLE IF NOT EXISTS checkin_scan (
  scan_id        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ticket_code    CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  actor          VARCHAR(100) NOT NULL,
  offline        TINYINT(1) NOT NULL DEFAULT 0,
  scanned_at     DATETIME(3) NOT NULL,
  recorded_at    DATETIME(3) NOT NULL,
  requested      SMALLINT UNSIGNED NULL,
  outcome        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ticket_id      BIGINT UNSIGNED NULL,
  show_id        BIGINT UNSIGNED NULL,
  user_name      VARCHAR(60) NULL,
  seats          SMALLINT UNSIGNED NULL,
  admitted       SMALLINT UNSIGNED NULL,
  admitted_now   SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  items          TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  checked_in_at  DATETIME(3) NULL,
  checked_in_by  VARCHAR(100) NULL,
  conflict       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
  other_door     VARCHAR(100) NULL,
  other_at       DATETIME(3) NULL,
  PRIMARY KEY (scan_id),
  KEY ix_checkin_scan_conflict (conflict, scanned_at),
  KEY ix_checkin_scan_recorded (recorded_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A door device scoped to screens (its entrance); a door without rows admits every screen.
CREATE TABLE IF NOT EXISTS door_screen (
  token_id  BIGINT UNSIGNED NOT NULL,
  screen_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (token_id, screen_id),
  KEY ix_door_screen_screen (screen_id),
  CONSTRAINT fk_door_screen_token FOREIGN KEY (token_id) REFERENCES api_token (token_id) ON DELETE CASCADE,
  CONSTRAINT fk_door_screen_screen FOREIGN KEY (screen_id) REFERENCES screen (screen_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Pairing may scope the door it makes: the screens travel with the code to its token.
ALTER TABLE pairing_code ADD COLUMN screen_ids VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL;

-- The snapshot's code hashes are salted per database (not secret: it only keeps one theatre's
-- precomputed table from serving another's); every serve on the database shares it.
CREATE TABLE IF NOT EXISTS door_secret (
  name  VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO door_secret (name, value)
  VALUES ('code_hash_salt', LEFT(SHA2(CONCAT(UUID(), RAND(), SYSDATE(6), CONNECTION_ID()), 256), 32));
