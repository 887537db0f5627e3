// The built `marquee` command as a person meets it: --version and help, the start-up failures
// that are expected (wrong password, unknown database, no server, busy port) as one sentence
// each with no stack trace, and `doctor` on a good and on a misconfigured database.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDbUrl, quoteDatabaseName, type DbTarget } from '../../../../main/core/db/target';
import { createTestDatabase, serverTarget, type TestDatabase } from '../../../support/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const MARQUEE = path.join(ROOT, 'bin', 'marquee.js');
const STACK_LINE = /^ {4}at /m;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function marquee(args: string[], env: Record<string, string> = {}): Promise<Run> {
  if (!existsSync(path.join(ROOT, 'dist', 'main', 'cli.js'))) throw new Error('marquee is not built: run `npm run build` first (npm test does).');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MARQUEE, ...args],
      { cwd: ROOT, env: { ...process.env, MARQUEE_TIMEZONE: 'UTC', MARQUEE_DATA_DIR: dataDir, MARQUEE_HTTP_HOST: '127.0.0.1', MARQUEE_HTTP_PORT: '0', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const where = (t: DbTarget) => (t.socketPath ? `the socket ${t.socketPath}` : `${t.host}:${t.port}`);

let dataDir: string;
let database: TestDatabase;
const user = `mq_rt_${randomBytes(4).toString('hex')}`;
const password = randomBytes(9).toString('base64url');

async function asAdmin(sql: string): Promise<void> {
  const conn = await mysql.createConnection({ ...serverTarget(), database: undefined });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-cli-'));
  database = await createTestDatabase();
  // A runtime account with everything but EXECUTE (for the socket and for TCP clients alike).
  for (const host of ['%', 'localhost']) {
    await asAdmin(`CREATE USER '${user}'@'${host}' IDENTIFIED BY '${password}'`);
    await asAdmin(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${quoteDatabaseName(database.target.database)}.* TO '${user}'@'${host}'`);
  }
});

afterAll(async () => {
  for (const host of ['%', 'localhost']) await asAdmin(`DROP USER IF EXISTS '${user}'@'${host}'`);
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the command runs by its shebang (as `npx marquee` does), with the Node flags every serve start uses', async () => {
  const { SERVE_ENV, SERVE_NODE_ARGS } = await import('../../../../bin/serve-node-args.mjs');
  const shebang = readFileSync(MARQUEE, 'utf8').split('\n')[0];
  const settings = Object.entries(SERVE_ENV).map(([name, value]) => `${name}=${value}`);
  expect(shebang).toBe(`#!/usr/bin/env -S ${settings.join(' ')} node ${SERVE_NODE_ARGS.join(' ')}`);
  const direct = await new Promise<Run>((resolve) => {
    execFile(MARQUEE, ['--version'], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
  expect(direct.code, direct.stderr).toBe(0);
  expect(direct.stdout).toMatch(/^\d+\.\d+\.\d+/);
});

test('--version prints the version; help lists the commands with hints that paste as they are', async () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = await marquee(['--version']);
  expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  const help = await marquee(['help']);
  expect(help.code).toBe(0);
  for (const command of ['serve', 'migrate', 'doctor', 'token create', '--version']) expect(help.stdout).toContain(command);
  expect(help.stdout).toContain('npx marquee token create --role kiosk --label "Lobby kiosk"');
  // No line offers shell syntax by accident (a|b would run as a pipe when pasted).
  expect(help.stdout.split('\n').filter((l) => l.includes('npx marquee') && l.includes('|'))).toEqual([]);
  const tokenUsage = await marquee(['token']);
  expect(tokenUsage.code).toBe(2);
  expect(tokenUsage.stderr).toContain('npx marquee token create --role manager --label "Box office desk"');
  expect(tokenUsage.stderr).not.toMatch(/kiosk\|/);
});

describe('serve: expected start-up failures are one sentence, no stack trace', () => {
  test('wrong password: at once, without waiting', async () => {
    const target = { ...database.target, user, password: 'not-the-password' };
    const started = Date.now();
    const run = await marquee(['serve'], { MARQUEE_DB_URL: formatDbUrl(target), MARQUEE_DB_WAIT_SECONDS: '30' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `marquee: The database server at ${where(target)} refused user "${user}": wrong password, or no such user. ` +
        'Fix the user and password in MARQUEE_DB_URL, or create the account (see "Database accounts" in the README).\n',
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toContain('not-the-password');
    console.log(`[cli] wrong password refused after ${Date.now() - started} ms (no 30 s wait)`);
  });

  test('unknown database', async () => {
    const target = { ...database.target, database: 'marquee_no_such_db' };
    const run = await marquee(['serve'], { MARQUEE_DB_URL: formatDbUrl(target) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `marquee: The database "marquee_no_such_db" does not exist on the server at ${where(target)}. ` +
        'Create it (CREATE DATABASE `marquee_no_such_db`;) or fix the database name in MARQUEE_DB_URL.\n',
    );
  });

  test('no server listening: waits MARQUEE_DB_WAIT_SECONDS, saying so, then gives up', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const run = await marquee(['serve'], { MARQUEE_DB_URL: `mysql://root@127.0.0.1:${port}/marquee`, MARQUEE_DB_WAIT_SECONDS: '2' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Waiting for the database server at 127.0.0.1:${port} (connection refused); giving up in 2 s.\n`);
    expect(run.stderr).toMatch(
      new RegExp(
        `marquee: The database server at 127\\.0\\.0\\.1:${port} is not reachable \\(connection refused; waited 2 s\\)\\. ` +
          'Start it, or fix the host and port in MARQUEE_DB_URL; MARQUEE_DB_WAIT_SECONDS sets how long to wait\\.\\n$',
      ),
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  test('busy HTTP port', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await marquee(['serve'], { MARQUEE_DB_URL: database.url, MARQUEE_HTTP_PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `marquee: Port ${port} is in use on 127.0.0.1 (another Marquee or another program listens there). Stop that one, or set MARQUEE_HTTP_PORT to a free port.\n`,
      );
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  test('bad configuration', async () => {
    const run = await marquee(['serve'], { MARQUEE_DB_WAIT_SECONDS: 'soon' });
    expect(run).toMatchObject({ code: 1, stderr: 'marquee: MARQUEE_DB_WAIT_SECONDS must be a whole number from 0 to 3600 (got "soon").\n' });
  });
});

describe('doctor', () => {
  test('a good database: every check holds, exit 0', async () => {
    const run = await marquee(['doctor'], { MARQUEE_DB_URL: database.url });
    console.log(`[doctor, good database]\n${run.stdout}`);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('✘');
    for (const label of ['Reachable', 'Server', 'Schema', 'Privileges to serve', 'Privileges to migrate', 'Binary logging', 'Clock', 'Time zone']) {
      expect(run.stdout).toMatch(new RegExp(`^✔ ${label}: `, 'm'));
    }
    const [made] = await database.db.rows(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
    );
    expect(run.stdout).toContain(`· Database default: ${String(made!.cs)} / ${String(made!.co)}`);
    expect(run.stdout).toMatch(/^· Galera \(wsrep\): not a cluster node$/m);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Ready to serve.');
  });

  test('a runtime account without EXECUTE: ✘ with the GRANT that fixes it, exit 1', async () => {
    const run = await marquee(['doctor'], { MARQUEE_DB_URL: formatDbUrl({ ...database.target, user, password }) });
    console.log(`[doctor, runtime account lacking EXECUTE]\n${run.stdout}`);
    expect(run.code).toBe(1);
    const db = database.target.database;
    expect(run.stdout).toMatch(new RegExp(`^✘ Privileges to serve: ${user}@\\S+ lacks EXECUTE on \`${db}\`$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^ {4}fix: As an admin: GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON \`${db}\`\\.\\* TO '${user}'@'[^']+';$`, 'm'));
    expect(run.stdout).toMatch(/^✔ Schema: up to date with this build$/m);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Not ready to serve: 1 problem(s) above (✘) need fixing.');
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  });

  test('pending migrations: ✘ Schema with the command that fixes it, exit 1', async () => {
    const name = `marquee_t_${randomBytes(5).toString('hex')}`;
    await asAdmin(`CREATE DATABASE ${quoteDatabaseName(name)}`);
    try {
      const run = await marquee(['doctor'], { MARQUEE_DB_URL: formatDbUrl({ ...database.target, database: name }) });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^✘ Schema: \d+ migration\(s\) not applied \(001_schema\.sql, /m);
      expect(run.stdout).toContain('    fix: Run `npx marquee migrate` with an admin account');
    } finally {
      await asAdmin(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
    }
  });

  test('a refused account: one ✘ line saying why, exit 1', async () => {
    const target = { ...database.target, user, password: 'wrong' };
    const run = await marquee(['doctor'], { MARQUEE_DB_URL: formatDbUrl(target) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✘ Reachable: The database server at ${where(target)} refused user "${user}": wrong password, or no such user.`);
  });
});
