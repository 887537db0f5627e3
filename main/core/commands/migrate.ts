import type { Config } from '../config';
import { openDatabase, runMigrations } from '../app';
import type { Logger } from '../log';

export async function migrateCommand(config: Config, logger: Logger): Promise<void> {
  const { db, embedded } = await openDatabase(config, logger);
  try {
    const result = await runMigrations(db);
    for (const name of result.alreadyApplied) console.log(`  already applied  ${name}`);
    for (const name of result.applied) console.log(`  applied          ${name}`);
    console.log(result.applied.length ? `Applied ${result.applied.length} migration(s).` : 'The database is up to date.');
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
