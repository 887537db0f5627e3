-- One sweeper at a time across every Marquee instance, on one server or on any nodes of a Galera
-- cluster: the instance whose name is in `holder`, until `expires_at` by the database clock,
-- sweeps; the others skip that run. A row, not GET_LOCK: Galera certifies a row write against
-- every node's, while GET_LOCK only locks on the node it was taken on.
CREATE TABLE IF NOT EXISTS marquee_lease (
  name       VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  holder     VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO marquee_lease (name, holder, expires_at) VALUES ('sweep', NULL, '2000-01-01 00:00:00');
