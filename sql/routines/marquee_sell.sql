-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A party booked and, with p_method, paid, in one round trip (issue 25): the counter's sale
-- (/counter/sell), and without a payment the keyed booking (marquee_book_keyed calls this). With
-- p_key (an Idempotency-Key), the key's row in idempotent_request, the booking
-- (marquee_book_ticket), the payment (marquee_take_payment, joining this transaction) and the
-- key's answer commit in one transaction, so there is never a key without its answer nor a
-- ticket or payment without the key's; without one (p_key NULL), the same less the key.
-- - A key seen before with the same request hash: its stored answer (replayed = 1). A copy of
--   the request arriving meanwhile waits on the key's row lock (the INSERT below) until the
--   first commits, then reads its answer: no polling, one ticket, one payment.
-- - The same key with another hash: IDEMPOTENCY_MISMATCH, nothing written.
-- - A key reserved but not yet answered (status NULL: IdempotencyStore.once, used by the other
--   money routes and by builds before this one): replayed = 1 with status NULL; the caller then
--   takes the slow path (once), which waits for that answer or takes an abandoned reservation over.
-- - Otherwise it books, then pays. A refusal named in p_answers.refusals (HOUSEFULL,
--   SHOW_EXPIRED: the same answer whenever asked again) is the answer (the key's, with a key);
--   any other error rolls everything back, the key included, so a retry may try again: a wrong
--   amount (AMOUNT_MISMATCH, with the amount due) frees the seats it would have taken.
-- - A sale of free seats takes no payment (there is nothing to record); any amount other than 0
--   for them is AMOUNT_MISMATCH. A comp goes to marquee_take_payment as any other method.
-- The answer is the sale's facts as JSON tagged "marquee_book" (the ticket's row and the payment,
-- or the refusal and the seats left of the show HOUSEFULL names: a booking by time has no
-- p_show_id), with p_answers.context (the time zone and currency it is worded in); the core words
-- the HTTP body from those facts the same way on every replay (operations/keyed-booking.ts).
-- Statuses come from the caller (p_answers.ok, .refusals), whose error table is the one source of
-- truth.
-- READ COMMITTED: marquee_book_ticket and marquee_ensure_show read back rows that a
-- concurrent booking may have just inserted (INSERT IGNORE, then SELECT); inside one longer
-- transaction a REPEATABLE READ snapshot would not see them.
DROP PROCEDURE IF EXISTS marquee_sell $$
CREATE PROCEDURE marquee_sell(
  IN p_scope VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_key VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_request_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_answers TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
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
  IN p_method VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_amount INT,
  IN p_tendered INT,
  IN p_reference VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_reason VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_id BIGINT UNSIGNED)
  MODIFIES SQL DATA
sell: BEGIN
  DECLARE v_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin;
  DECLARE v_status SMALLINT UNSIGNED;
  DECLARE v_response TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_payment_id BIGINT UNSIGNED;
  DECLARE v_paid INT;
  DECLARE v_comped TINYINT;
  DECLARE v_total INT;
  DECLARE v_message VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_code VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
  START TRANSACTION;
  IF p_key IS NOT NULL THEN
    INSERT IGNORE INTO idempotent_request (scope, idem_key, request_hash, created_at)
      VALUES (p_scope, p_key, p_request_hash, UTC_TIMESTAMP(3));
    IF ROW_COUNT() = 0 THEN
      -- Aggregates always yield a row: a reservation released meanwhile reads as NULLs, which
      -- the caller treats like a pending one.
      SELECT MAX(request_hash), MAX(status), MAX(response) INTO v_hash, v_status, v_response
        FROM idempotent_request WHERE scope = p_scope AND idem_key = p_key;
      COMMIT;
      IF v_hash <> p_request_hash THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:IDEMPOTENCY_MISMATCH';
      END IF;
      SELECT 1 AS replayed, v_status AS status, v_response AS response;
      LEAVE sell;
    END IF;
  END IF;

  SAVEPOINT booking;
  attempt: BEGIN
    DECLARE EXIT HANDLER FOR SQLSTATE '45000'
    BEGIN
      GET DIAGNOSTICS CONDITION 1 v_message = MESSAGE_TEXT;
      SET v_code = IF(v_message LIKE 'MARQUEE:%', SUBSTRING_INDEX(SUBSTRING(v_message, 9), ':', 1), NULL);
      SET v_status = JSON_VALUE(p_answers, CONCAT('$.refusals.', v_code));
      IF v_status IS NULL THEN
        RESIGNAL;
      END IF;
      -- Nothing of the attempt stays (a guest row, say); the key stays, answered "no".
      ROLLBACK TO SAVEPOINT booking;
      SET v_response = JSON_OBJECT('marquee_book', 1, 'context', JSON_QUERY(p_answers, '$.context'), 'refused', v_code,
        'seats_left', (SELECT CAST(capacity - booked AS SIGNED) FROM show_record
                        WHERE show_id = IF(v_message REGEXP ':[0-9]+$', SUBSTRING_INDEX(v_message, ':', -1), p_show_id)));
    END;
    CALL marquee_book_ticket(p_user_name, p_phone_no, p_show_id, p_starts_at, p_capacity, p_expire_hours, p_actor,
                             p_idem_ref, p_ticket_code, p_seats, p_items, p_channel, v_ticket_id, v_show_id);
    IF p_method IS NOT NULL THEN
      IF p_method <> 'comp' AND marquee_party_amount(v_ticket_id) = 0 THEN
        IF p_amount <> 0 THEN
          SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:AMOUNT_MISMATCH:0';
        END IF;
      ELSE
        -- Under the booking's reference too: a retry finds the payment it made.
        CALL marquee_take_payment(v_ticket_id, p_method, p_amount, p_tendered, p_reference, p_reason, p_actor, p_token_id, p_idem_ref,
                                  v_payment_id, v_paid, v_comped, v_total);
      END IF;
    END IF;
    SELECT JSON_OBJECT('marquee_book', 1, 'context', JSON_QUERY(p_answers, '$.context'),
             'ticket_id', t.ticket_id, 'ticket_code', t.ticket_code, 'starts_at', DATE_FORMAT(s.starts_at, '%Y-%m-%dT%H:%i:%sZ'),
             'seats_left', CAST(s.capacity - s.booked AS SIGNED), 'show_id', s.show_id, 'seats', t.seats,
             'items', (SELECT JSON_ARRAYAGG(JSON_OBJECT('t', i.ticket_type_id, 'n', i.count, 'p', i.unit_price, 'name', tt.name))
                         FROM ticket_item i JOIN ticket_type tt ON tt.ticket_type_id = i.ticket_type_id WHERE i.ticket_id = v_ticket_id),
             'payment_id', v_payment_id)
      INTO v_response
      FROM show_record s JOIN ticket_record t ON t.ticket_id = v_ticket_id WHERE s.show_id = v_show_id;
    SET v_status = JSON_VALUE(p_answers, '$.ok');
  END attempt;
  IF p_key IS NOT NULL THEN
    UPDATE idempotent_request SET status = v_status, response = v_response WHERE scope = p_scope AND idem_key = p_key;
  END IF;
  COMMIT;
  SELECT 0 AS replayed, v_status AS status, v_response AS response;
END sell $$

DELIMITER ;
