-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Finds the show a booking or move names: by p_show_id (SHOW_CANCELLED for a cancelled
-- screening; the ticket triggers check it again under the show's lock), or else by its start time p_starts_at
-- (the original API's way), which must name one show that is not cancelled (AMBIGUOUS_SHOW when
-- several screens start then). A time that names none is created on the first screen when the
-- caller may (p_capacity is the new show's capacity; NULL means the show must already exist,
-- else SHOW_NOT_FOUND — only a manager creates shows). Runs outside any transaction so that a
-- freshly created show is visible to every concurrent booking at once; two managers creating
-- the same time at once meet on the unique key uq_show_screen_starts_at (INSERT IGNORE) and both
-- book into the one show.
DROP PROCEDURE IF EXISTS marquee_ensure_show $$
CREATE PROCEDURE marquee_ensure_show(IN p_show_id BIGINT UNSIGNED, IN p_starts_at DATETIME, IN p_capacity INT, OUT p_found BIGINT UNSIGNED)
  MODIFIES SQL DATA
ensure: BEGIN
  DECLARE v_count INT DEFAULT 0;
  DECLARE v_screen_id BIGINT UNSIGNED;
  DECLARE v_cancelled TINYINT DEFAULT 0;
  SET p_found = NULL;
  -- Aggregates always yield a row: no "no data" condition for a caller's handler.
  IF p_show_id IS NOT NULL THEN
    SELECT MAX(show_id), MAX(cancelled_at IS NOT NULL) INTO p_found, v_cancelled FROM show_record WHERE show_id = p_show_id;
    IF p_found IS NULL THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_NOT_FOUND';
    END IF;
    IF v_cancelled = 1 THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_CANCELLED';
    END IF;
    LEAVE ensure;
  END IF;
  SELECT COUNT(*), MAX(show_id) INTO v_count, p_found FROM show_record WHERE starts_at = p_starts_at AND cancelled_at IS NULL;
  IF v_count > 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:AMBIGUOUS_SHOW';
  END IF;
  IF p_found IS NULL AND p_capacity IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_NOT_FOUND';
  END IF;
  IF p_found IS NULL THEN
    SELECT MIN(screen_id) INTO v_screen_id FROM screen WHERE retired_at IS NULL;
    INSERT IGNORE INTO show_record (screen_id, starts_at, capacity, booked, created_at)
      VALUES (v_screen_id, p_starts_at, p_capacity, 0, UTC_TIMESTAMP(3));
    SELECT MAX(show_id) INTO p_found FROM show_record WHERE screen_id = v_screen_id AND starts_at = p_starts_at;
  END IF;
END ensure $$

DELIMITER ;
