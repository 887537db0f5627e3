-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Puts a show on a screen from p_starts_at to p_ends_at, or refuses: the screen must exist and
-- not be retired (SCREEN_NOT_FOUND), and no other show on it that is not cancelled may overlap
-- (SCREEN_BUSY:<show_id of the show in the way>, which the core turns into details). Called by
-- the show triggers, so every write path is checked, a DBA's raw INSERT too.
-- The screen row is written first: that lock makes every writer of this screen's shows take
-- turns (and two Galera nodes conflict on it), and the check is a locking read, which sees
-- shows committed after this transaction's snapshot. A show starting at the very same time on
-- the same screen is left to the unique key uq_show_screen_starts_at (a duplicate that INSERT
-- IGNORE may skip: marquee_ensure_show relies on that).
DROP PROCEDURE IF EXISTS marquee_claim_screen $$
CREATE PROCEDURE marquee_claim_screen(
  IN p_show_id BIGINT UNSIGNED, IN p_screen_id BIGINT UNSIGNED, IN p_starts_at DATETIME, IN p_ends_at DATETIME)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_in_way BIGINT UNSIGNED;
  DECLARE v_message VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  UPDATE screen SET schedule_version = schedule_version + 1 WHERE screen_id = p_screen_id AND retired_at IS NULL;
  IF ROW_COUNT() = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SCREEN_NOT_FOUND';
  END IF;
  IF p_ends_at IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:FILM_NOT_FOUND';
  END IF;
  SELECT MIN(show_id) INTO v_in_way FROM show_record
   WHERE screen_id = p_screen_id AND ends_at > p_starts_at AND starts_at < p_ends_at
     AND cancelled_at IS NULL AND show_id <> p_show_id AND starts_at <> p_starts_at
   LOCK IN SHARE MODE;
  IF v_in_way IS NOT NULL THEN
    SET v_message = CONCAT('MARQUEE:SCREEN_BUSY:', v_in_way);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END $$

DELIMITER ;
