// At run time, an account whose privileges or password change under a running Marquee gets
// answers an operator can act on: 503 DB_UNAVAILABLE saying access was denied (not "not
// reachable", not 500), and the log says "access denied" with the privilege at fault.
// Every read asks the database here (MARQUEE_READ_CACHE_MS=0): the reads are the probes.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Database } from '../../../../main/core/db/database';
import type { Logger } from '../../../../main/core/log';
import { quoteDatabaseName } from '../../../../main/core/db/target';
import { runOperation } from '../../../../main/core/operations';
import { createOperationContext } from '../../../../main/core/operations/context';
import { createTestDatabase, serverTarget, showTimeFromNow, type TestDatabase } from '../../../support/db';

let database: TestDatabase;
const user = `mq_rt_${randomBytes(4).toString('hex')}`;
const hosts = ['%', 'localhost'];

async function asAdmin(sql: string): Promise<void> {
  const conn = await mysql.createConnection({ ...serverTarget(), database: undefined });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

function recordingLogger(): Logger & { lines: Array<{ obj: unknown; msg: string | undefined }> } {
  const lines: Array<{ obj: unknown; msg: string | undefined }> = [];
  const push = (obj: object | string, msg?: string) => void lines.push({ obj, msg });
  return { lines, info: push, warn: push, error: push };
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const host of hosts) {
    await asAdmin(`CREATE USER '${user}'@'${host}' IDENTIFIED BY 'first'`);
    await asAdmin(`GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON ${quoteDatabaseName(database.target.database)}.* TO '${user}'@'${host}'`);
  }
});

afterAll(async () => {
  for (const host of hosts) await asAdmin(`DROP USER IF EXISTS '${user}'@'${host}'`);
  await database?.drop();
});

const kiosk = { role: 'manager' as const, label: 'test desk' };

/**
 * The first call after the admin ended the account's sessions may meet a pooled connection
 * the server just closed (that one is honestly "not reachable"); the pool then opens a new
 * session, which the server refuses. At most a few calls.
 */
async function untilRefused(call: () => Promise<unknown>): Promise<unknown> {
  let last: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    last = await call().then(() => null, (e: unknown) => e);
    if (last instanceof Error && /access denied/.test(last.message)) return last;
  }
  return last;
}

test('EXECUTE revoked while running → 503 DB_UNAVAILABLE "access denied", logged as access denied', async () => {
  const logger = recordingLogger();
  const db = new Database({ ...database.target, user, password: 'first' }, { poolSize: 2, logger });
  const ctx = createOperationContext(db, { ...database.config, readCacheMs: 0 });
  const showTime = await showTimeFromNow(database.db, 120);
  try {
    const booked = await runOperation(ctx, 'book', { userName: 'Ada Runtime', phoneNo: '+15550001111', showTime }, kiosk);
    expect(booked).toMatchObject({ userName: 'Ada Runtime' });

    for (const host of hosts) await asAdmin(`REVOKE EXECUTE ON ${quoteDatabaseName(database.target.database)}.* FROM '${user}'@'${host}'`);
    // Database-wide privileges are read when a session starts: end the pool's sessions, as a restart of either side would.
    await asAdmin(`KILL USER '${user}'`);
    const err = await untilRefused(() => runOperation(ctx, 'book', { userName: 'Bo Runtime', phoneNo: '+15550001112', showTime }, kiosk));
    expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503 });
    expect((err as Error).message).toBe(
      "The database server refused Marquee's account (access denied: its password or privileges changed). An administrator must restore them; `npx marquee doctor` shows what is missing.",
    );
    const logged = logger.lines.find((l) => /access denied/.test(l.msg ?? ''));
    expect(logged?.obj).toMatchObject({ errno: 1370, problem: 'privilege', user });
    expect(String((logged?.obj as { detail?: string }).detail)).toMatch(/execute command denied/i);
  } finally {
    await db.close();
    for (const host of hosts) await asAdmin(`GRANT EXECUTE ON ${quoteDatabaseName(database.target.database)}.* TO '${user}'@'${host}'`);
  }
});

test('password changed while running → new sessions are refused: 503 "access denied", not "not reachable"', async () => {
  const logger = recordingLogger();
  const db = new Database({ ...database.target, user, password: 'first' }, { poolSize: 1, logger });
  const ctx = createOperationContext(db, { ...database.config, readCacheMs: 0 });
  try {
    await expect(runOperation(ctx, 'listShows', {}, kiosk)).resolves.toBeDefined();
    for (const host of hosts) await asAdmin(`ALTER USER '${user}'@'${host}' IDENTIFIED BY 'second'`);
    // The pooled session stays authenticated; the next new one is refused.
    await asAdmin(`KILL USER '${user}'`);
    const err = await untilRefused(() => runOperation(ctx, 'listShows', {}, kiosk));
    expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503 });
    expect((err as Error).message).toContain('access denied');
    expect(logger.lines.find((l) => /access denied/.test(l.msg ?? ''))?.obj).toMatchObject({ errno: 1045, problem: 'password' });
  } finally {
    await db.close();
  }
});
