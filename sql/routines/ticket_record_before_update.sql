-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A ticket moved to another show takes its party's seats there (all, or fails as HOUSEFULL, or
-- SHOW_CANCELLED for a cancelled screening: read under the show row's lock, as a booking does)
-- and each type's quota there (QUOTA_FULL), and frees them on its old show; both shows'
-- roster_version change (sql/011). A party keeps the prices it was sold at.
-- A ticket used at the door stays with the show it was used for: moving it fails as
-- ALREADY_CHECKED_IN unless the same UPDATE clears the check-in (a manager undoes it first).
-- The row is locked by the UPDATE, so a check-in racing a move is either seen here or waits
-- and then checks the ticket against its new show.
-- Seats given back on the same show (marquee_release_seats) free that many seats; a party never
-- grows here. A check-in written as checked_in_at alone (the original path, a DBA) admits the
-- whole party; clearing it (an undo) admits none.
DROP TRIGGER IF EXISTS ticket_record_before_update $$
CREATE TRIGGER ticket_record_before_update BEFORE UPDATE ON ticket_record FOR EACH ROW
BEGIN
  IF NEW.show_id <> OLD.show_id AND NEW.checked_in_at IS NOT NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:ALREADY_CHECKED_IN';
  END IF;
  IF NEW.show_id <> OLD.show_id AND NEW.seats <> OLD.seats THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:INVALID_INPUT';
  END IF;
  IF NEW.show_id <> OLD.show_id THEN
    UPDATE show_record SET booked = booked + NEW.seats, roster_version = roster_version + 1
     WHERE show_id = NEW.show_id AND booked + NEW.seats <= capacity AND cancelled_at IS NULL;
    IF ROW_COUNT() = 0 THEN
      CALL marquee_refuse_seat(NEW.show_id);
    END IF;
    CALL marquee_count_party(NEW.ticket_id, NEW.show_id, 1);
    UPDATE show_record SET booked = booked - OLD.seats, roster_version = roster_version + 1 WHERE show_id = OLD.show_id;
    CALL marquee_count_party(OLD.ticket_id, OLD.show_id, 0);
  ELSEIF NEW.seats > OLD.seats THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:INVALID_INPUT';
  ELSEIF NEW.seats < OLD.seats THEN
    UPDATE show_record SET booked = booked - (OLD.seats - NEW.seats) WHERE show_id = OLD.show_id;
  END IF;
  IF OLD.checked_in_at IS NULL AND NEW.checked_in_at IS NOT NULL AND NEW.admitted = OLD.admitted THEN
    SET NEW.admitted = NEW.seats;
  ELSEIF NEW.checked_in_at IS NULL THEN
    SET NEW.admitted = 0;
  END IF;
END $$

DELIMITER ;
