-- A cancelled ticket's code, kept in the audit trail (issue 13): the ticket row is deleted on
-- cancellation, so without it a guest looking up a cancelled ticket by its code is told "not
-- found" as if they had mistyped it. The delete trigger (sql/routines/ticket_record_after_delete.sql)
-- writes it on the 'deleted' event only; other events and those written before this migration
-- leave it NULL (their code is gone with the row). Same type and collation as
-- ticket_record.ticket_code, so a code matches byte for byte whatever the database's default.
ALTER TABLE ticket_event
  ADD COLUMN ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD KEY ix_event_code (ticket_code);
