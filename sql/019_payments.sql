-- The counter (issue 22): box-office staff devices, and money as records. Every payment and every
-- refund is a row of its own, never an edit; ticket_record.paid is their running sum, kept in the
-- same transaction under the ticket's row lock (marquee_pay, marquee_refund), and UNSIGNED: a
-- refund can never take more than was paid, whatever the path.
ALTER TABLE api_token
  MODIFY COLUMN role ENUM('kiosk', 'viewer', 'manager', 'door', 'counter') NOT NULL;

-- paid: money taken less money refunded (minor units); comped: the party was given free (a
-- manager's comp), so nothing is due whatever its seats are worth, and nothing can be refunded.
ALTER TABLE ticket_record
  ADD COLUMN paid INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN comped TINYINT(1) NOT NULL DEFAULT 0;

-- No foreign key to the ticket: payments outlive a cancelled ticket (the cash-up still counts them).
-- idem_ref: the Idempotency-Key's reference of the request that took it, so a retry finds it.
CREATE TABLE IF NOT EXISTS payment (
  payment_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  ticket_id   BIGINT UNSIGNED NOT NULL,
  kind        ENUM('payment', 'refund') NOT NULL,
  method      ENUM('cash', 'card', 'comp') NOT NULL,
  amount      INT UNSIGNED NOT NULL,
  tendered    INT UNSIGNED NULL,
  reference   VARCHAR(60) NULL,
  reason      VARCHAR(200) NULL,
  actor       VARCHAR(100) NOT NULL,
  token_id    BIGINT UNSIGNED NULL,
  idem_ref    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  at          DATETIME(3) NOT NULL,
  PRIMARY KEY (payment_id),
  UNIQUE KEY uq_payment_idem_ref (idem_ref),
  KEY ix_payment_ticket (ticket_id),
  KEY ix_payment_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
