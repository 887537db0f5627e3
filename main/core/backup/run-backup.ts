// One backup run, as the command and the schedule both make it: the file in its folder, the
// copy to MARQUEE_BACKUP_DIR, the pruning, and the run's row in marquee_backup.
import os from 'node:os';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { silentLogger, type Logger } from '../log';
import { BackupError } from './errors';
import { copyBackup, ownBackupDir, prepareBackupDir, pruneBackups } from './folders';
import { recordBackupRun, type BackupKind } from './history';
import { makeBackup, type MadeBackup } from './make-backup';

export interface BackupRunOptions {
  kind: BackupKind;
  /** `marquee backup --to DIR`: that folder instead of <data dir>/backups, no copy, no pruning. */
  to?: string;
  logger?: Logger;
}

export interface BackupRunResult extends MadeBackup {
  /** The copy in MARQUEE_BACKUP_DIR, when one was made. */
  copy: string | null;
  copyError: string | null;
  pruned: string[];
}

const sentence = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function runBackup(
  db: Database, config: Pick<Config, 'dataDir' | 'backupCopyDir' | 'backupKeep'>, options: BackupRunOptions,
): Promise<BackupRunResult> {
  const logger = options.logger ?? silentLogger;
  const startedAt = new Date();
  const dir = options.to ?? ownBackupDir(config);
  let made: MadeBackup;
  try {
    try {
      await prepareBackupDir(dir, { private: options.to === undefined });
    } catch (err) {
      throw new BackupError(`Cannot make the backup folder ${dir} (${(err as { code?: string }).code ?? sentence(err)}).`);
    }
    made = await makeBackup(db.target, dir);
  } catch (err) {
    await recordBackupRun(db, { startedAt, finishedAt: new Date(), kind: options.kind, host: os.hostname(), file: null, bytes: null, error: sentence(err), copyError: null })
      .catch(() => undefined);
    throw err;
  }
  const result: BackupRunResult = { ...made, copy: null, copyError: null, pruned: [] };
  if (options.to === undefined) {
    if (config.backupCopyDir) {
      try {
        result.copy = await copyBackup(made.file, config.backupCopyDir);
        result.pruned.push(...(await pruneBackups(config.backupCopyDir, config.backupKeep)));
      } catch (err) {
        result.copyError = `The copy to MARQUEE_BACKUP_DIR ${config.backupCopyDir} failed (${(err as { code?: string }).code ?? sentence(err)}).`;
        logger.warn({ file: made.file, copyDir: config.backupCopyDir, err: sentence(err) }, 'backup made, but its copy failed');
      }
    }
    result.pruned.push(...(await pruneBackups(dir, config.backupKeep)));
  }
  await recordBackupRun(db, {
    startedAt, finishedAt: new Date(), kind: options.kind, host: os.hostname(), file: made.file, bytes: made.bytes, error: null, copyError: result.copyError,
  });
  logger.info({ file: made.file, bytes: made.bytes, copy: result.copy, pruned: result.pruned.length }, 'backup made');
  return result;
}
