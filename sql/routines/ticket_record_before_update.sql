-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A ticket moved to another show takes a seat there (or fails as HOUSEFULL, or SHOW_CANCELLED
-- for a cancelled screening: read under the show row's lock, as a booking does) and frees its old one;
-- both shows' roster_version change (sql/011).
-- A ticket used at the door stays with the show it was used for: moving it fails as
-- ALREADY_CHECKED_IN unless the same UPDATE clears the check-in (a manager undoes it first).
-- The row is locked by the UPDATE, so a check-in racing a move is either seen here or waits
-- and then checks the ticket against its new show.
DROP TRIGGER IF EXISTS ticket_record_before_update $$
CREATE TRIGGER ticket_record_before_update BEFORE UPDATE ON ticket_record FOR EACH ROW
BEGIN
  IF NEW.show_id <> OLD.show_id AND NEW.checked_in_at IS NOT NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:ALREADY_CHECKED_IN';
  END IF;
  IF NEW.show_id <> OLD.show_id THEN
    UPDATE show_record SET booked = booked + 1, roster_version = roster_version + 1
     WHERE show_id = NEW.show_id AND booked < capacity AND cancelled_at IS NULL;
    IF ROW_COUNT() = 0 THEN
      CALL marquee_refuse_seat(NEW.show_id);
    END IF;
    UPDATE show_record SET booked = booked - 1, roster_version = roster_version + 1 WHERE show_id = OLD.show_id;
  END IF;
END $$

DELIMITER ;
