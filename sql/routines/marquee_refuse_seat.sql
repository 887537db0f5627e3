-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Why a ticket got no seat on a show (the ticket triggers' guarded counter update changed no
-- row): the screening was cancelled (SHOW_CANCELLED), else it is full (HOUSEFULL). One place for
-- the booking and the move.
DROP PROCEDURE IF EXISTS marquee_refuse_seat $$
CREATE PROCEDURE marquee_refuse_seat(IN p_show_id BIGINT UNSIGNED)
  READS SQL DATA
BEGIN
  IF EXISTS (SELECT 1 FROM show_record WHERE show_id = p_show_id AND cancelled_at IS NOT NULL) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_CANCELLED';
  END IF;
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:HOUSEFULL';
END $$

DELIMITER ;
