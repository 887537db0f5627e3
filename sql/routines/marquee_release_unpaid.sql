-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Releases one unpaid reservation (issue 22): the sweep found it by a plain read (sweep.ts), and
-- here the rule is checked again under the ticket's row lock, the lock marquee_pay takes too. So
-- a payment racing the release either comes first (the ticket is paid: it stays) or waits and
-- finds the ticket gone and its 'unpaid_released' audit row (marquee_pay refuses it): never both,
-- never money on a released ticket.
--
-- A reservation is released when its show starts within p_hold_minutes (or has started, until it
-- expires: the expiry sweep owns those) and it is worth something, nothing is paid on it
-- (paid = 0: a party on which money is held is never released, the counter settles the rest), it
-- is not comped, and nobody of it was admitted (a door that admits unpaid parties let them in).
-- The delete trigger frees the seats and each type's quota at once and writes the audit row,
-- with the code, under the kind @marquee_unpaid_release asks for. Answers `released` 1 or 0.
DROP PROCEDURE IF EXISTS marquee_release_unpaid $$
CREATE PROCEDURE marquee_release_unpaid(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_hold_minutes INT,
  IN p_expire_hours INT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_paid INT;
  DECLARE v_comped TINYINT;
  DECLARE v_admitted INT;
  DECLARE v_checked_in_at DATETIME(3);
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_starts_at DATETIME;
  DECLARE v_released INT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET @marquee_actor = NULL;
    SET @marquee_unpaid_release = NULL;
    RESIGNAL;
  END;
  START TRANSACTION;
  SELECT paid, comped, admitted, checked_in_at, show_id INTO v_paid, v_comped, v_admitted, v_checked_in_at, v_show_id
    FROM ticket_record WHERE ticket_id = p_ticket_id FOR UPDATE;
  -- The ticket row is locked, so its show (a move takes this lock) and its party stay as read.
  SELECT starts_at INTO v_starts_at FROM show_record WHERE show_id = v_show_id;
  IF v_paid = 0 AND v_comped = 0 AND v_admitted = 0 AND v_checked_in_at IS NULL AND p_hold_minutes > 0
      AND v_starts_at <= UTC_TIMESTAMP() + INTERVAL p_hold_minutes MINUTE
      AND v_starts_at > marquee_expiry_cutoff(p_expire_hours)
      AND marquee_party_amount(p_ticket_id) > 0 THEN
    SET @marquee_actor = p_actor;
    SET @marquee_unpaid_release = 1;
    DELETE FROM ticket_record WHERE ticket_id = p_ticket_id;
    SET v_released = ROW_COUNT();
    SET @marquee_unpaid_release = NULL;
    SET @marquee_actor = NULL;
  END IF;
  COMMIT;
  SELECT v_released AS released;
END $$

DELIMITER ;
