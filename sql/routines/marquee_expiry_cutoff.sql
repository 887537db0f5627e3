-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- The expiry rule, in one place: a show is expired once it started p_hours or more ago,
-- by the database clock (one clock for every kiosk).
DROP FUNCTION IF EXISTS marquee_expiry_cutoff $$
CREATE FUNCTION marquee_expiry_cutoff(p_hours INT) RETURNS DATETIME
  NOT DETERMINISTIC NO SQL
  RETURN UTC_TIMESTAMP() - INTERVAL p_hours HOUR $$

DELIMITER ;
