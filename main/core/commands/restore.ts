// `marquee restore FILE [--force]`: the backup is checked before any database is touched
// (backup/restore-backup.ts), then loaded and migrated forward. Needs an account that may
// create tables and routines (the admin's, as for `marquee migrate`).
import path from 'node:path';
import { openDatabase } from '../app';
import { checkBackupFile, restoreBackup } from '../backup/restore-backup';
import type { Config } from '../config';
import type { Logger } from '../log';
import { databaseInWords } from './backup-words';
import { CLI } from './hint';

export async function restoreCommand(config: Config, logger: Logger, file: string, force: boolean): Promise<number> {
  const checked = await checkBackupFile(path.resolve(file));
  const { manifest } = checked;
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Backup of ${manifest.createdAt} (Marquee ${manifest.marqueeVersion}, database ${manifest.database.name}): ` +
      `${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.tables.ticket_record ?? 0} tickets; checksum verified.`,
  );
  const { db, embedded } = await openDatabase(config, logger);
  try {
    const result = await restoreBackup(db, checked, { force, settings: config, ownsServer: embedded?.owned });
    console.log(
      `Restored into ${databaseInWords(config, db.target)}` +
        (result.replaced ? `, replacing the ${result.replaced} tables and routines it held` : '') +
        `; every table holds the rows the backup lists. Re-created ${result.routines} routines and triggers` +
        (result.migrated.length ? ` and applied ${result.migrated.length} newer migration(s): ${result.migrated.join(', ')}.` : '.'),
    );
    console.log(`Check it with \`${CLI} doctor\`, then start serve again.`);
    return 0;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
