import type { Config } from '../config';
import { openDatabase, runMigrations } from '../app';
import type { Logger } from '../log';
import { databaseLine } from './database-line';

export async function migrateCommand(config: Config, logger: Logger): Promise<void> {
  const { db, embedded } = await openDatabase(config, logger);
  console.log(databaseLine(config, embedded));
  try {
    const result = await runMigrations(db, config);
    for (const name of result.alreadyApplied) console.log(`  already applied  ${name}`);
    for (const name of result.applied) console.log(`  applied          ${name}`);
    for (const name of result.routinesDropped) console.log(`  dropped          ${name} (file removed)`);
    for (const name of result.routinesApplied) console.log(`  (re)applied      ${name}`);
    if (result.drain) {
      console.log(
        `  drain            ${result.drain.serves} live serve(s) finished their work in flight in ${result.drain.waitedMs} ms; ` +
          `their database work was held for ${result.drain.heldMs} ms in all`,
      );
    }
    const changes = result.applied.length + result.routinesApplied.length + result.routinesDropped.length;
    console.log(
      changes
        ? `Applied ${result.applied.length} migration(s) and ${result.routinesApplied.length} routine file(s)` +
            (result.routinesDropped.length ? `, dropped ${result.routinesDropped.length} routine(s).` : '.')
        : 'The database is up to date.',
    );
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
