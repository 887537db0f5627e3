// 200 simultaneous bookings for one 20-seat show from two separate Node processes, each with
// its own connection pool: the database alone decides who gets a seat.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';
import { spawnScript } from '../../support/processes';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

test('200 bookings from two processes for one show: exactly 20 tickets, 180 HOUSEFULL, nothing else', async () => {
  const showTime = await showTimeFromNow(t.db, 180);
  await openShow(t.ctx, showTime); // the kiosks book into a show the manager made
  const procs = ['a', 'b'].map((label) => spawnScript('test/support/book-burst.ts', [t.url, showTime, '100', label]));
  await Promise.all(procs.map((p) => p.waitFor(/^ready$/)));
  for (const p of procs) p.child.stdin!.write('go\n');
  const tallies = await Promise.all(procs.map((p) => p.waitFor(/^\{/, 60_000).then((l) => JSON.parse(l) as Record<string, number>)));

  const total: Record<string, number> = {};
  for (const tally of tallies) for (const [k, v] of Object.entries(tally)) total[k] = (total[k] ?? 0) + v;
  console.log(`[concurrency] process a: ${JSON.stringify(tallies[0])}, process b: ${JSON.stringify(tallies[1])}, total: ${JSON.stringify(total)}`);
  expect(total).toEqual({ OK: 20, HOUSEFULL: 180 });

  const [show] = await t.db.rows('SELECT booked, capacity FROM show_record');
  expect(show).toMatchObject({ booked: 20, capacity: 20 });
  const [count] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record');
  expect(Number(count!.n)).toBe(20);
  const [events] = await t.db.rows("SELECT COUNT(*) AS n FROM ticket_event WHERE kind = 'booked'");
  expect(Number(events!.n)).toBe(20);
});
