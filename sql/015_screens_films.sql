-- Screens, films, and shows that belong to them (issue 20). A show plays on one screen and
-- (optionally) one film; several screens may start at the same minute, and one screen never
-- holds two shows whose times overlap: the show triggers (sql/routines/show_record_before_*.sql)
-- compute when a show frees its screen (`ends_at`) and refuse an overlap, for every write path.
-- An existing database keeps every show, ticket and audit row: its shows all go to "Screen 1".

-- A screen (auditorium): its seats are the default capacity of its shows. `schedule_version` is
-- bumped by every show written to the screen, which takes the screen row's lock: two managers
-- scheduling on one screen take turns (and on a Galera cluster their write sets conflict), so
-- the overlap check never misses a show committed meanwhile. A screen that had shows is retired
-- (retired_at) rather than deleted, so past shows and reports keep their screen.
CREATE TABLE IF NOT EXISTS screen (
  screen_id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name             VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  capacity         SMALLINT UNSIGNED NOT NULL,
  notes            VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  schedule_version BIGINT UNSIGNED NOT NULL DEFAULT 0,
  created_at       DATETIME(3) NOT NULL,
  retired_at       DATETIME(3) NULL,
  PRIMARY KEY (screen_id),
  UNIQUE KEY uq_screen_name (name),
  CONSTRAINT chk_screen_capacity CHECK (capacity >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A film. The poster is kept in the database (every serve process and cluster node has it),
-- with its media type and a content hash that serves as its HTTP ETag.
CREATE TABLE IF NOT EXISTS film (
  film_id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  title             VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  runtime_minutes   SMALLINT UNSIGNED NOT NULL,
  rating            VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  description       VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  poster            MEDIUMBLOB NULL,
  poster_type       VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  poster_etag       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  poster_updated_at DATETIME(3) NULL,
  created_at        DATETIME(3) NOT NULL,
  updated_at        DATETIME(3) NOT NULL,
  PRIMARY KEY (film_id),
  KEY ix_film_title (title),
  CONSTRAINT chk_film_runtime CHECK (runtime_minutes BETWEEN 1 AND 900)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Settings the database's own rules need, written by the core at start from its configuration
-- (main/core/settings.ts): a trigger cannot read the environment.
CREATE TABLE IF NOT EXISTS marquee_setting (
  name      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  int_value INT NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO marquee_setting (name, int_value) VALUES ('turnaround_minutes', 15);

-- @marquee_migrate_capacity is MARQUEE_CAPACITY, set by the migrator (main/core/db/migrate.ts);
-- run by hand it is unset and the screen gets the default, 20.
INSERT INTO screen (name, capacity, created_at)
  SELECT 'Screen 1', COALESCE(@marquee_migrate_capacity, 20), UTC_TIMESTAMP(3) FROM (SELECT 1) one
   WHERE NOT EXISTS (SELECT 1 FROM screen);

-- ends_at: when the show frees its screen (start + runtime + turnaround; a show without a
-- film holds only its start), written by the show triggers. cancelled_at / cancel_reason: a
-- cancelled screening stays visible but frees its screen (for the cancellation to come; the
-- triggers and marquee_ensure_show already skip such shows). A screen starts one show at a
-- time (uq_show_screen_starts_at): the manager's implicit show creation (INSERT IGNORE in
-- marquee_ensure_show) stays race-free without the old one-show-per-time key. (A key on a STORED
-- generated "start unless cancelled" column was tried: MariaDB's plain CHECKSUM TABLE then
-- differed between Galera nodes holding the same rows, which the cluster test's invariant reads.)
ALTER TABLE show_record
  ADD COLUMN screen_id BIGINT UNSIGNED NULL,
  ADD COLUMN film_id BIGINT UNSIGNED NULL,
  ADD COLUMN ends_at DATETIME NULL,
  ADD COLUMN cancelled_at DATETIME(3) NULL,
  ADD COLUMN cancel_reason VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL;

UPDATE show_record
   SET screen_id = (SELECT MIN(screen_id) FROM screen), ends_at = starts_at;

ALTER TABLE show_record
  MODIFY COLUMN screen_id BIGINT UNSIGNED NOT NULL,
  MODIFY COLUMN ends_at DATETIME NOT NULL,
  DROP INDEX uq_show_starts_at,
  ADD KEY ix_show_starts_at (starts_at),
  ADD UNIQUE KEY uq_show_screen_starts_at (screen_id, starts_at),
  ADD KEY ix_show_screen_ends_at (screen_id, ends_at),
  ADD KEY ix_show_film (film_id),
  ADD CONSTRAINT fk_show_screen FOREIGN KEY (screen_id) REFERENCES screen (screen_id),
  ADD CONSTRAINT fk_show_film FOREIGN KEY (film_id) REFERENCES film (film_id);
