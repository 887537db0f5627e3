-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A party's seats of each type taken on a show (p_take = 1) or given back (0): the per-type
-- counters a quota is held against, like show_record.booked for the seats. Called by the ticket
-- triggers only, after the show row's guarded update locked the show: every writer of one
-- show's counters holds that lock first, so they take turns and a quota is never overshot (on
-- Galera, two nodes writing the same counter row conflict at certification and one retries).
-- The check reads the counters after this party's own update: any type of the party over its
-- quota refuses the whole statement as QUOTA_FULL:<type>. A kiosk's booking or move
-- (@marquee_channel = 'kiosk', set by marquee_book and marquee_move for their one statement)
-- counts the type's held_for_counter spaces as taken: the last ones of the quota are sold by staff
-- only (sql/023). Without a channel (a DBA's raw INSERT) the writer is staff.
DROP PROCEDURE IF EXISTS marquee_count_party $$
CREATE PROCEDURE marquee_count_party(IN p_ticket_id BIGINT UNSIGNED, IN p_show_id BIGINT UNSIGNED, IN p_take TINYINT)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_full INT UNSIGNED;
  DECLARE v_message VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_kiosk TINYINT DEFAULT COALESCE(@marquee_channel = 'kiosk', 0);
  IF p_take = 1 THEN
    INSERT INTO show_type_count (show_id, ticket_type_id, taken)
      SELECT p_show_id, i.ticket_type_id, i.count FROM ticket_item i WHERE i.ticket_id = p_ticket_id ORDER BY i.ticket_type_id
      ON DUPLICATE KEY UPDATE taken = taken + VALUES(taken);
    SELECT MIN(tt.ticket_type_id) INTO v_full
      FROM ticket_item i
      JOIN ticket_type tt ON tt.ticket_type_id = i.ticket_type_id
      JOIN show_type_count c ON c.show_id = p_show_id AND c.ticket_type_id = i.ticket_type_id
     WHERE i.ticket_id = p_ticket_id AND tt.quota_per_show IS NOT NULL AND c.taken + IF(v_kiosk = 1, tt.held_for_counter, 0) > tt.quota_per_show;
    IF v_full IS NOT NULL THEN
      SET v_message = CONCAT('MARQUEE:QUOTA_FULL:', v_full);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
  ELSE
    UPDATE show_type_count c JOIN ticket_item i ON i.ticket_type_id = c.ticket_type_id AND i.ticket_id = p_ticket_id
       SET c.taken = c.taken - LEAST(c.taken, i.count)
     WHERE c.show_id = p_show_id;
  END IF;
END $$

DELIMITER ;
