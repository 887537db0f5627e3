-- Tickets that work at the door (issue 12): a random ticket code per ticket (the proof of
-- ownership and what the QR carries), the check-in on the ticket row, the door role, and the
-- audit trail's new kinds. The codes themselves are made in TypeScript (no CSPRNG in MariaDB
-- before 10.10): bookings pass one to marquee_book, and tickets booked before this migration
-- get theirs right after it (backfillTicketCodes, run by every migrate).

-- ascii_bin: a code matches byte for byte, whatever the database's default collation.
-- NULL only until the backfill, or for a raw INSERT by a DBA that gave none.
ALTER TABLE ticket_record
  ADD COLUMN ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN checked_in_at DATETIME(3) NULL,
  ADD COLUMN checked_in_by VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  ADD UNIQUE KEY uq_ticket_code (ticket_code);

ALTER TABLE ticket_event
  MODIFY COLUMN kind ENUM('booked', 'moved', 'deleted', 'expired', 'checked_in', 'checkin_undone') NOT NULL;

ALTER TABLE api_token
  MODIFY COLUMN role ENUM('kiosk', 'viewer', 'manager', 'door') NOT NULL;

DELIMITER $$

-- The booking transaction, now also writing the ticket's code (made by the caller from a CSPRNG).
DROP PROCEDURE IF EXISTS marquee_book $$
CREATE PROCEDURE marquee_book(
  IN p_user_name VARCHAR(60), IN p_phone_no VARCHAR(16), IN p_starts_at DATETIME,
  IN p_capacity INT, IN p_expire_hours INT, IN p_actor VARCHAR(100), IN p_idem_ref CHAR(64),
  IN p_ticket_code CHAR(12) CHARACTER SET ascii)
  MODIFIES SQL DATA
book: BEGIN
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_user_id BIGINT UNSIGNED;
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_ticket_code CHAR(12) CHARACTER SET ascii;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  IF p_idem_ref IS NOT NULL THEN
    SELECT ticket_id, show_id, ticket_code INTO v_ticket_id, v_show_id, v_ticket_code FROM ticket_record WHERE idem_ref = p_idem_ref;
    IF v_ticket_id IS NOT NULL THEN
      SELECT v_ticket_id AS ticket_id, v_ticket_code AS ticket_code, s.starts_at, CAST(s.capacity - s.booked AS SIGNED) AS seats_left
        FROM show_record s WHERE s.show_id = v_show_id;
      LEAVE book;
    END IF;
  END IF;
  IF p_starts_at <= marquee_expiry_cutoff(p_expire_hours) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;
  CALL marquee_ensure_show(p_starts_at, p_capacity, v_show_id);

  SELECT user_id INTO v_user_id FROM user_record WHERE user_name = p_user_name AND phone_no = p_phone_no;
  IF v_user_id IS NULL THEN
    INSERT IGNORE INTO user_record (user_name, phone_no, created_at) VALUES (p_user_name, p_phone_no, UTC_TIMESTAMP(3));
    SELECT user_id INTO v_user_id FROM user_record WHERE user_name = p_user_name AND phone_no = p_phone_no;
  END IF;

  SET @marquee_actor = p_actor;
  INSERT INTO ticket_record (user_id, show_id, idem_ref, ticket_code) VALUES (v_user_id, v_show_id, p_idem_ref, p_ticket_code);
  SET v_ticket_id = LAST_INSERT_ID();
  SET @marquee_actor = NULL;

  SELECT v_ticket_id AS ticket_id, p_ticket_code AS ticket_code, s.starts_at, CAST(s.capacity - s.booked AS SIGNED) AS seats_left
    FROM show_record s WHERE s.show_id = v_show_id;
END book $$

-- Check-in: admits a ticket once, inside its show's window, whatever number of doors scan it
-- at once. The ticket row is locked first (its unique code), so of two doors the second
-- reads the first one's check-in and gets 'already'. Answers one row whose `outcome` is
-- checked_in | already | not_open | closed | not_found, with what the door shows.
DROP PROCEDURE IF EXISTS marquee_checkin $$
CREATE PROCEDURE marquee_checkin(
  IN p_ticket_code CHAR(12) CHARACTER SET ascii, IN p_opens_minutes INT, IN p_closes_minutes INT,
  IN p_expire_hours INT, IN p_actor VARCHAR(100))
  MODIFIES SQL DATA
BEGIN
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_is_expired TINYINT;
  DECLARE v_checked_in_at DATETIME(3);
  DECLARE v_starts_at DATETIME;
  DECLARE v_outcome VARCHAR(16);
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
  SELECT v_outcome AS outcome, t.ticket_id, t.ticket_code, t.checked_in_at, t.checked_in_by, u.user_name, s.starts_at, s.title
    FROM (SELECT 1) one
    LEFT JOIN ticket_record t ON t.ticket_id = v_ticket_id
    LEFT JOIN user_record u ON u.user_id = t.user_id
    LEFT JOIN show_record s ON s.show_id = t.show_id;
END $$

-- Undoes a check-in (a manager's correction); the trigger writes 'checkin_undone'.
DROP PROCEDURE IF EXISTS marquee_checkin_undo $$
CREATE PROCEDURE marquee_checkin_undo(IN p_ticket_id BIGINT UNSIGNED, IN p_actor VARCHAR(100))
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

-- The audit trail, now also for check-ins and their undoing (by any write path).
DROP TRIGGER IF EXISTS ticket_record_after_update $$
CREATE TRIGGER ticket_record_after_update AFTER UPDATE ON ticket_record FOR EACH ROW
BEGIN
  IF NEW.show_id <> OLD.show_id THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at)
      VALUES (NEW.ticket_id, 'moved', NEW.user_id, NEW.show_id, OLD.show_id, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3));
  END IF;
  IF NEW.is_expired = 1 AND OLD.is_expired = 0 THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at)
      VALUES (NEW.ticket_id, 'expired', NEW.user_id, NEW.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3));
  END IF;
  IF NOT (NEW.checked_in_at <=> OLD.checked_in_at) THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at)
      VALUES (NEW.ticket_id, IF(NEW.checked_in_at IS NULL, 'checkin_undone', 'checked_in'), NEW.user_id, NEW.show_id, NULL,
              COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3));
  END IF;
END $$

DELIMITER ;
