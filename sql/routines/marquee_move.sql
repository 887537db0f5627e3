-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Moves a ticket to another show: p_show_id, or else the one show at p_starts_at
-- (marquee_ensure_show). The ticket (and, for a kiosk, its phone) is checked
-- before anything is written; then its row is locked (primary key) so a concurrent delete or
-- sweep cannot slip between the check and the move; the BEFORE UPDATE trigger guards the new
-- show's capacity. A ticket that is expired (marked by the sweep, or its show past the rule)
-- is never moved: the sweep would otherwise delete it from its new show.
-- A ticket already used at the door is never moved either (ALREADY_CHECKED_IN, from the
-- BEFORE UPDATE trigger, under this row lock): a manager undoes the check-in first.
-- p_capacity is the capacity of a show this call may create; NULL means the target show must
-- already exist (only a manager creates shows; a kiosk gets SHOW_NOT_FOUND).
-- p_channel: who moves it, the caller's role; a kiosk may not move a party onto a type's spaces
-- held for the counter (marquee_count_party reads @marquee_channel; sql/023).
DROP PROCEDURE IF EXISTS marquee_move $$
CREATE PROCEDURE marquee_move(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_show_id BIGINT UNSIGNED,
  IN p_starts_at DATETIME,
  IN p_phone_no VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_capacity INT,
  IN p_expire_hours INT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_channel VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_current_show BIGINT UNSIGNED;
  DECLARE v_owned BIGINT UNSIGNED;
  DECLARE v_expired TINYINT;
  DECLARE v_cutoff DATETIME;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET @marquee_actor = NULL, @marquee_channel = NULL;
    RESIGNAL;
  END;
  SET v_cutoff = marquee_expiry_cutoff(p_expire_hours);
  IF p_starts_at <= v_cutoff THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;
  -- Ownership first: a wrong ticket or phone writes nothing, not even the target show.
  SELECT MAX(t.ticket_id) INTO v_owned FROM ticket_record t
    JOIN user_record u ON u.user_id = t.user_id
    WHERE t.ticket_id = p_ticket_id AND (p_phone_no IS NULL OR u.phone_no = p_phone_no);
  IF v_owned IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
  CALL marquee_ensure_show(p_show_id, p_starts_at, p_capacity, v_show_id);
  IF p_show_id IS NOT NULL AND EXISTS (SELECT 1 FROM show_record WHERE show_id = v_show_id AND starts_at <= v_cutoff) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;

  START TRANSACTION;
  SELECT t.show_id, (t.is_expired = 1 OR s.starts_at <= v_cutoff) INTO v_current_show, v_expired
    FROM ticket_record t
    JOIN user_record u ON u.user_id = t.user_id
    JOIN show_record s ON s.show_id = t.show_id
    WHERE t.ticket_id = p_ticket_id AND (p_phone_no IS NULL OR u.phone_no = p_phone_no)
    FOR UPDATE;
  IF v_current_show IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
  IF v_expired = 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;
  IF v_current_show <> v_show_id THEN
    SET @marquee_actor = p_actor, @marquee_channel = p_channel;
    UPDATE ticket_record SET show_id = v_show_id, updated_at = UTC_TIMESTAMP(3) WHERE ticket_id = p_ticket_id;
    SET @marquee_actor = NULL, @marquee_channel = NULL;
  END IF;
  COMMIT;

  SELECT p_ticket_id AS ticket_id, s.starts_at, CAST(s.capacity - s.booked AS SIGNED) AS seats_left, s.show_id
    FROM show_record s WHERE s.show_id = v_show_id;
END $$

DELIMITER ;
