-- Idempotent bookings that survive a lost answer: a booking sent with an Idempotency-Key
-- carries a reference (SHA-256 of the device, the key and the request) on its ticket row, so
-- a retry after the database went away mid-answer finds the ticket instead of booking twice.

ALTER TABLE ticket_record
  ADD COLUMN idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD UNIQUE KEY uq_ticket_idem_ref (idem_ref);

-- marquee_book, which writes idem_ref with the ticket, lives in sql/routines/marquee_book.sql.
-- A database that ran the earlier text of this file (which also redefined marquee_book) is
-- accepted: see SUPERSEDED_CHECKSUMS in main/core/db/migrate.ts.
