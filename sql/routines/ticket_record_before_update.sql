-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A ticket moved to another show takes a seat there (or fails as HOUSEFULL) and frees its old one.
DROP TRIGGER IF EXISTS ticket_record_before_update $$
CREATE TRIGGER ticket_record_before_update BEFORE UPDATE ON ticket_record FOR EACH ROW
BEGIN
  IF NEW.show_id <> OLD.show_id THEN
    UPDATE show_record SET booked = booked + 1 WHERE show_id = NEW.show_id AND booked < capacity;
    IF ROW_COUNT() = 0 THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:HOUSEFULL';
    END IF;
    UPDATE show_record SET booked = booked - 1 WHERE show_id = OLD.show_id;
  END IF;
END $$

DELIMITER ;
