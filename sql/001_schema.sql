-- Marquee schema. Portable to MySQL 8.0+ and MariaDB 10.6+ (DESIGN.md §1).
-- Times are UTC DATETIME; every Marquee connection sets time_zone = '+00:00'.

CREATE TABLE IF NOT EXISTS user_record (
  user_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_name  VARCHAR(60) NOT NULL,
  phone_no   VARCHAR(16) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id),
  UNIQUE KEY uq_user_name_phone (user_name, phone_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS show_record (
  show_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  starts_at  DATETIME NOT NULL,
  title      VARCHAR(120) NULL,
  capacity   SMALLINT UNSIGNED NOT NULL DEFAULT 20,
  booked     SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (show_id),
  UNIQUE KEY uq_show_starts_at (starts_at),
  CONSTRAINT chk_show_booked CHECK (booked <= capacity),
  CONSTRAINT chk_show_capacity CHECK (capacity >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS ticket_record (
  ticket_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id    BIGINT UNSIGNED NOT NULL,
  show_id    BIGINT UNSIGNED NOT NULL,
  is_expired TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (ticket_id),
  KEY ix_ticket_show (show_id),
  KEY ix_ticket_user (user_id),
  KEY ix_ticket_expired (is_expired),
  CONSTRAINT fk_ticket_user FOREIGN KEY (user_id) REFERENCES user_record (user_id),
  CONSTRAINT fk_ticket_show FOREIGN KEY (show_id) REFERENCES show_record (show_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The audit trail outlives the tickets it describes, so no foreign key to ticket_record.
CREATE TABLE IF NOT EXISTS ticket_event (
  event_id     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  ticket_id    BIGINT UNSIGNED NOT NULL,
  kind         ENUM('booked', 'moved', 'deleted', 'expired') NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  show_id      BIGINT UNSIGNED NOT NULL,
  from_show_id BIGINT UNSIGNED NULL,
  actor        VARCHAR(100) NOT NULL,
  at           DATETIME(3) NOT NULL,
  PRIMARY KEY (event_id),
  KEY ix_event_ticket (ticket_id),
  KEY ix_event_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
