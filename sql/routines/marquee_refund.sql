-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Gives money back on a ticket: never more than it holds (paid less earlier refunds; REFUND_TOO_LARGE,
-- and ticket_record.paid is UNSIGNED besides), a row of its own with the reason, under the
-- ticket's row lock. A retry of the same request (p_idem_ref) answers the refund it made.
-- Called inside a transaction (a refund of whole seats: operations/payments.ts gives the seats
-- back and their money in one), it joins that one and leaves COMMIT or ROLLBACK to the caller;
-- called alone, it is its own transaction.
DROP PROCEDURE IF EXISTS marquee_refund $$
CREATE PROCEDURE marquee_refund(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_method VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_amount INT,
  IN p_reason VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_id BIGINT UNSIGNED,
  IN p_idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin)
  MODIFIES SQL DATA
refund: BEGIN
  DECLARE v_own TINYINT DEFAULT (@@in_transaction = 0);
  DECLARE v_payment_id BIGINT UNSIGNED;
  DECLARE v_paid INT;
  DECLARE v_comped TINYINT;
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
  CALL marquee_lock_ticket_money(p_ticket_id, p_idem_ref, v_paid, v_comped, v_payment_id);
  IF v_payment_id IS NOT NULL THEN
    IF v_own THEN
      COMMIT;
    END IF;
    SELECT v_payment_id AS payment_id, v_paid AS paid;
    LEAVE refund;
  END IF;
  IF p_amount > v_paid THEN
    SET v_message = CONCAT('MARQUEE:REFUND_TOO_LARGE:', v_paid);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  INSERT INTO payment (ticket_id, kind, method, amount, reason, actor, token_id, idem_ref, at)
    VALUES (p_ticket_id, 'refund', p_method, p_amount, p_reason, p_actor, p_token_id, p_idem_ref, UTC_TIMESTAMP(3));
  SET v_payment_id = LAST_INSERT_ID();
  UPDATE ticket_record SET paid = paid - p_amount WHERE ticket_id = p_ticket_id;
  IF v_own THEN
    COMMIT;
  END IF;
  SELECT v_payment_id AS payment_id, v_paid - p_amount AS paid;
END refund $$

DELIMITER ;
