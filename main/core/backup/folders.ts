// Where backups are kept: <data dir>/backups (mode 0700: a backup holds every guest's name and
// phone), a copy in MARQUEE_BACKUP_DIR when set (a USB stick or a NAS, so a dead disk does not
// take the backups with it), and in each only the newest MARQUEE_BACKUP_KEEP.
import { chmod, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { BACKUP_FILE_PATTERN } from './make-backup';

export const BACKUP_FOLDER = 'backups';

export function ownBackupDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, BACKUP_FOLDER);
}

/** Makes `dir` if needed; `private` also narrows an existing one to its owner (0700). */
export async function prepareBackupDir(dir: string, options: { private: boolean }): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (options.private) await chmod(dir, 0o700);
}

/** Copies `file` into `dir` under its own name; a half-written copy never carries that name. */
export async function copyBackup(file: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, path.basename(file));
  const partial = path.join(dir, `.${path.basename(file)}.partial`);
  try {
    await copyFile(file, partial);
    await chmod(partial, 0o600);
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return target;
}

/** Deletes all but the newest `keep` backups in `dir` (only files named as backups); returns their names. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const backups = (await readdir(dir)).filter((name) => BACKUP_FILE_PATTERN.test(name)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) await rm(path.join(dir, name), { force: true });
  return old;
}
