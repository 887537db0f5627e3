-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- The booking transaction, with an optional idempotency reference: one CALL. The booking is
-- marquee_book_ticket's (the seat, the ticket and the audit row in the ticket's INSERT); this
-- answers with the ticket's row. A booking with an Idempotency-Key over REST calls
-- marquee_book_keyed instead, which also keeps the key's answer in the same transaction.
-- p_channel: who is selling, the caller's role ('kiosk', 'counter', 'manager'); a kiosk may not take
-- a type's spaces held for the counter (marquee_count_party reads @marquee_channel; sql/023).
DROP PROCEDURE IF EXISTS marquee_book $$
CREATE PROCEDURE marquee_book(
  IN p_user_name VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_phone_no VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_show_id BIGINT UNSIGNED,
  IN p_starts_at DATETIME,
  IN p_capacity INT,
  IN p_expire_hours INT,
  IN p_actor VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_idem_ref CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_ticket_code CHAR(12) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_seats INT,
  IN p_items TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  IN p_channel VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin)
  MODIFIES SQL DATA
BEGIN
  DECLARE v_ticket_id BIGINT UNSIGNED;
  DECLARE v_show_id BIGINT UNSIGNED;
  CALL marquee_book_ticket(p_user_name, p_phone_no, p_show_id, p_starts_at, p_capacity, p_expire_hours, p_actor,
                           p_idem_ref, p_ticket_code, p_seats, p_items, p_channel, v_ticket_id, v_show_id);
  SELECT t.ticket_id, t.ticket_code, s.starts_at, CAST(s.capacity - s.booked AS SIGNED) AS seats_left, s.show_id, t.seats,
         (SELECT JSON_ARRAYAGG(JSON_OBJECT('t', i.ticket_type_id, 'n', i.count, 'p', i.unit_price, 'name', tt.name))
            FROM ticket_item i JOIN ticket_type tt ON tt.ticket_type_id = i.ticket_type_id WHERE i.ticket_id = v_ticket_id) AS items
    FROM show_record s JOIN ticket_record t ON t.ticket_id = v_ticket_id WHERE s.show_id = v_show_id;
END $$

DELIMITER ;
