-- Pairing guesses counted so that a burst cannot outrun the count (auth/pairing-guesses.ts).
-- One row per source address: a redemption locks its row, charges one guess, checks the limit
-- and the code, and commits (a right code's charge is given back) in one transaction, so every
-- serve on the database shares the count and simultaneous requests from one address take turns.
-- The window opens with an address's first counted guess and ends PAIRING_GUESS_WINDOW_MINUTES
-- later; window_ends_at is also the Retry-After a refused address is told.
CREATE TABLE IF NOT EXISTS pairing_source (
  source          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  wrong_guesses   INT NOT NULL,
  window_ends_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (source),
  KEY ix_pairing_source_window (window_ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Wrong codes were written after the check, one row each; the table above replaces it.
DROP TABLE IF EXISTS pairing_failure;

-- Codes are now hashed with the server's secret (auth/pairing-key.ts). Codes hashed the old way
-- could no longer be redeemed, and their plain SHA-256 would reveal them: they go (each lived
-- ten minutes at most; the manager makes a new one).
DELETE FROM pairing_code;
