// Issue 25: a booking with an Idempotency-Key costs one database round trip — the key, the
// booking and its answer in one CALL — whether it books, is refused for good, or is replayed.
// Counted on the pool the server uses, not timed.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Database } from '../../../../main/core/db/database';
import { startHarness, type Harness } from './harness';

let h: Harness;
let kiosk: string;
let manager: string;
const trips: string[] = [];

/** Every statement the server's pool sends from now on is written down in `trips`. */
function countTrips(db: Database): void {
  const counted = db as unknown as Record<'rows' | 'exec' | 'call' | 'withConnection', (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['rows', 'exec', 'call', 'withConnection'] as const) {
    const original = counted[method].bind(db);
    counted[method] = (...args: unknown[]) => {
      trips.push(`${method}: ${typeof args[0] === 'string' ? args[0].replace(/\s+/g, ' ').slice(0, 60) : '(connection)'}`);
      return original(...args);
    };
  }
}

beforeAll(async () => {
  h = await startHarness();
  kiosk = await h.token('kiosk');
  manager = await h.token('manager');
  countTrips(h.core.db);
}, 600_000);
afterAll(async () => {
  await h?.close();
});

const book = (body: unknown, key: string) => h.client.request('POST', '/ticket/book', body, kiosk, { 'Idempotency-Key': key });

beforeEach(async () => {
  // The tokens' first look-up is cached (a kiosk's every request is not a database read).
  await h.client.request('POST', '/show/list', {}, kiosk);
  await h.client.request('POST', '/show/list', {}, manager);
  trips.length = 0;
});

test('a keyed booking, and its replay, each make exactly one round trip: CALL marquee_book_keyed', async () => {
  const showTime = await h.showTime(300);
  trips.length = 0;
  const body = { userName: 'One Trip', phoneNo: '5550109001', showTime };
  const first = await book(body, 'one-trip-1');
  expect(first.status).toBe(201);
  expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_book_keyed\(/)]);

  trips.length = 0;
  const again = await book(body, 'one-trip-1');
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.text).toBe(first.text);
  expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_book_keyed\(/)]);
});

test('a party of two booked under a key is one round trip too', async () => {
  const showTime = await h.showTime(310);
  trips.length = 0;
  const answer = await book({ userName: 'Pair Trip', phoneNo: '5550109002', showTime, seats: 2 }, 'one-trip-2');
  expect(answer.status).toBe(201);
  expect(answer.json.seats).toBe(2);
  expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_book_keyed\(/)]);
});

test('a sold-out refusal is the key\'s answer in the same round trip, and replayed byte for byte after a seat frees', async () => {
  const created = await h.client.request('POST', '/show/update', { showTime: await h.showTime(320), capacity: 1 }, manager);
  const { showTime, showId } = created.json as { showTime: string; showId: number };
  const taken = await book({ userName: 'Seat Holder', phoneNo: '5550109003', showId }, 'one-trip-3');
  expect(taken.status).toBe(201);
  trips.length = 0;
  const full = await book({ userName: 'Too Late', phoneNo: '5550109004', showId }, 'one-trip-4');
  expect(full.status).toBe(409);
  expect(full.json.error.code).toBe('HOUSEFULL');
  expect(full.json.error.details).toEqual({ seatsLeft: '0' });
  expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_book_keyed\(/)]);

  // The seat is freed: a retry must still get the stored "sold out", not the seat.
  expect((await h.client.request('POST', '/ticket/delete', { ticketCode: taken.json.ticketCode }, kiosk)).status).toBe(200);
  const retry = await book({ userName: 'Too Late', phoneNo: '5550109004', showId }, 'one-trip-4');
  expect(retry.status).toBe(409);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.text).toBe(full.text);
  const [row] = await h.database.db.rows(
    'SELECT COUNT(*) AS n FROM ticket_record t JOIN show_record s ON s.show_id = t.show_id WHERE s.starts_at = ?', [new Date(showTime)],
  );
  expect(Number(row!.n)).toBe(0);
});

test('a refusal that is not for good (no such show) keeps nothing: the key is free for the corrected request', async () => {
  trips.length = 0;
  const missing = await book({ userName: 'Wrong Show', phoneNo: '5550109005', showId: 987654 }, 'one-trip-5');
  expect(missing.status).toBe(404);
  const [row] = await h.database.db.rows("SELECT COUNT(*) AS n FROM idempotent_request WHERE idem_key = 'one-trip-5'");
  expect(Number(row!.n)).toBe(0);
  const showTime = await h.showTime(330);
  const fixed = await book({ userName: 'Wrong Show', phoneNo: '5550109005', showTime }, 'one-trip-5');
  // Another body under the same key: the first (refused, not kept) never took the key.
  expect(fixed.status).toBe(201);
  expect(fixed.headers['idempotent-replayed']).toBeUndefined();
});

test('a party refused HOUSEFULL when it named its show by time is told the seats left, keyed or not', async () => {
  const created = await h.client.request('POST', '/show/update', { showTime: await h.showTime(340), capacity: 3 }, manager);
  const { showTime } = created.json as { showTime: string };
  expect((await book({ userName: 'First One', phoneNo: '5550109006', showTime }, 'one-trip-6')).status).toBe(201);
  const party = { userName: 'Party Of Three', phoneNo: '5550109007', showTime, seats: 3 };
  const keyed = await book(party, 'one-trip-7');
  const unkeyed = await h.client.request('POST', '/ticket/book', party, kiosk);
  for (const refused of [keyed, unkeyed]) {
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('HOUSEFULL');
    expect(refused.json.error.details).toEqual({ seatsLeft: '2' });
    expect(refused.json.error.message).toContain('Only 2 seats are left');
  }
  const replay = await book(party, 'one-trip-7');
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.text).toBe(keyed.text);
});
