-- The counter's end of day (issue 22): the cash counted in a drawer, against what the payment
-- rows say should be there. One close per theatre-local day and device, held by the primary key,
-- so two closes racing (two tabs, a retry) record one; the second is answered with the first.
-- token_key: the device's token; 0 for the desktop app, which has none (a key column cannot be NULL).
-- expected is signed: a day's cash refunds may exceed its cash sales.
CREATE TABLE IF NOT EXISTS cashup_close (
  day             DATE NOT NULL,
  token_key       BIGINT UNSIGNED NOT NULL,
  device          VARCHAR(100) NOT NULL,
  expected        INT NOT NULL,
  counted         INT UNSIGNED NOT NULL,
  difference      INT NOT NULL,
  closed_by       VARCHAR(100) NOT NULL,
  closed_by_token BIGINT UNSIGNED NULL,
  at              DATETIME(3) NOT NULL,
  PRIMARY KEY (day, token_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
