-- Repeatable migration (see main/core/db/migrate.ts): re-applied whenever this file changes.
-- Errors are raised as SQLSTATE '45000' with a message starting 'MARQUEE:<CODE>'.
-- String parameters and variables name their CHARACTER SET and COLLATE (the columns' own):
-- left out, they take the database's default and comparing them with a column fails
-- ("Illegal mix of collations") on a database made with another default.
DELIMITER $$

-- A booking with an Idempotency-Key in one round trip (issue 25): a sale without a payment.
-- marquee_sell holds the whole of it — the key's row, the booking and the key's answer in one
-- transaction, a copy of the request waiting on the key's row lock, the refusals that are the
-- key's answer, the facts stored — so a keyed booking and a keyed sale keep their keys by one rule.
DROP PROCEDURE IF EXISTS marquee_book_keyed $$
CREATE PROCEDURE marquee_book_keyed(
  IN p_scope VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_key VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_request_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  IN p_answers TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
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
  CALL marquee_sell(p_scope, p_key, p_request_hash, p_answers, p_user_name, p_phone_no, p_show_id, p_starts_at, p_capacity,
                    p_expire_hours, p_actor, p_idem_ref, p_ticket_code, p_seats, p_items, p_channel, NULL, NULL, NULL, NULL, NULL, NULL);
END $$

DELIMITER ;
