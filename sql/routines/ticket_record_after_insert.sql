-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A new ticket's party by type, then its audit row, in the ticket's own INSERT statement: an
-- error here undoes the ticket and its seats too (all or nothing). The types come from
-- @marquee_items, set by marquee_book for this one INSERT ([{"t": type, "n": count}], each type
-- once); without it (a DBA's raw INSERT, an old client's path) the party is NEW.seats of the
-- default type. Each seat is sold at the show's price for its type, else the type's price.
-- The party must add up to NEW.seats of active types; then each type's quota is taken
-- (marquee_count_party).
DROP TRIGGER IF EXISTS ticket_record_after_insert $$
CREATE TRIGGER ticket_record_after_insert AFTER INSERT ON ticket_record FOR EACH ROW
BEGIN
  DECLARE v_items TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  DECLARE v_seats INT;
  SET v_items = COALESCE(@marquee_items,
    JSON_ARRAY(JSON_OBJECT('t', (SELECT ticket_type_id FROM ticket_type WHERE is_default = 1), 'n', NEW.seats)));
  INSERT INTO ticket_item (ticket_id, ticket_type_id, count, unit_price)
    SELECT NEW.ticket_id, tt.ticket_type_id, j.n, COALESCE(sp.price, tt.price)
      FROM JSON_TABLE(v_items, '$[*]' COLUMNS (t INT PATH '$.t', n INT PATH '$.n')) j
      JOIN ticket_type tt ON tt.ticket_type_id = j.t AND tt.active = 1
      LEFT JOIN show_price sp ON sp.show_id = NEW.show_id AND sp.ticket_type_id = j.t
     WHERE j.n >= 1
     ORDER BY tt.ticket_type_id;
  SELECT COALESCE(SUM(count), 0) INTO v_seats FROM ticket_item WHERE ticket_id = NEW.ticket_id;
  IF v_seats <> NEW.seats THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'MARQUEE:TICKET_TYPE_NOT_FOUND';
  END IF;
  CALL marquee_count_party(NEW.ticket_id, NEW.show_id, 1);
  INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats, amount, items)
    VALUES (NEW.ticket_id, 'booked', NEW.user_id, NEW.show_id, NULL, COALESCE(@marquee_actor, CURRENT_USER()), UTC_TIMESTAMP(3),
            NEW.seats, marquee_party_amount(NEW.ticket_id), marquee_party_items(NEW.ticket_id));
END $$

DELIMITER ;
