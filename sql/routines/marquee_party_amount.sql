-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- The value of a party's seats at the prices they were sold at (minor units).
DROP FUNCTION IF EXISTS marquee_party_amount $$
CREATE FUNCTION marquee_party_amount(p_ticket_id BIGINT UNSIGNED) RETURNS INT
  NOT DETERMINISTIC READS SQL DATA
  RETURN (SELECT COALESCE(SUM(count * unit_price), 0) FROM ticket_item WHERE ticket_id = p_ticket_id) $$

DELIMITER ;
