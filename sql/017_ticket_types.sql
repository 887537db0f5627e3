-- Parties, ticket types and prices (issue 21). A booking is a party: one ticket row (one code,
-- one QR) holding `seats` seats, split by type in ticket_item. Every count is held like the
-- show's capacity — by the ticket triggers, in the same statement as the ticket — so a party
-- takes all its seats and each type's quota or nothing (sql/routines/ticket_record_*.sql).

-- Money is integer minor units (cents) in MARQUEE_CURRENCY; the database never names a currency.
-- is_default is 1 on exactly one type (NULLs are not unique): the type a booking without items
-- takes, as the original API's clients send. quota_per_show NULL: no quota beyond the seats.
CREATE TABLE IF NOT EXISTS ticket_type (
  ticket_type_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name           VARCHAR(40) NOT NULL,
  price          INT UNSIGNED NOT NULL DEFAULT 0,
  quota_per_show SMALLINT UNSIGNED NULL,
  active         TINYINT(1) NOT NULL DEFAULT 1,
  sort_order     INT NOT NULL DEFAULT 0,
  is_default     TINYINT(1) NULL,
  created_at     DATETIME(3) NOT NULL,
  updated_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (ticket_type_id),
  UNIQUE KEY uq_ticket_type_name (name),
  UNIQUE KEY uq_ticket_type_default (is_default),
  CONSTRAINT chk_ticket_type_default CHECK (is_default IS NULL OR is_default = 1),
  CONSTRAINT chk_ticket_type_quota CHECK (quota_per_show IS NULL OR quota_per_show >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO ticket_type (name, price, active, sort_order, is_default, created_at, updated_at)
  SELECT 'Standard', 0, 1, 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) FROM DUAL
   WHERE NOT EXISTS (SELECT 1 FROM ticket_type);

-- A show's own price for a type ("Tuesday: adults 5.00"); without a row the type's price holds.
CREATE TABLE IF NOT EXISTS show_price (
  show_id        BIGINT UNSIGNED NOT NULL,
  ticket_type_id INT UNSIGNED NOT NULL,
  price          INT UNSIGNED NOT NULL,
  PRIMARY KEY (show_id, ticket_type_id),
  CONSTRAINT fk_show_price_show FOREIGN KEY (show_id) REFERENCES show_record (show_id) ON DELETE CASCADE,
  CONSTRAINT fk_show_price_type FOREIGN KEY (ticket_type_id) REFERENCES ticket_type (ticket_type_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seats of each type a show holds: the counter a type's quota is checked against (and the
-- per-type figures of a roster), kept by the ticket triggers like show_record.booked.
CREATE TABLE IF NOT EXISTS show_type_count (
  show_id        BIGINT UNSIGNED NOT NULL,
  ticket_type_id INT UNSIGNED NOT NULL,
  taken          SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (show_id, ticket_type_id),
  CONSTRAINT fk_show_type_count_show FOREIGN KEY (show_id) REFERENCES show_record (show_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A party's seats by type, with the price each seat was sold at (the show's price then).
-- No foreign key to the ticket: the delete trigger frees the counts and removes the rows
-- (a cascade would not run triggers). The type's key keeps a type in use from being deleted.
CREATE TABLE IF NOT EXISTS ticket_item (
  ticket_id      BIGINT UNSIGNED NOT NULL,
  ticket_type_id INT UNSIGNED NOT NULL,
  count          SMALLINT UNSIGNED NOT NULL,
  unit_price     INT UNSIGNED NOT NULL,
  PRIMARY KEY (ticket_id, ticket_type_id),
  KEY ix_ticket_item_type (ticket_type_id),
  CONSTRAINT fk_ticket_item_type FOREIGN KEY (ticket_type_id) REFERENCES ticket_type (ticket_type_id),
  CONSTRAINT chk_ticket_item_count CHECK (count >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- admitted: how many of the party are in (a door may admit part of it now, the rest later).
ALTER TABLE ticket_record
  ADD COLUMN seats SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  ADD COLUMN admitted SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  ADD CONSTRAINT chk_ticket_seats CHECK (seats >= 1),
  ADD CONSTRAINT chk_ticket_admitted CHECK (admitted <= seats);

UPDATE ticket_record SET admitted = 1 WHERE checked_in_at IS NOT NULL;

-- Every earlier ticket is one seat of the default type, sold at its price then (none: 0).
INSERT INTO ticket_item (ticket_id, ticket_type_id, count, unit_price)
  SELECT t.ticket_id, d.ticket_type_id, 1, 0
    FROM ticket_record t CROSS JOIN ticket_type d
   WHERE d.is_default = 1
     AND NOT EXISTS (SELECT 1 FROM ticket_item i WHERE i.ticket_id = t.ticket_id);

INSERT INTO show_type_count (show_id, ticket_type_id, taken)
  SELECT t.show_id, d.ticket_type_id, COUNT(*)
    FROM ticket_record t CROSS JOIN ticket_type d
   WHERE d.is_default = 1
   GROUP BY t.show_id, d.ticket_type_id
  ON DUPLICATE KEY UPDATE taken = VALUES(taken);

-- The audit trail counts seats and money, not rows: an event concerns `seats` seats worth
-- `amount` (minor units), split by type in `items` ([{"t": type, "n": count, "p": unit price}]).
-- 'released': some seats of a party given back (the ticket stays with the rest).
ALTER TABLE ticket_event
  ADD COLUMN seats SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  ADD COLUMN amount INT NOT NULL DEFAULT 0,
  ADD COLUMN items TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  MODIFY COLUMN kind ENUM('booked', 'moved', 'cancelled', 'removed', 'expired', 'checked_in', 'checkin_undone', 'released') NOT NULL;
