-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Why a ticket got no seat on a show (the ticket triggers' guarded counter update changed no
-- row): the screening was cancelled (SHOW_CANCELLED), else it is full (HOUSEFULL:<show>). One place
-- for the booking and the move. HOUSEFULL names the show, so a booking that named it by its time
-- can still say how many seats are left (operations/tickets.ts, explainPartyRefusal).
DROP PROCEDURE IF EXISTS marquee_refuse_seat $$
CREATE PROCEDURE marquee_refuse_seat(IN p_show_id BIGINT UNSIGNED)
  READS SQL DATA
BEGIN
  DECLARE v_message VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  IF EXISTS (SELECT 1 FROM show_record WHERE show_id = p_show_id AND cancelled_at IS NOT NULL) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_CANCELLED';
  END IF;
  SET v_message = CONCAT('MARQUEE:HOUSEFULL:', p_show_id);
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
END $$

DELIMITER ;
