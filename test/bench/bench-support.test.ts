// The benchmark's own database paths, run briefly against the test server, so a change to a
// procedure's signature breaks a test here rather than `npm run bench` weeks later.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { THEATRE_SHOWS_LISTED, theatreSchedule } from '../../bench/http-load';
import { measureBookingCall, measureTokenLookup } from '../../bench/support';
import { SHOW_LIST_DAYS } from '../../main/common/schemas';
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

test('the theatre schedule the bench reads back lies wholly in the kiosk\'s list, whatever the hour it runs at', () => {
  const day = 24 * 3600_000;
  for (const clock of ['2026-12-07T00:00:00Z', '2026-12-07T00:00:01Z', '2026-12-07T07:20:00Z', '2026-12-07T12:00:00Z', '2026-12-07T21:59:59Z', '2026-12-07T23:59:59Z', '2027-03-27T23:30:00Z']) {
    const now = Date.parse(clock);
    const times = theatreSchedule(now).map((t) => Date.parse(t));
    expect(times.length, clock).toBeGreaterThanOrEqual(THEATRE_SHOWS_LISTED);
    // /show/list (the kiosk's) lists shows from now to SHOW_LIST_DAYS ahead; /show/create refuses the past.
    expect(times.filter((t) => t <= now || t > now + SHOW_LIST_DAYS * day), clock).toEqual([]);
    expect(new Set(times).size, clock).toBe(times.length);
  }
});
