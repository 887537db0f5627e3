-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Cancels a ticket: deletes its row (optionally only if the phone matches); the AFTER DELETE
-- trigger frees the seat and writes the 'cancelled' audit row. With p_keep_checked_in = 1 (a kiosk) a ticket already
-- used at the door is kept and the call fails as ALREADY_CHECKED_IN: the condition is part of
-- the DELETE itself, which reads the row under its lock, so a check-in racing the cancel
-- either lands first (and the ticket stays) or finds no ticket.
DROP PROCEDURE IF EXISTS marquee_cancel $$
CREATE PROCEDURE marquee_cancel(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_phone_no VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_keep_checked_in TINYINT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_deleted INT DEFAULT 0;
  DECLARE v_seats INT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  -- The seats it held, for the answer (read just before: a party changes only under its row lock,
  -- which the DELETE takes; a release slipping in between is the one that wins the row anyway).
  SELECT seats INTO v_seats FROM ticket_record WHERE ticket_id = p_ticket_id;
  SET @marquee_actor = p_actor;
  DELETE t FROM ticket_record t JOIN user_record u ON u.user_id = t.user_id
    WHERE t.ticket_id = p_ticket_id AND (p_phone_no IS NULL OR u.phone_no = p_phone_no)
      AND (p_keep_checked_in = 0 OR t.checked_in_at IS NULL);
  SET v_deleted = ROW_COUNT();
  SET @marquee_actor = NULL;
  IF v_deleted = 0 THEN
    IF p_keep_checked_in = 1 AND EXISTS (SELECT 1 FROM ticket_record WHERE ticket_id = p_ticket_id AND checked_in_at IS NOT NULL) THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:ALREADY_CHECKED_IN';
    END IF;
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
  SELECT v_seats AS released;
END $$

DELIMITER ;
