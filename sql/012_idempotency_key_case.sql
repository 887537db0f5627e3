-- An Idempotency-Key is compared byte for byte (RFC: an opaque string): "Ab" and "aB" are two
-- keys. The table's utf8mb4_unicode_ci made them one, so a second, different booking whose key
-- differed only in case was refused as IDEMPOTENCY_MISMATCH. Keys are visible ASCII
-- (validIdempotencyKey), so ascii_bin holds every key a client may send.
ALTER TABLE idempotent_request
  MODIFY idem_key VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
