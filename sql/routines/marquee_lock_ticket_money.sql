-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- The start every change to a ticket's money shares (marquee_take_payment, marquee_refund): the ticket's
-- row locked until the caller's transaction ends, so the running sum (paid) and the payment rows
-- move together and racing requests take turns; what the party holds (paid, comped); and the
-- money row this request already made (o_done_id), so a retry answers that one instead of
-- taking or giving money twice. TICKET_NOT_FOUND when there is no such ticket (RESERVATION_RELEASED when it was released unpaid). No transaction
-- control of its own: it runs inside the caller's.
DROP PROCEDURE IF EXISTS marquee_lock_ticket_money $$
CREATE PROCEDURE marquee_lock_ticket_money(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  OUT o_paid INT,
  OUT o_comped TINYINT,
  OUT o_done_id BIGINT UNSIGNED)
  MODIFIES SQL DATA
BEGIN
  SET o_paid = NULL, o_comped = NULL, o_done_id = NULL;
  SELECT paid, comped INTO o_paid, o_comped FROM ticket_record WHERE ticket_id = p_ticket_id FOR UPDATE;
  IF o_paid IS NULL THEN
    -- Gone. Released unpaid (marquee_release_unpaid) while this request waited on the row lock,
    -- or before: the release committed its audit row with the delete. This is the transaction's
    -- first consistent read (the row read above was a locking one), so it sees that commit.
    IF EXISTS (SELECT 1 FROM ticket_event WHERE ticket_id = p_ticket_id AND kind = 'unpaid_released') THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:RESERVATION_RELEASED';
    END IF;
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
  IF p_idem_ref IS NOT NULL THEN
    -- An aggregate always yields a row: no "no data" condition left for the caller to trip on.
    SELECT MAX(payment_id) INTO o_done_id FROM payment WHERE idem_ref = p_idem_ref;
  END IF;
END $$

DELIMITER ;
