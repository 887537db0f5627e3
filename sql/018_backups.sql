-- Backups (issue 24; main/core/backup/): every run of `marquee backup` or of the scheduled
-- backup, kept in the database so every serve of a cluster shows the manager the same last
-- backup, whichever instance made it. A row is written once the file is complete (or the run
-- failed), so a backup never holds its own row. The 'backup' lease lets one instance of a
-- cluster run the scheduled backup (main/core/db/lease.ts, as the sweep's in sql/007).
CREATE TABLE IF NOT EXISTS marquee_backup (
  backup_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  started_at  DATETIME(3) NOT NULL,
  finished_at DATETIME(3) NOT NULL,
  -- 'scheduled' (MARQUEE_BACKUP_CRON) or 'manual' (the command)
  kind        VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  host        VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  file_path   VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  bytes       BIGINT UNSIGNED NULL,
  -- NULL when the backup succeeded; else the one sentence saying why not
  error       VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  -- the backup is made, but its copy to MARQUEE_BACKUP_DIR failed (the stick is not plugged in)
  copy_error  VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  KEY ix_backup_finished (finished_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO marquee_lease (name, holder, expires_at) VALUES ('backup', NULL, '2000-01-01 00:00:00');
