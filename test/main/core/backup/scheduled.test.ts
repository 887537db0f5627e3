// The scheduled backup (MARQUEE_BACKUP_CRON) on a cron a second away: backups land in
// <data dir>/backups (0700, files 0600) and in the MARQUEE_BACKUP_DIR copy, each folder keeps
// MARQUEE_BACKUP_KEEP, and of two instances on one database only one makes them (the lease).
// The manager's server status then shows the last backup; with none, or one older than two
// days, it warns.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BACKUP_STALE_HOURS } from '../../../../main/common/schemas';
import { BACKUP_FILE_PATTERN } from '../../../../main/core/backup/make-backup';
import { runBackup } from '../../../../main/core/backup/run-backup';
import { BackupScheduler } from '../../../../main/core/backup/scheduler';
import { runOperation } from '../../../../main/core/operations';
import { createOperationContext } from '../../../../main/core/operations/context';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

const manager = { role: 'manager' as const, label: 'office' };
let t: TestDatabase;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const backupsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => BACKUP_FILE_PATTERN.test(f)).sort() : []);

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const status = (config = t.config) => runOperation(createOperationContext(t.db, config), 'serverStatus', {}, manager);

test('with no backup yet, the server status warns', async () => {
  const { backup } = await status({ ...t.config, backupCron: '30 3 * * *' });
  expect(backup).toEqual({ last: null, stale: true, lastFailure: null, schedule: '30 3 * * *' });
});

test('a near cron: one of two instances backs up, into <data dir>/backups and the copy folder, keeping MARQUEE_BACKUP_KEEP', async () => {
  const copyDir = tempDir('mq-sched-copy-');
  const instances = [tempDir('mq-sched-a-'), tempDir('mq-sched-b-')].map((dataDir) => {
    const config = { ...t.config, dataDir, backupCopyDir: copyDir, backupKeep: 2 };
    return { dataDir, scheduler: new BackupScheduler(t.db, config, { info() {}, warn() {}, error() {} }) };
  });
  // Every second (node-schedule's six-field cron): both jobs fire at the same moments.
  for (const { scheduler } of instances) scheduler.start('* * * * * *');
  const deadline = Date.now() + 30_000;
  let runs = 0;
  while (runs < 3 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    [{ runs }] = (await t.db.rows('SELECT COUNT(*) AS runs FROM marquee_backup')) as unknown as [{ runs: number }];
    runs = Number(runs);
  }
  for (const { scheduler } of instances) await scheduler.stop();
  expect(runs).toBeGreaterThanOrEqual(3);

  const made = instances.filter(({ dataDir }) => backupsIn(path.join(dataDir, 'backups')).length > 0);
  expect(made, 'exactly one instance made backups').toHaveLength(1);
  const folder = path.join(made[0]!.dataDir, 'backups');
  expect(statSync(folder).mode & 0o777).toBe(0o700);
  const kept = backupsIn(folder);
  expect(kept).toHaveLength(2);
  for (const file of kept) expect(statSync(path.join(folder, file)).mode & 0o777).toBe(0o600);
  expect(backupsIn(copyDir)).toEqual(kept);

  const rows = await t.db.rows('SELECT kind, host, file_path, bytes, error, copy_error FROM marquee_backup ORDER BY backup_id');
  for (const row of rows) {
    expect(row).toMatchObject({ kind: 'scheduled', host: os.hostname(), error: null, copy_error: null });
    expect(String(row.file_path).startsWith(folder)).toBe(true);
  }

  const { backup } = await status();
  expect(backup.stale).toBe(false);
  expect(backup.lastFailure).toBeNull();
  expect(backup.last).toMatchObject({ kind: 'scheduled', host: os.hostname(), file: path.join(folder, kept[1]!), bytes: statSync(path.join(folder, kept[1]!)).size });
  expect(backup.last!.ageHours).toBeLessThan(0.1);
});

test('a copy folder that cannot be written: the backup is kept and the status says the copy failed', async () => {
  const dataDir = tempDir('mq-copyfail-');
  const notAFolder = path.join(dataDir, 'usb-stick');
  writeFileSync(notAFolder, 'a file where the stick should be');
  const made = await runBackup(t.db, { dataDir, backupCopyDir: notAFolder, backupKeep: 14 }, { kind: 'manual' });
  expect(existsSync(made.file)).toBe(true);
  expect(made.copy).toBeNull();
  expect(made.copyError).toContain(notAFolder);
  const { backup } = await status();
  expect(backup.last).toMatchObject({ kind: 'manual', file: made.file, copyError: made.copyError });
});

test('a failed run is shown beside the last good one, and a backup older than two days is a warning', async () => {
  const dataDir = tempDir('mq-fail-');
  const aFile = path.join(dataDir, 'not-a-folder');
  writeFileSync(aFile, '');
  // --to a path that is a file: the folder cannot be made, the run is recorded as failed.
  await expect(runBackup(t.db, { dataDir, backupCopyDir: undefined, backupKeep: 14 }, { kind: 'manual', to: aFile })).rejects.toThrow(/Cannot make the backup folder/);
  let { backup } = await status();
  expect(backup.lastFailure?.error).toMatch(/Cannot make the backup folder/);
  expect(backup.last).not.toBeNull();

  await t.db.exec(`UPDATE marquee_backup SET finished_at = finished_at - INTERVAL ${BACKUP_STALE_HOURS + 1} HOUR`);
  ({ backup } = await status());
  expect(backup.stale).toBe(true);
  expect(backup.last!.ageHours).toBeGreaterThan(BACKUP_STALE_HOURS);
});
