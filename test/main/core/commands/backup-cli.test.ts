// `marquee backup` and `marquee restore` as a person meets them: listed in help, usage errors
// with exit 2, refusals as one sentence (exit 1, no stack trace), the file's path as the last line.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { lastLine, runMarquee } from '../../../support/backup';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

const STACK_LINE = /^ {4}at /m;
let t: TestDatabase;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  // Only the commands use it: a connection left open here would be "another Marquee" to restore.
  await t.db.close();
  dir = mkdtempSync(path.join(os.tmpdir(), 'mq-backup-cli-'));
  env = { MARQUEE_DB_URL: t.url, MARQUEE_DATA_DIR: path.join(dir, 'data') };
});

afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('help lists backup and restore', async () => {
  const help = await runMarquee(['help'], env);
  expect(help.stdout).toMatch(/backup \[--to DIR\]/);
  expect(help.stdout).toMatch(/restore FILE \[--force\]/);
});

test('usage errors: exit 2 and the usage line', async () => {
  for (const args of [['restore'], ['restore', 'a.tar', 'b.tar'], ['backup', 'somewhere'], ['backup', '--force'], ['backup', '--to']]) {
    const run = await runMarquee(args, env);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.stderr).toContain('Usage: npx marquee backup [--to DIR]');
  }
});

test('a MARQUEE_BACKUP_CRON that is no cron stops the command with one sentence', async () => {
  const run = await runMarquee(['backup'], { ...env, MARQUEE_BACKUP_CRON: 'every night' });
  expect(run.code).toBe(1);
  expect(run.stderr.trim()).toBe('marquee: MARQUEE_BACKUP_CRON "every night" is not a cron expression (for example 30 3 * * * for 03:30 daily), or off.');
});

test('backup --to DIR prints the file last; restoring it over the same database is refused in one sentence', async () => {
  const to = path.join(dir, 'stick');
  const backup = await runMarquee(['backup', '--to', to], env);
  expect(backup.code, backup.stderr).toBe(0);
  const file = lastLine(backup.stdout);
  expect(path.dirname(file)).toBe(to);
  expect(existsSync(file)).toBe(true);
  expect(backup.stdout).toContain(`Backed up the database ${t.target.database}`);

  const restore = await runMarquee(['restore', file], env);
  expect(restore.code).toBe(1);
  expect(restore.stderr).toMatch(new RegExp(`^marquee: The database ${t.target.database} is not empty .*--force`, 'm'));
  expect(restore.stderr).not.toMatch(STACK_LINE);

  const missing = await runMarquee(['restore', path.join(dir, 'nothing.tar')], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toBe(`marquee: There is no file ${path.join(dir, 'nothing.tar')}.`);
});
