// The embedded default on a machine with only the server binaries: starts from an empty
// directory, keeps its data across a restart, and recovers from a crash's stale pid/socket.
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, expect, test } from 'vitest';
import { Database } from '../../../../main/core/db/database';
import { startEmbeddedServer, type EmbeddedServer } from '../../../../main/core/db/embedded-server';

const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-embedded-'));
let server: EmbeddedServer | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function query(s: EmbeddedServer, sql: string) {
  const conn = await mysql.createConnection(s.target);
  try {
    const [rows] = await conn.query(sql);
    return rows as Array<Record<string, unknown>>;
  } finally {
    await conn.end();
  }
}

test('starts from an empty directory, keeps data across a restart and after a crash', async () => {
  server = await startEmbeddedServer({ dataDir: dir, database: 'kept' });
  expect(server.owned).toBe(true);
  expect(server.target.socketPath).toBeTruthy();
  await query(server, 'CREATE TABLE note (txt VARCHAR(20)) ENGINE=InnoDB');
  await query(server, "INSERT INTO note VALUES ('first run')");
  // Networking is off: the server listens on its socket only.
  expect((await query(server, "SHOW VARIABLES LIKE 'skip_networking'"))[0]!.Value).toBe('ON');
  await server.stop();

  server = await startEmbeddedServer({ dataDir: dir, database: 'kept' });
  expect((await query(server, 'SELECT txt FROM note')).map((r) => r.txt)).toEqual(['first run']);

  // A crash: the server dies hard, leaving its pid file and socket behind.
  const pidFile = path.join(dir, 'mariadb', 'mysqld.pid');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
  expect(existsSync(pidFile)).toBe(true);

  server = await startEmbeddedServer({ dataDir: dir, database: 'kept' });
  expect(server.owned).toBe(true);
  expect((await query(server, 'SELECT txt FROM note')).map((r) => r.txt)).toEqual(['first run']);
});

test("the server does not inherit serve's allocator settings (bin/serve-node-args.mjs)", async () => {
  const { SERVE_ENV } = await import('../../../../bin/serve-node-args.mjs');
  await server?.stop();
  const saved = { ...process.env };
  Object.assign(process.env, SERVE_ENV, { MARQUEE_ENV_PROBE: 'passed on' });
  try {
    server = await startEmbeddedServer({ dataDir: dir, database: 'kept' });
  } finally {
    for (const name of [...Object.keys(SERVE_ENV), 'MARQUEE_ENV_PROBE']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
  const pid = Number(readFileSync(path.join(dir, 'mariadb', 'mysqld.pid'), 'utf8'));
  const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  expect(environ).toContain('MARQUEE_ENV_PROBE=passed on');
  for (const name of Object.keys(SERVE_ENV)) expect(environ.some((entry) => entry.startsWith(`${name}=`))).toBe(false);
});

/** A thread's scheduling policy, from /proc (field 41 of stat: 0 normal, 3 batch). */
const policyOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
const SCHED_BATCH = 3;

test("the server's threads run under the batch policy, connections made later included: a woken one does not take the core from serve's request loop", async () => {
  const pid = Number(readFileSync(path.join(dir, 'mariadb', 'mysqld.pid'), 'utf8'));
  // A few connections, so that the threads serving them exist too.
  const conns = await Promise.all([1, 2, 3].map(() => mysql.createConnection(server!.target)));
  try {
    await Promise.all(conns.map((c) => c.query('SELECT SLEEP(0.05)')));
    const tasks = readdirSync(`/proc/${pid}/task`);
    expect(tasks.length).toBeGreaterThan(3);
    const policies = tasks.map((tid) => policyOf(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
    expect(policies.filter((p) => p !== SCHED_BATCH)).toEqual([]);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
});

test('a second start while the server runs attaches to it instead of fighting over the files', async () => {
  const second = await startEmbeddedServer({ dataDir: dir, database: 'kept' });
  expect(second.owned).toBe(false);
  expect((await query(second, 'SELECT txt FROM note')).length).toBe(1);
  await second.stop(); // not the owner: must not stop the server
  expect((await query(server!, 'SELECT 1 AS one'))[0]!.one).toBe(1);
});

test('the pool answers DB_UNAVAILABLE while the server is down and recovers by itself when it returns', async () => {
  const db = new Database(server!.target, { poolSize: 4 });
  try {
    await expect(db.rows('SELECT COUNT(*) AS n FROM note')).resolves.toHaveLength(1);
    await server!.stop();
    await expect(db.rows('SELECT COUNT(*) AS n FROM note')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    server = await startEmbeddedServer({ dataDir: dir, database: 'kept' });
    const [row] = await db.rows('SELECT COUNT(*) AS n FROM note');
    expect(Number(row!.n)).toBe(1);
  } finally {
    await db.close();
  }
});
