// `marquee backup [--to DIR]`: one backup now (backup/run-backup.ts); its path is the last line
// of stdout, for scripts. No migration runs first: a backup taken before an upgrade must be of
// the database as it was.
import path from 'node:path';
import { openDatabase } from '../app';
import { runBackup } from '../backup/run-backup';
import type { Config } from '../config';
import type { Logger } from '../log';
import { databaseInWords, formatBytes } from './backup-words';

export async function backupCommand(config: Config, logger: Logger, to: string | undefined): Promise<number> {
  const { db, embedded } = await openDatabase(config, logger);
  try {
    const started = performance.now();
    const made = await runBackup(db, config, { kind: 'manual', to: to === undefined ? undefined : path.resolve(to) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tables = Object.keys(made.manifest.tables).length;
    const tickets = made.manifest.tables.ticket_record ?? 0;
    console.log(`Backed up ${databaseInWords(config, db.target)}: ${tables} tables, ${tickets} tickets, ${formatBytes(made.bytes)} in ${seconds} s.`);
    if (made.copy) console.log(`Copied to ${made.copy}.`);
    if (made.copyError) console.error(`marquee backup: ${made.copyError}`);
    if (made.pruned.length) console.log(`Removed ${made.pruned.length} older backup(s), keeping ${config.backupKeep} (MARQUEE_BACKUP_KEEP).`);
    console.log(made.file);
    return 0;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
