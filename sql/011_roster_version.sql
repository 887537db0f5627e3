-- A version per show that changes with every change to its tickets (issue 14): the roster of a
-- show is cached by the server and served again only while this number, the show's id and its
-- expiry are what they were, so a cached roster is never stale, whatever process or DBA wrote.
-- Bumped by the ticket_record triggers (sql/routines/ticket_record_*.sql) in the same statements
-- that keep `booked`, and for changes that keep the ticket's show (check-in, undo, expiry mark).
ALTER TABLE show_record
  ADD COLUMN roster_version BIGINT UNSIGNED NOT NULL DEFAULT 0;
