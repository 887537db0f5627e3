-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- Gives back some seats of a party ([{"t": type, "n": count}]) and keeps the ticket, its code
-- and the rest: the items shrink, the type counters and the show's seats are freed (the
-- BEFORE UPDATE trigger, for seats), and a 'released' audit row carries the seats and their
-- value. Giving back every seat cancels the ticket (deleted here, as marquee_cancel does); a party never drops
-- below the guests already admitted (ALREADY_CHECKED_IN), and p_keep_checked_in (a kiosk)
-- refuses once any of the party is in. The ticket row is locked first, so a release racing a
-- check-in, a move or a cancel sees the other's result.
-- Called inside a transaction (a refund of whole seats: operations/payments.ts gives the seats
-- back and their money in one), it joins that one and leaves COMMIT or ROLLBACK to the caller;
-- called alone, it is its own transaction.
DROP PROCEDURE IF EXISTS marquee_release_seats $$
CREATE PROCEDURE marquee_release_seats(
  IN p_ticket_id BIGINT UNSIGNED,
  IN p_items TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  IN p_keep_checked_in TINYINT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
release_seats: BEGIN
  DECLARE v_own TINYINT DEFAULT (@@in_transaction = 0);
  DECLARE v_seats INT;
  DECLARE v_admitted INT;
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_user_id BIGINT UNSIGNED;
  DECLARE v_release INT;
  DECLARE v_matched INT;
  DECLARE v_amount INT;
  DECLARE v_released TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    IF v_own THEN
      ROLLBACK;
    END IF;
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;
  IF v_own THEN
    START TRANSACTION;
  END IF;
  SELECT seats, admitted, show_id, user_id INTO v_seats, v_admitted, v_show_id, v_user_id
    FROM ticket_record WHERE ticket_id = p_ticket_id FOR UPDATE;
  IF v_seats IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_NOT_FOUND';
  END IF;
  -- Every type named must be in the party with at least that many seats.
  SELECT COUNT(*), COALESCE(SUM(j.n), 0), COALESCE(SUM(j.n * i.unit_price), 0),
         JSON_ARRAYAGG(JSON_OBJECT('t', i.ticket_type_id, 'n', j.n, 'p', i.unit_price))
    INTO v_matched, v_release, v_amount, v_released
    FROM JSON_TABLE(p_items, '$[*]' COLUMNS (t INT PATH '$.t', n INT PATH '$.n')) j
    JOIN ticket_item i ON i.ticket_id = p_ticket_id AND i.ticket_type_id = j.t AND i.count >= j.n AND j.n >= 1;
  IF v_matched <> JSON_LENGTH(p_items) OR v_release = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:NOT_IN_PARTY';
  END IF;
  IF v_seats - v_release < v_admitted OR (p_keep_checked_in = 1 AND v_admitted > 0) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:ALREADY_CHECKED_IN';
  END IF;
  IF v_release = v_seats THEN
    -- The whole party: the ticket is cancelled (its delete trigger frees and audits everything).
    SET @marquee_actor = p_actor;
    DELETE FROM ticket_record WHERE ticket_id = p_ticket_id;
    SET @marquee_actor = NULL;
    IF v_own THEN
      COMMIT;
    END IF;
    SELECT p_ticket_id AS ticket_id, 0 AS seats, v_release AS released, v_amount AS released_amount;
    LEAVE release_seats;
  END IF;
  UPDATE show_type_count c
    JOIN JSON_TABLE(p_items, '$[*]' COLUMNS (t INT PATH '$.t', n INT PATH '$.n')) j ON j.t = c.ticket_type_id
     SET c.taken = c.taken - LEAST(c.taken, j.n)
   WHERE c.show_id = v_show_id;
  DELETE i FROM ticket_item i
    JOIN JSON_TABLE(p_items, '$[*]' COLUMNS (t INT PATH '$.t', n INT PATH '$.n')) j ON j.t = i.ticket_type_id
   WHERE i.ticket_id = p_ticket_id AND i.count = j.n;
  UPDATE ticket_item i
    JOIN JSON_TABLE(p_items, '$[*]' COLUMNS (t INT PATH '$.t', n INT PATH '$.n')) j ON j.t = i.ticket_type_id
     SET i.count = i.count - j.n
   WHERE i.ticket_id = p_ticket_id AND i.count > j.n;
  UPDATE ticket_record SET seats = seats - v_release, updated_at = UTC_TIMESTAMP(3) WHERE ticket_id = p_ticket_id;
  INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats, amount, items)
    VALUES (p_ticket_id, 'released', v_user_id, v_show_id, NULL, p_actor, UTC_TIMESTAMP(3), v_release, v_amount, v_released);
  IF v_own THEN
    COMMIT;
  END IF;
  SELECT p_ticket_id AS ticket_id, v_seats - v_release AS seats, v_release AS released, v_amount AS released_amount;
END release_seats $$

DELIMITER ;
