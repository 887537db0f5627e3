-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Audit rows for a move, for expiry marking, and for admissions and their undoing (by any write
-- path), each with the seats it concerns (and, for a move, their value and types, which follow
-- the party to its new show in the reports). An admission is counted by the guests it let in
-- (admitted grows: the whole party, or part of it now and the rest later); an undoing against the
-- show the check-in was for (OLD), also when the same UPDATE moves the ticket, so the report's
-- checked-in figure per show stays right.
DROP TRIGGER IF EXISTS ticket_record_after_update $$
CREATE TRIGGER ticket_record_after_update AFTER UPDATE ON ticket_record FOR EACH ROW
BEGIN
  -- Any other change to a ticket (check-in, undo, expiry mark, seats given back) changes its
  -- roster too (sql/011); a move bumped both shows in the before-update trigger.
  IF NEW.show_id = OLD.show_id THEN
    UPDATE show_record SET roster_version = roster_version + 1 WHERE show_id = NEW.show_id;
  END IF;
  IF NEW.show_id <> OLD.show_id THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats, amount, items)
      VALUES (NEW.ticket_id, 'moved', NEW.user_id, NEW.show_id, OLD.show_id, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3),
              NEW.seats, marquee_party_amount(NEW.ticket_id), marquee_party_items(NEW.ticket_id));
  END IF;
  IF NEW.is_expired = 1 AND OLD.is_expired = 0 THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats)
      VALUES (NEW.ticket_id, 'expired', NEW.user_id, NEW.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3), NEW.seats);
  END IF;
  IF NEW.admitted > OLD.admitted THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats)
      VALUES (NEW.ticket_id, 'checked_in', NEW.user_id, NEW.show_id, NULL,
              COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3), NEW.admitted - OLD.admitted);
  ELSEIF NEW.admitted < OLD.admitted THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats)
      VALUES (NEW.ticket_id, 'checkin_undone', NEW.user_id, OLD.show_id, NULL,
              COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3), OLD.admitted - NEW.admitted);
  END IF;
END $$

DELIMITER ;
