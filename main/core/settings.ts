// The configuration the database's own rules need: a trigger cannot read the environment, so
// the core writes these settings into marquee_setting (sql/015) at every start. A runtime
// account (DML only, MARQUEE_MIGRATE=off) may write them too.
import type { Config } from './config';
import type { Database } from './db/database';

/** Settings by name, as the routines read them (sql/routines/marquee_show_ends_at.sql). */
export function databaseSettings(config: Pick<Config, 'turnaroundMinutes'>): Record<string, number> {
  return { turnaround_minutes: config.turnaroundMinutes };
}

/**
 * Writes the settings. Instances sharing one database should share the settings
 * too: the last one started wins, and shows keep the end computed when they were written.
 */
export async function applyDatabaseSettings(db: Database, config: Pick<Config, 'turnaroundMinutes'>): Promise<void> {
  for (const [name, value] of Object.entries(databaseSettings(config))) {
    await db.exec(
      'INSERT INTO marquee_setting (name, int_value) VALUES (?, ?) ON DUPLICATE KEY UPDATE int_value = ?',
      [name, value, value],
    );
  }
}
