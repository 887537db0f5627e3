-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Finds the show row of a start time, or creates it when the caller may (p_capacity is the
-- new show's capacity; NULL means the show must already exist, else SHOW_NOT_FOUND — only a
-- manager creates shows). Runs outside any transaction so that a freshly created show is
-- visible to every concurrent booking at once.
DROP PROCEDURE IF EXISTS marquee_ensure_show $$
CREATE PROCEDURE marquee_ensure_show(IN p_starts_at DATETIME, IN p_capacity INT, OUT p_show_id BIGINT UNSIGNED)
  MODIFIES SQL DATA
BEGIN
  SET p_show_id = NULL;
  -- An aggregate always yields a row: no "no data" condition for a caller's handler.
  SELECT MAX(show_id) INTO p_show_id FROM show_record WHERE starts_at = p_starts_at;
  IF p_show_id IS NULL AND p_capacity IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_NOT_FOUND';
  END IF;
  IF p_show_id IS NULL THEN
    INSERT IGNORE INTO show_record (starts_at, capacity, booked, created_at)
      VALUES (p_starts_at, p_capacity, 0, UTC_TIMESTAMP(3));
    SELECT show_id INTO p_show_id FROM show_record WHERE starts_at = p_starts_at;
  END IF;
END $$

DELIMITER ;
