-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Undoes a check-in (a manager's correction); the trigger writes 'checkin_undone'.
DROP PROCEDURE IF EXISTS marquee_undo_checkin $$
CREATE PROCEDURE marquee_undo_checkin(IN p_ticket_id BIGINT UNSIGNED, IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_undone INT DEFAULT 0;
  DECLARE v_exists INT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  SET @marquee_actor = p_actor;
  UPDATE ticket_record SET checked_in_at = NULL, checked_in_by = NULL WHERE ticket_id = p_ticket_id AND checked_in_at IS NOT NULL;
  SET v_undone = ROW_COUNT();
  SET @marquee_actor = NULL;
  IF v_undone = 0 THEN
    SELECT COUNT(*) INTO v_exists FROM ticket_record WHERE ticket_id = p_ticket_id;
    IF v_exists = 0 THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
    END IF;
  END IF;
  SELECT v_undone AS undone;
END $$

DELIMITER ;
