-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A party's seats by type as the audit trail keeps them: [{"t": type, "n": count, "p": unit price}]
-- (null for a ticket without items). Read by the ticket triggers for their audit rows and by
-- marquee_book for its answer.
DROP FUNCTION IF EXISTS marquee_party_items $$
CREATE FUNCTION marquee_party_items(p_ticket_id BIGINT UNSIGNED) RETURNS TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
  NOT DETERMINISTIC READS SQL DATA
  RETURN (SELECT JSON_ARRAYAGG(JSON_OBJECT('t', ticket_type_id, 'n', count, 'p', unit_price)) FROM ticket_item WHERE ticket_id = p_ticket_id) $$

DELIMITER ;
