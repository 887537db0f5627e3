-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A deleted ticket frees its party's seats and each type's count (and changes its show's
-- roster_version, sql/011); its items go with it. The audit row says why it went: 'removed' when
-- the expiry sweep took it (the sweep deletes only tickets it marked expired, sweep.ts),
-- 'cancelled' otherwise (marquee_cancel, or a DBA's DELETE), with the seats and their value, so
-- the reports count seats and money after the ticket is gone. It outlives the ticket, with the
-- ticket's code, so a lookup by that code can say the ticket was cancelled (and when) or that its
-- show is over, rather than "not found". A cancelled screening's reason (@marquee_reason, set by
-- /show/cancel like the actor) goes on the row. An unpaid reservation released before its show
-- (marquee_release_unpaid sets @marquee_unpaid_release) is 'unpaid_released' (sql/021), so its
-- code answers "released: not paid in time".
DROP TRIGGER IF EXISTS ticket_record_after_delete $$
CREATE TRIGGER ticket_record_after_delete AFTER DELETE ON ticket_record FOR EACH ROW
BEGIN
  UPDATE show_record SET booked = booked - OLD.seats, roster_version = roster_version + 1 WHERE show_id = OLD.show_id;
  CALL marquee_count_party(OLD.ticket_id, OLD.show_id, 0);
  INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, ticket_code, reason, seats, amount, items)
    VALUES (OLD.ticket_id, CASE WHEN OLD.is_expired = 1 THEN 'removed' WHEN @marquee_unpaid_release = 1 THEN 'unpaid_released' ELSE 'cancelled' END, OLD.user_id, OLD.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3), OLD.ticket_code,
            @marquee_reason, OLD.seats, marquee_party_amount(OLD.ticket_id), marquee_party_items(OLD.ticket_id));
  DELETE FROM ticket_item WHERE ticket_id = OLD.ticket_id;
END $$

DELIMITER ;
