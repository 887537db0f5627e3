-- Tickets that work at the door (issue 12): a random ticket code per ticket (the proof of
-- ownership and what the QR carries), the check-in on the ticket row, the door role, and the
-- audit trail's new kinds. The codes themselves are made in TypeScript (no CSPRNG in MariaDB
-- before 10.10): bookings pass one to marquee_book, and tickets booked before this migration
-- get theirs right after it (backfillTicketCodes, run by every migrate). Check-in itself is
-- sql/routines/marquee_checkin.sql; its audit rows come from ticket_record_after_update.sql.

-- ascii_bin: a code matches byte for byte, whatever the database's default collation.
-- NULL only until the backfill, or for a raw INSERT by a DBA that gave none.
ALTER TABLE ticket_record
  ADD COLUMN ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN checked_in_at DATETIME(3) NULL,
  ADD COLUMN checked_in_by VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  ADD UNIQUE KEY uq_ticket_code (ticket_code);

ALTER TABLE ticket_event
  MODIFY COLUMN kind ENUM('booked', 'moved', 'deleted', 'expired', 'checked_in', 'checkin_undone') NOT NULL;

ALTER TABLE api_token
  MODIFY COLUMN role ENUM('kiosk', 'viewer', 'manager', 'door') NOT NULL;
