-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- A show whose time, screen or film changes, that is brought back from a cancellation, or whose
-- ends_at is written with another value (which asks for the end to be computed again: after its
-- film's runtime changed, main/core/operations/films.ts writes starts_at there) gets its end
-- computed again and claims its screen again. A show moved in time or to another screen changes
-- its roster (every ticket's time or screen: sql/011). Every booking updates its show's counter: that path only compares columns.
DROP TRIGGER IF EXISTS show_record_before_update $$
CREATE TRIGGER show_record_before_update BEFORE UPDATE ON show_record FOR EACH ROW
BEGIN
  IF NEW.starts_at <> OLD.starts_at OR NEW.screen_id <> OLD.screen_id OR NOT (NEW.film_id <=> OLD.film_id)
      OR NOT (NEW.ends_at <=> OLD.ends_at) OR (OLD.cancelled_at IS NOT NULL AND NEW.cancelled_at IS NULL) THEN
    SET NEW.ends_at = marquee_show_ends_at(NEW.starts_at, NEW.film_id);
    IF NEW.cancelled_at IS NULL THEN
      CALL marquee_claim_screen(NEW.show_id, NEW.screen_id, NEW.starts_at, NEW.ends_at);
    END IF;
  END IF;
  IF NEW.starts_at <> OLD.starts_at OR NEW.screen_id <> OLD.screen_id THEN
    SET NEW.roster_version = OLD.roster_version + 1;
  END IF;
END $$

DELIMITER ;
