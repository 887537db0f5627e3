-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
DELIMITER $$

-- When a show frees its screen, the one rule for it: start + the film's runtime + the
-- turnaround (MARQUEE_TURNAROUND_MINUTES, kept in marquee_setting by the core). A show without
-- a film has no known length and holds only its start: it cannot start inside another show,
-- and another cannot start inside it only at that very instant (the unique key). The original
-- API made shows at any second (19:05:00 and 19:05:03 were two shows), and a database that
-- upgrades keeps them all valid. NULL for an unknown film.
DROP FUNCTION IF EXISTS marquee_show_ends_at $$
CREATE FUNCTION marquee_show_ends_at(p_starts_at DATETIME, p_film_id BIGINT UNSIGNED) RETURNS DATETIME
  NOT DETERMINISTIC READS SQL DATA
BEGIN
  DECLARE v_runtime INT;
  DECLARE v_turnaround INT;
  IF p_film_id IS NULL THEN
    RETURN p_starts_at;
  END IF;
  -- Aggregates always yield a row: no "no data" condition for a caller's handler.
  SELECT MAX(runtime_minutes) INTO v_runtime FROM film WHERE film_id = p_film_id;
  SELECT MAX(int_value) INTO v_turnaround FROM marquee_setting WHERE name = 'turnaround_minutes';
  RETURN p_starts_at + INTERVAL (v_runtime + COALESCE(v_turnaround, 15)) MINUTE;
END $$

DELIMITER ;
