-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A deleted ticket frees its seat (and changes its show's roster_version, sql/011). The audit
-- row says why it went: 'removed' when the expiry sweep took it (the sweep deletes only tickets
-- it marked expired, sweep.ts), 'cancelled' otherwise (marquee_cancel, or a DBA's DELETE). It
-- outlives the ticket, with the ticket's code, so a lookup by that code can say the ticket was
-- cancelled (and when) or that its show is over, rather than "not found". A cancelled
-- screening's reason (@marquee_reason, set by /show/cancel like the actor) goes on the row.
DROP TRIGGER IF EXISTS ticket_record_after_delete $$
CREATE TRIGGER ticket_record_after_delete AFTER DELETE ON ticket_record FOR EACH ROW
BEGIN
  UPDATE show_record SET booked = booked - 1, roster_version = roster_version + 1 WHERE show_id = OLD.show_id;
  INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, ticket_code, reason)
    VALUES (OLD.ticket_id, IF(OLD.is_expired = 1, 'removed', 'cancelled'), OLD.user_id, OLD.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3), OLD.ticket_code,
            @marquee_reason);
END $$

DELIMITER ;
