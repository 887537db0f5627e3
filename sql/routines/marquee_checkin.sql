-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- Check-in: admits a party (all of it, or p_count of it now and the rest later), inside its
-- show's window, whatever number of doors scan it at once. The ticket row is locked first (its
-- unique code), so of two doors the second reads the first one's admission: `admitted` never
-- passes `seats` (and the table's CHECK says so for any writer).
--
-- p_scan_id (the door's id for one scan) makes a scan answer once: its answer is stored in
-- checkin_scan in this transaction, and the same id sent again (a lost answer, a retry) is
-- answered from there — never "already checked in" for its own admission, never counted twice.
-- p_token_id: a door scoped to screens (door_screen) refuses another screen's ticket.
-- p_ticket_id instead of a code (p_ticket_code NULL): a guest found by name, admitted by hand.
-- p_admit_unpaid = 0 (MARQUEE_DOOR_ADMITS_UNPAID off): a party with something still to pay (its
-- seats' value less what was paid, unless comped) is refused as not_paid, with `amount_due`; read
-- under the row lock, so a payment at the counter a moment before is seen.
-- p_offline_show_id: an admission the door already made from its snapshot, offline, for that
-- show. The guest is inside, so it always counts, window or not; what collided with it meanwhile
-- (another door's admission, a cancellation, a move) is kept as the scan's `conflict`.
--
-- Everything the answer says about the ticket is read before COMMIT: once committed, a racing
-- cancel may delete the row. Answers one row whose `outcome` is checked_in | conflict | already |
-- too_many | not_open | closed | not_paid | not_found | wrong_entrance | scan_mismatch | no_show (an offline
-- admission for a show that does not exist) (`replayed` = 1 when
-- it is a stored answer).
DROP PROCEDURE IF EXISTS marquee_checkin $$
CREATE PROCEDURE marquee_checkin(
  IN p_ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin, IN p_opens_minutes INT, IN p_closes_minutes INT,
  IN p_expire_hours INT, IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_id BIGINT UNSIGNED, IN p_count INT,
  IN p_scan_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin, IN p_scanned_at DATETIME(3),
  IN p_offline_show_id BIGINT UNSIGNED, IN p_ticket_id BIGINT UNSIGNED, IN p_admit_unpaid TINYINT)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_show_id BIGINT UNSIGNED;
  DECLARE v_user_id BIGINT UNSIGNED;
  DECLARE v_is_expired TINYINT;
  DECLARE v_checked_in_at DATETIME(3);
  DECLARE v_checked_in_by VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_seats INT;
  DECLARE v_admitted INT;
  DECLARE v_want INT;
  DECLARE v_paid INT;
  DECLARE v_comped TINYINT;
  DECLARE v_amount_due INT DEFAULT 0;
  DECLARE v_now INT DEFAULT 0;
  DECLARE v_starts_at DATETIME;
  DECLARE v_screen_id BIGINT UNSIGNED;
  DECLARE v_user_name VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_items TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  DECLARE v_outcome VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin;
  DECLARE v_conflict VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin;
  DECLARE v_other_door VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_other_at DATETIME(3);
  DECLARE v_stored_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin;
  DECLARE v_replayed TINYINT DEFAULT 0;
  DECLARE v_twin TINYINT DEFAULT 0;
  DECLARE v_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin DEFAULT p_ticket_code;
  -- A twin request with the same scanId committed first (it waited on our insert, or we on its).
  DECLARE CONTINUE HANDLER FOR 1062 SET v_twin = 1;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET @marquee_actor = NULL;
    RESIGNAL;
  END;

  IF v_code IS NULL THEN
    -- A code never changes, so it is read before the lock; a cancelled ticket's is on its audit row.
    SELECT ticket_code INTO v_code FROM ticket_record WHERE ticket_id = p_ticket_id;
    IF v_code IS NULL THEN
      SELECT ticket_code INTO v_code FROM ticket_event
       WHERE ticket_id = p_ticket_id AND ticket_code IS NOT NULL ORDER BY event_id DESC LIMIT 1;
    END IF;
  END IF;

  START TRANSACTION;
  SELECT ticket_id, show_id, user_id, is_expired, checked_in_at, checked_in_by, seats, admitted, paid, comped
    INTO v_ticket_id, v_show_id, v_user_id, v_is_expired, v_checked_in_at, v_checked_in_by, v_seats, v_admitted, v_paid, v_comped
    FROM ticket_record WHERE ticket_code = v_code FOR UPDATE;
  IF p_scan_id IS NOT NULL THEN
    -- A locking read: the latest answer, also one committed after this transaction began.
    SELECT ticket_code INTO v_stored_code FROM checkin_scan WHERE scan_id = p_scan_id FOR UPDATE;
    IF v_stored_code IS NOT NULL THEN
      SET v_replayed = 1;
    END IF;
  END IF;

  IF v_replayed = 0 THEN
    IF v_ticket_id IS NOT NULL THEN
      SELECT starts_at, screen_id INTO v_starts_at, v_screen_id FROM show_record WHERE show_id = v_show_id;
      SELECT user_name INTO v_user_name FROM user_record WHERE user_id = v_user_id;
      SELECT JSON_ARRAYAGG(JSON_OBJECT('t', i.ticket_type_id, 'n', i.count, 'p', i.unit_price, 'name', tt.name)) INTO v_items
        FROM ticket_item i JOIN ticket_type tt ON tt.ticket_type_id = i.ticket_type_id WHERE i.ticket_id = v_ticket_id;
    END IF;

    IF p_offline_show_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM show_record WHERE show_id = p_offline_show_id) THEN
      SET v_outcome = 'no_show';
    ELSEIF p_offline_show_id IS NOT NULL THEN
      IF v_ticket_id IS NULL THEN
        -- Cancelled (or swept) while the door was offline: the audit row keeps its code.
        SELECT e.ticket_id, e.kind, e.actor, e.at, u.user_name, e.seats, e.items
          INTO v_ticket_id, v_conflict, v_other_door, v_other_at, v_user_name, v_seats, v_items
          FROM ticket_event e LEFT JOIN user_record u ON u.user_id = e.user_id
         WHERE e.ticket_code = v_code AND e.kind IN ('cancelled', 'removed', 'unpaid_released')
         ORDER BY e.event_id DESC LIMIT 1;
        SET v_conflict = COALESCE(v_conflict, 'not_found');
        SET v_show_id = p_offline_show_id;
      ELSEIF v_show_id <> p_offline_show_id THEN
        -- Moved to another show meanwhile: the guest is in the show the door admitted them to.
        SET v_conflict = 'moved';
        SET v_other_door = NULL;
        SET v_show_id = p_offline_show_id;
      ELSE
        SET v_want = COALESCE(p_count, GREATEST(v_seats - v_admitted, 1));
        SET v_now = LEAST(v_want, v_seats - v_admitted);
        IF v_now < v_want THEN
          SET v_conflict = 'already_in';
          SET v_other_door = v_checked_in_by;
          SET v_other_at = v_checked_in_at;
        END IF;
      END IF;
      SET v_outcome = IF(v_conflict IS NULL, 'checked_in', 'conflict');
      IF v_now = 0 THEN
        -- Nothing counted here: the answer names the offline admission itself.
        SET v_admitted = COALESCE(v_admitted, 0);
        SET v_checked_in_at = COALESCE(v_checked_in_at, p_scanned_at, UTC_TIMESTAMP(3));
        SET v_checked_in_by = COALESCE(v_checked_in_by, p_actor);
      END IF;
    ELSEIF v_ticket_id IS NULL THEN
      SET v_outcome = 'not_found';
    ELSEIF p_token_id IS NOT NULL AND EXISTS (SELECT 1 FROM door_screen WHERE token_id = p_token_id)
        AND NOT EXISTS (SELECT 1 FROM door_screen WHERE token_id = p_token_id AND screen_id = v_screen_id) THEN
      SET v_outcome = 'wrong_entrance';
    ELSEIF v_admitted >= v_seats THEN
      SET v_outcome = 'already';
    ELSEIF UTC_TIMESTAMP() < v_starts_at - INTERVAL p_opens_minutes MINUTE THEN
      SET v_outcome = 'not_open';
    ELSEIF v_is_expired = 1 OR UTC_TIMESTAMP() > v_starts_at + INTERVAL p_closes_minutes MINUTE
        OR v_starts_at <= marquee_expiry_cutoff(p_expire_hours) THEN
      SET v_outcome = 'closed';
    ELSEIF COALESCE(p_count, v_seats - v_admitted) > v_seats - v_admitted THEN
      SET v_outcome = 'too_many';
    ELSEIF COALESCE(p_admit_unpaid, 0) = 0 AND v_comped = 0 AND marquee_party_amount(v_ticket_id) > v_paid THEN
      SET v_outcome = 'not_paid';
      SET v_amount_due = marquee_party_amount(v_ticket_id) - v_paid;
    ELSE
      SET v_now = COALESCE(p_count, v_seats - v_admitted);
      SET v_outcome = 'checked_in';
    END IF;

    IF v_now > 0 THEN
      SET @marquee_actor = p_actor;
      UPDATE ticket_record SET admitted = admitted + v_now, checked_in_at = UTC_TIMESTAMP(3), checked_in_by = p_actor
       WHERE ticket_id = v_ticket_id;
      SET @marquee_actor = NULL;
      SELECT admitted, checked_in_at, checked_in_by INTO v_admitted, v_checked_in_at, v_checked_in_by
        FROM ticket_record WHERE ticket_id = v_ticket_id;
    END IF;

    IF p_scan_id IS NOT NULL AND v_code IS NOT NULL THEN
      INSERT INTO checkin_scan (scan_id, ticket_code, actor, offline, scanned_at, recorded_at, requested, outcome, ticket_id, show_id,
                                user_name, seats, admitted, admitted_now, items, checked_in_at, checked_in_by, conflict, other_door, other_at)
        VALUES (p_scan_id, v_code, p_actor, p_offline_show_id IS NOT NULL, COALESCE(p_scanned_at, UTC_TIMESTAMP(3)), UTC_TIMESTAMP(3),
                p_count, v_outcome, v_ticket_id, v_show_id, v_user_name, v_seats, v_admitted, v_now, v_items, v_checked_in_at,
                v_checked_in_by, v_conflict, v_other_door, v_other_at);
      IF v_twin = 1 THEN
        ROLLBACK;
        START TRANSACTION;
        SELECT ticket_code INTO v_stored_code FROM checkin_scan WHERE scan_id = p_scan_id FOR UPDATE;
        SET v_replayed = 1;
      END IF;
    END IF;
  END IF;

  IF v_replayed = 1 THEN
    SELECT IF(ticket_code = v_code, outcome, 'scan_mismatch'), ticket_id, show_id, user_name, seats, admitted, admitted_now, items,
           checked_in_at, checked_in_by, conflict, other_door, other_at
      INTO v_outcome, v_ticket_id, v_show_id, v_user_name, v_seats, v_admitted, v_now, v_items,
           v_checked_in_at, v_checked_in_by, v_conflict, v_other_door, v_other_at
      FROM checkin_scan WHERE scan_id = p_scan_id;
  END IF;
  COMMIT;

  -- Shows are never deleted while they hold tickets, so joining the show after COMMIT is safe.
  SELECT v_outcome AS outcome, v_replayed AS replayed, v_ticket_id AS ticket_id, v_code AS ticket_code,
         v_checked_in_at AS checked_in_at, v_checked_in_by AS checked_in_by, v_user_name AS user_name,
         v_seats AS seats, v_admitted AS admitted, v_now AS admitted_now, v_items AS items,
         v_conflict AS conflict, v_other_door AS other_door, v_other_at AS other_at, v_amount_due AS amount_due,
         s.show_id, s.starts_at, COALESCE(s.title, f.title) AS title, sc.screen_id, sc.name AS screen_name, sc.notes AS screen_notes
    FROM (SELECT 1) one
    LEFT JOIN show_record s ON s.show_id = v_show_id
    LEFT JOIN screen sc ON sc.screen_id = s.screen_id
    LEFT JOIN film f ON f.film_id = s.film_id;
END $$

DELIMITER ;
