-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- The booking itself, shared by marquee_book (one CALL, each statement its own transaction) and
-- marquee_sell (inside the sale's or keyed booking's transaction): the ticket's id and its show's id come
-- back as OUT parameters, and the caller reads the answer row. With an idempotency reference
-- a retry gets the ticket that reference already made. The ticket
-- INSERT is a single statement whose BEFORE INSERT trigger takes the seat (guarded counter
-- update) and whose AFTER INSERT trigger writes the audit row, so the seat, the ticket and
-- the audit row commit together. The ticket's code is made by the caller from a CSPRNG
-- (main/core/operations/ticket-codes.ts: MariaDB before 10.10 has none).
-- The show is p_show_id, or else the one show at p_starts_at (marquee_ensure_show).
-- p_capacity is the capacity of a show this call may create; NULL means the show must
-- already exist (only a manager creates shows; a kiosk gets SHOW_NOT_FOUND and nothing is
-- written).
-- The party is p_seats seats, by type in p_items ([{"t": type, "n": count}], each type once;
-- NULL: all of the default type). Its types are checked first for a clear refusal
-- (TICKET_TYPE_NOT_FOUND:<type>, TICKET_TYPE_INACTIVE:<type>); the ticket's triggers then take
-- the seats and the quotas in the INSERT itself (ticket_record_after_insert reads @marquee_items).
-- p_channel: who is selling (the caller's role); set as @marquee_channel around the INSERT only,
-- so a kiosk may not take a type's spaces held for the counter (marquee_count_party; sql/023)
-- and a pooled connection never carries a stale channel.
DROP PROCEDURE IF EXISTS marquee_book_ticket $$
CREATE PROCEDURE marquee_book_ticket(
  IN p_user_name VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_phone_no VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_show_id BIGINT UNSIGNED,
  IN p_starts_at DATETIME,
  IN p_capacity INT,
  IN p_expire_hours INT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_seats INT,
  IN p_items TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  IN p_channel VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin,
  OUT o_ticket_id BIGINT UNSIGNED,
  OUT o_show_id BIGINT UNSIGNED)
  MODIFIES SQL DATA
book: BEGIN
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_user_id BIGINT UNSIGNED;
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_bad_type INT UNSIGNED;
  DECLARE v_bad_active TINYINT;
  DECLARE v_message VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @marquee_actor = NULL, @marquee_items = NULL, @marquee_channel = NULL;
    RESIGNAL;
  END;
  -- A retry whose first answer was lost gets the ticket that request made, not a second one:
  -- the reference is written with the ticket, in the same statement.
  IF p_idem_ref IS NOT NULL THEN
    SELECT ticket_id, show_id INTO v_ticket_id, v_show_id FROM ticket_record WHERE idem_ref = p_idem_ref;
    IF v_ticket_id IS NOT NULL THEN
      SET o_ticket_id = v_ticket_id, o_show_id = v_show_id;
      LEAVE book;
    END IF;
  END IF;
  -- An expired time is refused before anything is written (no show is created for it).
  IF p_starts_at <= marquee_expiry_cutoff(p_expire_hours) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;
  IF p_items IS NOT NULL THEN
    SELECT j.t, tt.active INTO v_bad_type, v_bad_active
      FROM JSON_TABLE(p_items, '$[*]' COLUMNS (t INT PATH '$.t')) j
      LEFT JOIN ticket_type tt ON tt.ticket_type_id = j.t
     WHERE tt.ticket_type_id IS NULL OR tt.active = 0
     ORDER BY j.t LIMIT 1;
    IF v_bad_type IS NOT NULL THEN
      SET v_message = CONCAT(IF(v_bad_active IS NULL, 'MARQUEE:TICKET_TYPE_NOT_FOUND:', 'MARQUEE:TICKET_TYPE_INACTIVE:'), v_bad_type);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
  END IF;
  CALL marquee_ensure_show(p_show_id, p_starts_at, p_capacity, v_show_id);
  IF p_show_id IS NOT NULL AND EXISTS (SELECT 1 FROM show_record WHERE show_id = v_show_id AND starts_at <= marquee_expiry_cutoff(p_expire_hours)) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:SHOW_EXPIRED';
  END IF;

  SELECT user_id INTO v_user_id FROM user_record WHERE user_name = p_user_name AND phone_no = p_phone_no;
  IF v_user_id IS NULL THEN
    INSERT IGNORE INTO user_record (user_name, phone_no, created_at) VALUES (p_user_name, p_phone_no, UTC_TIMESTAMP(3));
    SELECT user_id INTO v_user_id FROM user_record WHERE user_name = p_user_name AND phone_no = p_phone_no;
  END IF;

  SET @marquee_actor = p_actor, @marquee_items = p_items, @marquee_channel = p_channel;
  insert_ticket: BEGIN
    -- Another attempt of the same idempotent request may be running (a retry that took over
    -- while the first still waited for the show row). Whichever commits first holds the seat;
    -- the other fails here on the capacity (HOUSEFULL) or on the unique reference, and then
    -- answers with that ticket instead: one ticket and one answer for the request.
    DECLARE EXIT HANDLER FOR SQLSTATE '45000', SQLSTATE '23000'
    BEGIN
      SET v_ticket_id = NULL, @marquee_items = NULL;
      IF p_idem_ref IS NOT NULL THEN
        -- An aggregate always yields a row: no "no data" condition to confuse RESIGNAL.
        SELECT MAX(ticket_id), MAX(show_id) INTO v_ticket_id, v_show_id
          FROM ticket_record WHERE idem_ref = p_idem_ref;
      END IF;
      IF v_ticket_id IS NULL THEN
        RESIGNAL;
      END IF;
    END;
    INSERT INTO ticket_record (user_id, show_id, idem_ref, ticket_code, seats) VALUES (v_user_id, v_show_id, p_idem_ref, p_ticket_code, p_seats);
    SET v_ticket_id = LAST_INSERT_ID();
  END insert_ticket;
  SET @marquee_actor = NULL, @marquee_items = NULL, @marquee_channel = NULL;
  SET o_ticket_id = v_ticket_id, o_show_id = v_show_id;
END book $$

DELIMITER ;
