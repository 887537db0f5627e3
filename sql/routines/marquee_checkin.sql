-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Check-in: admits a ticket once, inside its show's window, whatever number of doors scan it
-- at once. The ticket row is locked first (its unique code), so of two doors the second
-- reads the first one's check-in and gets 'already'. Answers one row whose `outcome` is
-- checked_in | already | not_open | closed | not_found, with what the door shows.
DROP PROCEDURE IF EXISTS marquee_checkin $$
CREATE PROCEDURE marquee_checkin(
  IN p_ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin, IN p_opens_minutes INT, IN p_closes_minutes INT,
  IN p_expire_hours INT, IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_is_expired TINYINT;
  DECLARE v_checked_in_at DATETIME(3);
  DECLARE v_starts_at DATETIME;
  DECLARE v_outcome VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  START TRANSACTION;
  SELECT ticket_id, show_id, is_expired, checked_in_at INTO v_ticket_id, v_show_id, v_is_expired, v_checked_in_at
    FROM ticket_record WHERE ticket_code = p_ticket_code FOR UPDATE;
  IF v_ticket_id IS NULL THEN
    SET v_outcome = 'not_found';
  ELSE
    SELECT starts_at INTO v_starts_at FROM show_record WHERE show_id = v_show_id;
    IF v_checked_in_at IS NOT NULL THEN
      SET v_outcome = 'already';
    ELSEIF UTC_TIMESTAMP() < v_starts_at - INTERVAL p_opens_minutes MINUTE THEN
      SET v_outcome = 'not_open';
    ELSEIF v_is_expired = 1 OR UTC_TIMESTAMP() > v_starts_at + INTERVAL p_closes_minutes MINUTE
        OR v_starts_at <= marquee_expiry_cutoff(p_expire_hours) THEN
      SET v_outcome = 'closed';
    ELSE
      SET @marquee_actor = p_actor;
      UPDATE ticket_record SET checked_in_at = UTC_TIMESTAMP(3), checked_in_by = p_actor WHERE ticket_id = v_ticket_id;
      SET @marquee_actor = NULL;
      SET v_outcome = 'checked_in';
    END IF;
  END IF;
  COMMIT;
  SELECT v_outcome AS outcome, t.ticket_id, t.ticket_code, t.checked_in_at, t.checked_in_by, u.user_name,
         s.show_id, s.starts_at, COALESCE(s.title, f.title) AS title, sc.name AS screen_name
    FROM (SELECT 1) one
    LEFT JOIN ticket_record t ON t.ticket_id = v_ticket_id
    LEFT JOIN user_record u ON u.user_id = t.user_id
    LEFT JOIN show_record s ON s.show_id = t.show_id
    LEFT JOIN screen sc ON sc.screen_id = s.screen_id
    LEFT JOIN film f ON f.film_id = s.film_id;
END $$

DELIMITER ;
