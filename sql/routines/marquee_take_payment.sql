-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Takes a payment for a ticket: the amount due (its seats' value less what was paid), no more and
-- no less — a partial payment is no state a guest or a door can read. Under the ticket's row lock,
-- in one transaction with the running sum (ticket_record.paid). A retry of the same request
-- (p_idem_ref) answers the payment it made. 'comp' takes nothing and marks the party paid.
-- A reservation released unpaid before its show is refused (RESERVATION_RELEASED, from
-- marquee_lock_ticket_money): it takes the same row lock as the release, so a payment is either
-- on a live ticket or refused.
-- Called inside a transaction (a sale: marquee_sell books and pays in one), it joins that one
-- and leaves the COMMIT or ROLLBACK to the caller: the booking and its payment commit together
-- or not at all. Called alone, it is its own transaction. Answers in OUT parameters, so a
-- procedure that calls it sends no result set of it to the client (marquee_pay sends them).
DROP PROCEDURE IF EXISTS marquee_take_payment $$
CREATE PROCEDURE marquee_take_payment(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_method VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_amount INT,
  IN p_tendered INT,
  IN p_reference VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_reason VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_id BIGINT UNSIGNED,
  IN p_idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  OUT o_payment_id BIGINT UNSIGNED,
  OUT o_paid INT,
  OUT o_comped TINYINT,
  OUT o_total INT)
  MODIFIES SQL DATA
pay: BEGIN
  DECLARE v_own TINYINT DEFAULT (@@in_transaction = 0);
  DECLARE v_message VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    IF v_own THEN
      ROLLBACK;
    END IF;
    RESIGNAL;
  END;
  IF v_own THEN
    START TRANSACTION;
  END IF;
  CALL marquee_lock_ticket_money(p_ticket_id, p_idem_ref, o_paid, o_comped, o_payment_id);
  SET o_total = marquee_party_amount(p_ticket_id);
  IF o_payment_id IS NOT NULL THEN
    IF v_own THEN
      COMMIT;
    END IF;
    LEAVE pay;
  END IF;
  IF o_comped = 1 OR o_paid >= o_total THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:ALREADY_PAID';
  END IF;
  IF p_method <> 'comp' AND p_amount <> o_total - o_paid THEN
    SET v_message = CONCAT('MARQUEE:AMOUNT_MISMATCH:', o_total - o_paid);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  INSERT INTO payment (ticket_id, kind, method, amount, tendered, reference, reason, actor, token_id, idem_ref, at)
    VALUES (p_ticket_id, 'payment', p_method, IF(p_method = 'comp', 0, p_amount), p_tendered, p_reference, p_reason, p_actor, p_token_id, p_idem_ref, UTC_TIMESTAMP(3));
  SET o_payment_id = LAST_INSERT_ID();
  -- A comp settles the party at nothing: what it is worth is no longer due.
  UPDATE ticket_record SET paid = paid + IF(p_method = 'comp', 0, p_amount), comped = (p_method = 'comp') WHERE ticket_id = p_ticket_id;
  SET o_paid = o_paid + IF(p_method = 'comp', 0, p_amount), o_comped = (p_method = 'comp');
  IF v_own THEN
    COMMIT;
  END IF;
END pay $$

DELIMITER ;
