-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Triggers guard every write path, including a DBA's raw INSERT / UPDATE / DELETE.
-- A new ticket takes its party's seats (NEW.seats) with a guarded counter update — all or none —
-- or fails as HOUSEFULL (or
-- SHOW_CANCELLED for a cancelled screening); the show's roster_version changes with it (sql/011).
-- The update reads the show row under its lock: a booking racing /show/cancel either commits
-- first (and is cancelled with the rest) or sees cancelled_at here.
DROP TRIGGER IF EXISTS ticket_record_before_insert $$
CREATE TRIGGER ticket_record_before_insert BEFORE INSERT ON ticket_record FOR EACH ROW
BEGIN
  UPDATE show_record SET booked = booked + NEW.seats, roster_version = roster_version + 1
   WHERE show_id = NEW.show_id AND booked + NEW.seats <= capacity AND cancelled_at IS NULL;
  IF ROW_COUNT() = 0 THEN
    CALL marquee_refuse_seat(NEW.show_id);
  END IF;
  SET NEW.created_at = UTC_TIMESTAMP(3), NEW.updated_at = UTC_TIMESTAMP(3);
END $$

DELIMITER ;
