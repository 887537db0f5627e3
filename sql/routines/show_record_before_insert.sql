-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- A new show: a show inserted without a screen (a DBA's raw INSERT, the seed's scripts) goes to
-- the first screen; its end is computed (marquee_show_ends_at) and its screen claimed
-- (marquee_claim_screen: no overlap, whoever writes the row).
DROP TRIGGER IF EXISTS show_record_before_insert $$
CREATE TRIGGER show_record_before_insert BEFORE INSERT ON show_record FOR EACH ROW
BEGIN
  IF NEW.screen_id IS NULL OR NEW.screen_id = 0 THEN
    SET NEW.screen_id = (SELECT MIN(screen_id) FROM screen WHERE retired_at IS NULL);
  END IF;
  SET NEW.ends_at = marquee_show_ends_at(NEW.starts_at, NEW.film_id);
  IF NEW.cancelled_at IS NULL THEN
    CALL marquee_claim_screen(0, NEW.screen_id, NEW.starts_at, NEW.ends_at);
  END IF;
END $$

DELIMITER ;
