-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- One sweep batch: mark up to p_batch tickets of expired shows, then delete up to p_batch
-- marked tickets. Each statement is its own short transaction (autocommit), so bookings
-- never wait long; a second sweeper running at once finds the rows already done. The delete
-- re-checks the expiry rule itself rather than trusting the mark: a sweep that dies between
-- the two statements leaves marked tickets behind, and one moved since (by hand) must stay.
DROP PROCEDURE IF EXISTS marquee_sweep_batch $$
CREATE PROCEDURE marquee_sweep_batch(
  IN p_expire_hours INT,
  IN p_batch INT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_cutoff DATETIME;
  DECLARE v_marked INT DEFAULT 0;
  DECLARE v_deleted INT DEFAULT 0;
  DECLARE v_left INT DEFAULT 0;
  DECLARE v_show BIGINT UNSIGNED DEFAULT 0;
  DECLARE v_next BIGINT UNSIGNED;
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
  -- Show by show: a DELETE that read show_record itself could not run the trigger that
  -- updates it (error 1442), so each expired show with marked tickets is found first.
  sweep_shows: LOOP
    SET v_next = NULL;
    SELECT MIN(t.show_id) INTO v_next FROM ticket_record t JOIN show_record s ON s.show_id = t.show_id
      WHERE t.is_expired = 1 AND s.starts_at <= v_cutoff AND t.show_id > v_show;
    IF v_next IS NULL OR v_deleted >= p_batch THEN
      LEAVE sweep_shows;
    END IF;
    SET v_left = p_batch - v_deleted;
    DELETE FROM ticket_record WHERE show_id = v_next AND is_expired = 1 LIMIT v_left;
    SET v_deleted = v_deleted + ROW_COUNT();
    SET v_show = v_next;
  END LOOP sweep_shows;
  SET @marquee_actor = NULL;
  SELECT v_marked AS marked, v_deleted AS deleted;
END $$

DELIMITER ;
