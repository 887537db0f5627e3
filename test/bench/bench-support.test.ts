// The benchmark's own database paths, run briefly against the test server, so a change to a
// procedure's signature breaks a test here rather than `npm run bench` weeks later.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { measureBookingCall, measureTokenLookup } from '../../bench/support';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

test('the DB-ceiling loop books through marquee_book as the core calls it', async () => {
  const result = await measureBookingCall(t.target, 2, 4, 0.3);
  expect(result.calls).toBeGreaterThan(0);
  const [row] = await t.db.rows("SELECT COUNT(*) AS n FROM ticket_record t JOIN user_record u ON u.user_id = t.user_id WHERE u.user_name LIKE 'Bench Guest %'");
  // Warm-up bookings are stored too; every measured one is.
  expect(Number(row!.n)).toBeGreaterThanOrEqual(result.calls);
});

test('the token-lookup loop runs its query', async () => {
  expect(await measureTokenLookup(t.target, 2, 4, 0.2)).toBeGreaterThan(0);
});
