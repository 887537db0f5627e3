// The record of backups in the database (sql/018): every serve of a cluster tells the manager
// the same last backup, whichever instance made it.
import type { Database } from '../db/database';

export type BackupKind = 'scheduled' | 'manual';

export interface BackupRun {
  startedAt: Date;
  finishedAt: Date;
  kind: BackupKind;
  host: string;
  file: string | null;
  bytes: number | null;
  error: string | null;
  copyError: string | null;
}

const ER_NO_SUCH_TABLE = 1146;
const noTable = (err: unknown) => (err as { errno?: number }).errno === ER_NO_SUCH_TABLE;

/** Records a run; false when the database predates sql/018 (a backup taken before upgrading). */
export async function recordBackupRun(db: Database, run: BackupRun): Promise<boolean> {
  try {
    // The pool itself, not db.exec: the driver's error number must survive to be recognised.
    await db.pool.execute(
      `INSERT INTO marquee_backup (started_at, finished_at, kind, host, file_path, bytes, error, copy_error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [run.startedAt, run.finishedAt, run.kind, run.host.slice(0, 120), run.file, run.bytes, run.error?.slice(0, 1000) ?? null, run.copyError?.slice(0, 1000) ?? null],
    );
    return true;
  } catch (err) {
    if (noTable(err)) return false;
    throw err;
  }
}

function toRun(row: Record<string, unknown>): BackupRun {
  return {
    startedAt: row.started_at as Date,
    finishedAt: row.finished_at as Date,
    kind: row.kind as BackupKind,
    host: String(row.host),
    file: row.file_path === null ? null : String(row.file_path),
    bytes: row.bytes === null ? null : Number(row.bytes),
    error: row.error === null ? null : String(row.error),
    copyError: row.copy_error === null ? null : String(row.copy_error),
  };
}

/** The last backup that succeeded, and the last run if it failed after it. */
export async function lastBackupRuns(db: Database): Promise<{ lastGood: BackupRun | null; lastFailed: BackupRun | null }> {
  const [good] = await db.rows('SELECT * FROM marquee_backup WHERE error IS NULL ORDER BY finished_at DESC, backup_id DESC LIMIT 1');
  const [latest] = await db.rows('SELECT * FROM marquee_backup ORDER BY finished_at DESC, backup_id DESC LIMIT 1');
  return {
    lastGood: good ? toRun(good) : null,
    lastFailed: latest && latest.error !== null ? toRun(latest) : null,
  };
}
