// Every command names the database it used, in one line; `token …` on an embedded database no
// serve runs on warns that it is probably not the one meant (a second terminal without serve's
// MARQUEE_DATA_DIR); and serve's banner gives the three first steps in order, with the
// command that reaches its own database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDbUrl } from '../../../../main/core/db/target';
import { whereIs } from '../../../../main/core/db/wait';
import { createHttpsClient, spawnServe, type ServeProcess } from '../../../support/server';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const MARQUEE = path.join(ROOT, 'bin', 'marquee.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function marquee(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath, [MARQUEE, ...args],
      { cwd: ROOT, env: { ...process.env, MARQUEE_TIMEZONE: 'UTC', MARQUEE_DB_URL: '', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let parent: string;
let dataDir: string;
let database: TestDatabase;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'marquee-which-'));
  dataDir = path.join(parent, 'box-office');
  database = await createTestDatabase();
});

afterAll(async () => {
  await serve?.stop();
  await database?.drop();
  rmSync(parent, { recursive: true, force: true });
});

test('token create on an embedded database that no serve runs on: which one, and a warning', async () => {
  const first = await marquee(['token', 'create', '--role', 'manager', '--label', 'Desk'], { MARQUEE_DATA_DIR: dataDir });
  expect(first.code, first.stderr).toBe(0);
  const lines = first.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe(`Database: embedded at ${path.join(dataDir, 'mariadb')}, created empty just now and started for this command`);
  expect(lines.at(-1)).toMatch(/^\S{20,}$/); // the token stays the last line
  expect(first.stderr).toContain(`Warning: no Marquee serve is running on the embedded database in ${dataDir} (it was created empty just now).`);
  expect(first.stderr).toContain('run this command with the MARQUEE_DATA_DIR (or MARQUEE_DB_URL) it was started with');

  const again = await marquee(['token', 'list'], { MARQUEE_DATA_DIR: dataDir });
  expect(again.stdout.split('\n')[0]).toBe(`Database: embedded at ${path.join(dataDir, 'mariadb')}, started for this command`);
  expect(again.stderr).toContain('Warning: no Marquee serve is running');
  expect(again.stderr).not.toContain('created empty');
});

test('migrate and doctor against MARQUEE_DB_URL name the database, server and account', async () => {
  const target = parseDbUrl(database.url);
  const line = `Database: "${target.database}" at ${whereIs(target)} as "${target.user}" (MARQUEE_DB_URL)`;
  const migrate = await marquee(['migrate'], { MARQUEE_DB_URL: database.url, MARQUEE_DATA_DIR: dataDir });
  expect(migrate.code, migrate.stderr).toBe(0);
  expect(migrate.stdout.split('\n')[0]).toBe(line);
  const doctor = await marquee(['doctor'], { MARQUEE_DB_URL: database.url, MARQUEE_DATA_DIR: dataDir });
  expect(doctor.stdout.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^Marquee \S+ doctor$/), line]);
  const token = await marquee(['token', 'list'], { MARQUEE_DB_URL: database.url, MARQUEE_DATA_DIR: dataDir });
  expect(token.stdout.split('\n')[0]).toBe(line);
  expect(token.stderr).not.toContain('Warning');
});

test('serve on the embedded database: the banner names it and gives the three steps in order; a token made meanwhile is accepted', async () => {
  serve = await spawnServe({ dbUrl: '', dataDir });
  const out = serve.output();
  const banner = out.slice(out.indexOf('Listening on'));
  expect(banner).toContain(`  Database: embedded at ${path.join(dataDir, 'mariadb')}, started for this command\n`);
  const step1 = banner.indexOf('1. Make a manager token');
  const step2 = banner.indexOf('2. Open the manager page');
  const step3 = banner.indexOf('3. Pair kiosks and doors there');
  expect(step1).toBeGreaterThan(0);
  expect(step2).toBeGreaterThan(step1);
  expect(step3).toBeGreaterThan(step2);
  // The data directory is not the default one, so the command carries it.
  expect(banner).toContain(`MARQUEE_DATA_DIR=${dataDir} npx marquee token create --role manager --label "Box office desk"`);
  expect(banner).toMatch(/2\. Open the manager page and paste the token: +https:\/\/127\.0\.0\.1:\d+\/manager\//);
  expect(banner).toContain('6-digit code');
  expect(banner).not.toMatch(/--role kiosk/);

  const made = await marquee(['token', 'create', '--role', 'manager', '--label', 'While serving'], { MARQUEE_DATA_DIR: dataDir });
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout.split('\n')[0]).toBe(`Database: embedded at ${path.join(dataDir, 'mariadb')}, running (another Marquee on this machine started it)`);
  expect(made.stderr).not.toContain('Warning');
  const client = createHttpsClient(serve.baseUrl, serve.caCertPem);
  try {
    const answer = await client.request('POST', '/device/self', {}, made.stdout.trimEnd().split('\n').pop());
    expect(answer.status, answer.text).toBe(200);
  } finally {
    client.close();
  }
});
