-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A payment for a ticket (/ticket/pay), answered as a row: marquee_take_payment's, which holds
-- the rules (the amount due exactly, once per request, under the ticket's row lock) and joins a
-- caller's transaction or is its own.
DROP PROCEDURE IF EXISTS marquee_pay $$
CREATE PROCEDURE marquee_pay(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_method VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_amount INT,
  IN p_tendered INT,
  IN p_reference VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_reason VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_id BIGINT UNSIGNED,
  IN p_idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_payment_id BIGINT UNSIGNED;
  DECLARE v_paid INT;
  DECLARE v_comped TINYINT;
  DECLARE v_total INT;
  CALL marquee_take_payment(p_ticket_id, p_method, p_amount, p_tendered, p_reference, p_reason, p_actor, p_token_id, p_idem_ref,
                            v_payment_id, v_paid, v_comped, v_total);
  SELECT v_payment_id AS payment_id, v_paid AS paid, v_comped AS comped, v_total AS total;
END $$

DELIMITER ;
