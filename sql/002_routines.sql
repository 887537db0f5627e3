-- Stored routines and triggers. DELIMITER lines are for the mysql client; Marquee's
-- migration runner reads them the same way and sends each routine as one statement.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.

DELIMITER $$

-- The expiry rule, in one place: a show is expired once it started p_hours or more ago,
-- by the database clock (one clock for every kiosk).
DROP FUNCTION IF EXISTS marquee_expiry_cutoff $$
CREATE FUNCTION marquee_expiry_cutoff(p_hours INT) RETURNS DATETIME
  NOT DETERMINISTIC NO SQL
  RETURN UTC_TIMESTAMP() - INTERVAL p_hours HOUR $$

-- Finds or creates the show row of a start time. Runs outside any transaction so that
-- a freshly created show is visible to every concurrent booking at once.
DROP PROCEDURE IF EXISTS marquee_ensure_show $$
CREATE PROCEDURE marquee_ensure_show(IN p_starts_at DATETIME, IN p_capacity INT, OUT p_show_id BIGINT UNSIGNED)
  MODIFIES SQL DATA
BEGIN
  SET p_show_id = NULL;
  SELECT show_id INTO p_show_id FROM show_record WHERE starts_at = p_starts_at;
  IF p_show_id IS NULL THEN
    INSERT IGNORE INTO show_record (starts_at, capacity, booked, created_at)
      VALUES (p_starts_at, p_capacity, 0, UTC_TIMESTAMP(3));
    SELECT show_id INTO p_show_id FROM show_record WHERE starts_at = p_starts_at;
  END IF;
END $$

-- The booking transaction: one CALL. The ticket INSERT is a single statement whose
-- BEFORE INSERT trigger takes the seat (guarded counter update) and whose AFTER INSERT
-- trigger writes the audit row, so the seat, the ticket and the audit row commit together.
DROP PROCEDURE IF EXISTS marquee_book $$
CREATE PROCEDURE marquee_book(
  IN p_user_name VARCHAR(60), IN p_phone_no VARCHAR(16), IN p_starts_at DATETIME,
  IN p_capacity INT, IN p_expire_hours INT, IN p_actor VARCHAR(100))
  MODIFIES SQL DATA
BEGIN
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_user_id BIGINT UNSIGNED;
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
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
  INSERT INTO ticket_record (user_id, show_id) VALUES (v_user_id, v_show_id);
  SET v_ticket_id = LAST_INSERT_ID();
  SET @marquee_actor = NULL;

  SELECT v_ticket_id AS ticket_id, s.starts_at, CAST(s.capacity - s.booked AS SIGNED) AS seats_left
    FROM show_record s WHERE s.show_id = v_show_id;
END $$

-- Moves a ticket to another show time. The ticket row is locked first (primary key) so a
-- concurrent delete cannot slip between the check and the move; the BEFORE UPDATE trigger
-- guards the new show's capacity.
DROP PROCEDURE IF EXISTS marquee_move $$
CREATE PROCEDURE marquee_move(
  IN p_ticket_id BIGINT UNSIGNED, IN p_starts_at DATETIME, IN p_phone_no VARCHAR(16),
  IN p_capacity INT, IN p_expire_hours INT, IN p_actor VARCHAR(100))
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

DROP PROCEDURE IF EXISTS marquee_delete $$
CREATE PROCEDURE marquee_delete(IN p_ticket_id BIGINT UNSIGNED, IN p_phone_no VARCHAR(16), IN p_actor VARCHAR(100))
  MODIFIES SQL DATA
BEGIN
  DECLARE v_deleted INT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  SET @marquee_actor = p_actor;
  DELETE t FROM ticket_record t JOIN user_record u ON u.user_id = t.user_id
    WHERE t.ticket_id = p_ticket_id AND (p_phone_no IS NULL OR u.phone_no = p_phone_no);
  SET v_deleted = ROW_COUNT();
  SET @marquee_actor = NULL;
  IF v_deleted = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
END $$

-- One sweep batch: mark up to p_batch tickets of expired shows, then delete up to p_batch
-- marked tickets. Each statement is its own short transaction (autocommit), so bookings
-- never wait long; a second sweeper running at once finds the rows already done.
DROP PROCEDURE IF EXISTS marquee_sweep_batch $$
CREATE PROCEDURE marquee_sweep_batch(IN p_expire_hours INT, IN p_batch INT, IN p_actor VARCHAR(100))
  MODIFIES SQL DATA
BEGIN
  DECLARE v_cutoff DATETIME;
  DECLARE v_marked INT DEFAULT 0;
  DECLARE v_deleted INT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  SET v_cutoff = marquee_expiry_cutoff(p_expire_hours);
  SET @marquee_actor = p_actor;
  UPDATE ticket_record SET is_expired = 1, updated_at = UTC_TIMESTAMP(3)
    WHERE is_expired = 0 AND show_id IN (SELECT show_id FROM show_record WHERE starts_at <= v_cutoff)
    LIMIT p_batch;
  SET v_marked = ROW_COUNT();
  DELETE FROM ticket_record WHERE is_expired = 1 LIMIT p_batch;
  SET v_deleted = ROW_COUNT();
  SET @marquee_actor = NULL;
  SELECT v_marked AS marked, v_deleted AS deleted;
END $$

-- Triggers guard every write path, including a DBA's raw INSERT / UPDATE / DELETE.
DROP TRIGGER IF EXISTS ticket_record_before_insert $$
CREATE TRIGGER ticket_record_before_insert BEFORE INSERT ON ticket_record FOR EACH ROW
BEGIN
  UPDATE show_record SET booked = booked + 1 WHERE show_id = NEW.show_id AND booked < capacity;
  IF ROW_COUNT() = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:HOUSEFULL';
  END IF;
  SET NEW.created_at = UTC_TIMESTAMP(3), NEW.updated_at = UTC_TIMESTAMP(3);
END $$

DROP TRIGGER IF EXISTS ticket_record_after_insert $$
CREATE TRIGGER ticket_record_after_insert AFTER INSERT ON ticket_record FOR EACH ROW
  INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at)
    VALUES (NEW.ticket_id, 'booked', NEW.user_id, NEW.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3)) $$

DROP TRIGGER IF EXISTS ticket_record_before_update $$
CREATE TRIGGER ticket_record_before_update BEFORE UPDATE ON ticket_record FOR EACH ROW
BEGIN
  IF NEW.show_id <> OLD.show_id THEN
    UPDATE show_record SET booked = booked + 1 WHERE show_id = NEW.show_id AND booked < capacity;
    IF ROW_COUNT() = 0 THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:HOUSEFULL';
    END IF;
    UPDATE show_record SET booked = booked - 1 WHERE show_id = OLD.show_id;
  END IF;
END $$

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
END $$

DROP TRIGGER IF EXISTS ticket_record_after_delete $$
CREATE TRIGGER ticket_record_after_delete AFTER DELETE ON ticket_record FOR EACH ROW
BEGIN
  UPDATE show_record SET booked = booked - 1 WHERE show_id = OLD.show_id;
  INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at)
    VALUES (OLD.ticket_id, 'deleted', OLD.user_id, OLD.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3));
END $$

DELIMITER ;
