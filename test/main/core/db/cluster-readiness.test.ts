// The cluster-facing rules that need no cluster: node-state errors map to 503, conflicts retried
// within a time budget end in 503 (never 500), read-your-writes is on where the server has it,
// and a server that is no cluster member reports `cluster: null` and stays healthy. The same
// rules on a real 3-node Galera cluster: test/main/core/galera.cluster.test.ts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../../main/core/config';
import { SYNC_WAIT } from '../../../../main/core/db/cluster';
import { Database } from '../../../../main/core/db/database';
import { fromDriverError } from '../../../../main/core/db/errors';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

test.each([
  [1047, 'WSREP has not yet prepared node for application use'],
  [1290, 'The MariaDB server is running with the --read-only option so it cannot execute this statement'],
  [1836, 'Running in read-only mode'],
  [1792, 'Cannot execute statement in a READ ONLY transaction.'],
])('a node that may not serve (errno %i) → DB_UNAVAILABLE, without the driver message', (errno, message) => {
  const err = fromDriverError(Object.assign(new Error(message), { errno, sqlState: '08S01' }));
  expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503 });
  expect(err.message).not.toContain(message);
});

test('a transaction that keeps conflicting is retried until the time budget is spent, then DB_UNAVAILABLE', async () => {
  const db = new Database(t.target, { retryBudgetMs: 150 });
  let attempts = 0;
  try {
    const err = await db
      .retrying(async () => {
        attempts++;
        throw Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { errno: 1213 });
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503 });
    expect(attempts).toBeGreaterThan(2);
  } finally {
    await db.close();
  }
});

test('a conflict that clears within the budget is invisible to the caller', async () => {
  let attempts = 0;
  const value = await t.db.retrying(async () => {
    if (++attempts < 4) throw Object.assign(new Error('certification conflict'), { errno: 1213 });
    return 'booked';
  });
  expect(value).toBe('booked');
});

test('every pooled session asks for read-your-writes where the server has wsrep_sync_wait', async () => {
  const rows = await Promise.all(Array.from({ length: 4 }, () => t.db.rows('SELECT @@SESSION.wsrep_sync_wait AS w')));
  for (const [row] of rows) expect(Number(row!.w)).toBe(SYNC_WAIT);
});

test('a server that is no cluster member: cluster null, database up', async () => {
  expect(await t.db.clusterState()).toBeNull();
  const health = await t.ctx.status();
  expect(health).toMatchObject({ database: 'up', cluster: null });
});

test('MARQUEE_SWEEP is on by default, off turns it off, anything else is a clear error', () => {
  expect(loadConfig({ MARQUEE_TIMEZONE: 'UTC' }).sweep).toBe(true);
  expect(loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_SWEEP: 'off' }).sweep).toBe(false);
  expect(() => loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_SWEEP: 'maybe' })).toThrow(ConfigError);
});
