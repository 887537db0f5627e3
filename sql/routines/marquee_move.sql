-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Moves a ticket to another show time. The ticket row is locked first (primary key) so a
-- concurrent delete cannot slip between the check and the move; the BEFORE UPDATE trigger
-- guards the new show's capacity.
DROP PROCEDURE IF EXISTS marquee_move $$
CREATE PROCEDURE marquee_move(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_starts_at DATETIME,
  IN p_phone_no VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_capacity INT,
  IN p_expire_hours INT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_current_show BIGINT UNSIGNED;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  IF p_starts_at <= marquee_expiry_cutoff(p_expire_hours) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;
  CALL marquee_ensure_show(p_starts_at, p_capacity, v_show_id);

  START TRANSACTION;
  SELECT t.show_id INTO v_current_show FROM ticket_record t
    JOIN user_record u ON u.user_id = t.user_id
    WHERE t.ticket_id = p_ticket_id AND (p_phone_no IS NULL OR u.phone_no = p_phone_no)
    FOR UPDATE;
  IF v_current_show IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
  IF v_current_show <> v_show_id THEN
    SET @marquee_actor = p_actor;
    UPDATE ticket_record SET show_id = v_show_id, updated_at = UTC_TIMESTAMP(3) WHERE ticket_id = p_ticket_id;
    SET @marquee_actor = NULL;
  END IF;
  COMMIT;

  SELECT p_ticket_id AS ticket_id, s.starts_at, CAST(s.capacity - s.booked AS SIGNED) AS seats_left
    FROM show_record s WHERE s.show_id = v_show_id;
END $$

DELIMITER ;
