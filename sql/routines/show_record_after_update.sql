-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- A show moved to another time or screen takes its tickets with it (they keep its show_id): each
-- gets a 'moved' audit row from the old start to the new one, by whatever wrote the row
-- (/show/reschedule, a DBA's UPDATE), so every ticket's history shows the move. Every booking
-- updates its show's counter: that path only compares columns.
DROP TRIGGER IF EXISTS show_record_after_update $$
CREATE TRIGGER show_record_after_update AFTER UPDATE ON show_record FOR EACH ROW
BEGIN
  IF NEW.starts_at <> OLD.starts_at OR NEW.screen_id <> OLD.screen_id THEN
    INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, starts_at, from_starts_at)
      SELECT t.ticket_id, 'moved', t.user_id, NEW.show_id, NEW.show_id, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3),
             NEW.starts_at, OLD.starts_at
        FROM ticket_record t WHERE t.show_id = NEW.show_id;
  END IF;
END $$

DELIMITER ;
