-- One word per concept (issue 19): a ticket given up is "cancelled" in the UIs, the API and now
-- the audit trail. The expiry sweep's removal of a ticket whose show is over is no cancellation
-- and gets its own word, 'removed'. Both used to be 'deleted', told apart by the 'expired' event
-- the sweep writes before it deletes (it deletes only tickets it marked expired); the delete
-- trigger (sql/routines/ticket_record_after_delete.sql) now writes the right word itself.
-- Widen the ENUM, rename the rows, narrow it: no value is ever outside the column's type.
ALTER TABLE ticket_event
  MODIFY COLUMN kind ENUM('booked', 'moved', 'deleted', 'cancelled', 'removed', 'expired', 'checked_in', 'checkin_undone') NOT NULL;

-- DISTINCT makes the derived table a materialised copy, so MySQL too lets the UPDATE read the
-- table it writes.
UPDATE ticket_event e
  JOIN (SELECT DISTINCT ticket_id FROM ticket_event WHERE kind = 'expired') swept ON swept.ticket_id = e.ticket_id
   SET e.kind = 'removed'
 WHERE e.kind = 'deleted';

UPDATE ticket_event SET kind = 'cancelled' WHERE kind = 'deleted';

ALTER TABLE ticket_event
  MODIFY COLUMN kind ENUM('booked', 'moved', 'cancelled', 'removed', 'expired', 'checked_in', 'checkin_undone') NOT NULL;

-- The procedure is marquee_cancel now (sql/routines/marquee_cancel.sql). The routines migrator
-- drops a routine whose file is gone only if it recorded applying it; a database whose
-- marquee_delete came from 002_routines.sql, before routines had files of their own, has no
-- such record.
DROP PROCEDURE IF EXISTS marquee_delete;
