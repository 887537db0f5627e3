// Issue 25: a booking or a counter sale with an Idempotency-Key costs one database round trip —
// the key, the booking (a sale's payment too) and its answer in one CALL — whether it books, is
// refused for good, or is replayed. Counted on the pool the server uses, not timed.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../../../main/core/db/database';
import { requestHash } from '../../../../main/core/http/idempotency';
import { startHarness, type Harness } from './harness';

let h: Harness;
let kiosk: string;
let manager: string;
let counter: string;
let adult = 0;
const trips: string[] = [];

/** The listener's token check: kept ≤ 1 s (auth/tokens.ts), which a loaded machine may outlast between warm-up and request. */
const TOKEN_CHECK = /^SELECT token_id, label, role, token_hash/;

/** Every statement the server's pool sends from now on is written down in `trips`, but the token check: it is the listener's, not the operation's. */
function countTrips(db: Database): void {
  const counted = db as unknown as Record<'rows' | 'exec' | 'call' | 'withConnection', (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['rows', 'exec', 'call', 'withConnection'] as const) {
    const original = counted[method].bind(db);
    counted[method] = (...args: unknown[]) => {
      const sql = typeof args[0] === 'string' ? args[0].replace(/\s+/g, ' ') : null;
      if (sql === null || !TOKEN_CHECK.test(sql)) trips.push(`${method}: ${sql === null ? '(connection)' : sql.slice(0, 60)}`);
      return original(...args);
    };
  }
}

beforeAll(async () => {
  h = await startHarness();
  kiosk = await h.token('kiosk');
  manager = await h.token('manager');
  counter = await h.token('counter');
  adult = (await h.client.request('POST', '/ticket-type/create', { name: 'Adult', price: 950 }, manager)).json.ticketTypeId as number;
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
  await h.client.request('POST', '/show/list', {}, counter);
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

const sell = (body: unknown, key?: string) =>
  h.client.request('POST', '/counter/sell', body, counter, key === undefined ? {} : { 'Idempotency-Key': key });
/** A show of its own (`capacity` seats), by its id as the counter sells. */
const newShow = async (minutes: number, capacity = 20) =>
  (await h.client.request('POST', '/show/update', { showTime: await h.showTime(minutes), capacity }, manager)).json.showId as number;
const moneyOf = async (showId: number) => {
  const [row] = await h.database.db.rows(
    `SELECT COUNT(DISTINCT t.ticket_id) AS tickets, COUNT(p.payment_id) AS payments, COALESCE(SUM(p.amount), 0) AS taken, s.booked
       FROM show_record s LEFT JOIN ticket_record t ON t.show_id = s.show_id LEFT JOIN payment p ON p.ticket_id = t.ticket_id
      WHERE s.show_id = ? GROUP BY s.show_id`, [showId],
  );
  return { tickets: Number(row!.tickets), payments: Number(row!.payments), taken: Number(row!.taken), booked: Number(row!.booked) };
};
const keyRows = async (key: string) =>
  Number((await h.database.db.rows('SELECT COUNT(*) AS n FROM idempotent_request WHERE idem_key = ?', [key]))[0]!.n);

describe('a counter sale under a key', () => {
  test('a keyed sale, and its replay, each make exactly one round trip: CALL marquee_sell; one ticket, one payment', async () => {
    const showId = await newShow(400);
    trips.length = 0;
    const body = { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'cash', amount: 1900, tendered: 2000 } };
    const first = await sell(body, 'sale-trip-1');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ paid: true, total: 1900, change: 100, paymentId: expect.any(Number) });
    expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_sell\(/)]);

    trips.length = 0;
    const again = await sell(body, 'sale-trip-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_sell\(/)]);
    expect(await moneyOf(showId)).toEqual({ tickets: 1, payments: 1, taken: 1900, booked: 2 });
  });

  test('a keyed sale answers what an unkeyed one does, but for the ticket and payment ids and the code', async () => {
    const showId = await newShow(410);
    const body = { showId, items: [{ ticketTypeId: adult, count: 3 }], userName: 'Ana Lima', phoneNo: '5550109101', payment: { method: 'cash', amount: 2850, tendered: 3000 } };
    const keyed = await sell(body, 'sale-trip-2');
    const unkeyed = await sell(body);
    for (const answer of [keyed, unkeyed]) expect(answer.status).toBe(201);
    const withoutIds = (answer: Record<string, unknown>) => {
      const { ticketId, ticketCode, paymentId, ...rest } = answer;
      expect([typeof ticketId, typeof ticketCode, typeof paymentId]).toEqual(['number', 'string', 'number']);
      return rest;
    };
    expect(withoutIds(keyed.json)).toEqual(withoutIds(unkeyed.json));
    // The fields in the order a client has always had them (the body is compared as text by replays).
    expect(Object.keys(keyed.json)).toEqual(Object.keys(unkeyed.json));
    expect(withoutIds(keyed.json)).toMatchObject({
      showId, userName: 'Ana Lima', seats: 3, total: 2850, currency: expect.any(String), paid: true, change: 150,
      items: [{ ticketTypeId: adult, count: 3, unitPrice: 950, name: 'Adult' }],
    });
  });

  test('the same key with another body is IDEMPOTENCY_MISMATCH and takes nothing', async () => {
    const showId = await newShow(420);
    const body = { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'card', amount: 950, reference: 'R-1' } };
    expect((await sell(body, 'sale-trip-3')).status).toBe(201);
    const other = await sell({ ...body, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'card', amount: 1900 } }, 'sale-trip-3');
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await moneyOf(showId)).toEqual({ tickets: 1, payments: 1, taken: 950, booked: 1 });
  });

  test('copies of one keyed sale sent at once: one ticket, one payment, every copy the same answer', async () => {
    const showId = await newShow(430);
    const body = { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'cash', amount: 1900 } };
    const answers = await Promise.all(Array.from({ length: 6 }, () => sell(body, 'sale-trip-4')));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await moneyOf(showId)).toEqual({ tickets: 1, payments: 1, taken: 1900, booked: 2 });
  });

  test('a wrong amount rolls everything back, the key too: the corrected sale goes through under it', async () => {
    const showId = await newShow(440);
    trips.length = 0;
    const wrong = await sell({ showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'card', amount: 1000 } }, 'sale-trip-5');
    expect(wrong.status).toBe(409);
    expect(wrong.json.error).toMatchObject({ code: 'AMOUNT_MISMATCH', details: { amountDue: '1900' } });
    expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_sell\(/)]);
    expect(await keyRows('sale-trip-5')).toBe(0);
    expect(await moneyOf(showId)).toEqual({ tickets: 0, payments: 0, taken: 0, booked: 0 });
    const fixed = await sell({ showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'card', amount: 1900 } }, 'sale-trip-5');
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await moneyOf(showId)).toEqual({ tickets: 1, payments: 1, taken: 1900, booked: 2 });
  });

  test('a sold-out sale is the key\'s answer, in one round trip, replayed byte for byte after a seat frees; nothing taken', async () => {
    const showId = await newShow(450, 1);
    const taken = await sell({ showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'cash', amount: 950 } }, 'sale-trip-6');
    expect(taken.status).toBe(201);
    trips.length = 0;
    const body = { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'cash', amount: 950 } };
    const full = await sell(body, 'sale-trip-7');
    expect(full.status).toBe(409);
    expect(full.json.error).toMatchObject({ code: 'HOUSEFULL', details: { seatsLeft: '0' } });
    expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_sell\(/)]);
    // The unkeyed sale is refused in the same words.
    const unkeyed = await sell(body);
    expect(unkeyed.status).toBe(409);
    expect(unkeyed.text).toBe(full.text);

    // The seat is freed: a retry must still get the stored "sold out", not the seat.
    expect((await h.client.request('POST', '/ticket/delete', { ticketId: taken.json.ticketId }, manager)).status).toBe(200);
    const retry = await sell(body, 'sale-trip-7');
    expect(retry.status).toBe(409);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(full.text);
    expect(await moneyOf(showId)).toEqual({ tickets: 0, payments: 0, taken: 0, booked: 0 });
  });

  test('free seats take no payment unless comped; any other amount for them is AMOUNT_MISMATCH', async () => {
    const free = (await h.client.request('POST', '/ticket-type/create', { name: 'Guest of the house', price: 0 }, manager)).json.ticketTypeId as number;
    const showId = await newShow(460);
    const items = [{ ticketTypeId: free, count: 2 }];
    const none = await sell({ showId, items, payment: { method: 'cash', amount: 0 } }, 'sale-trip-8');
    expect(none.status).toBe(201);
    expect(none.json).toMatchObject({ paid: true, total: 0, paymentId: null, change: 0 });
    const wrong = await sell({ showId, items, payment: { method: 'card', amount: 500 } }, 'sale-trip-9');
    expect(wrong.status).toBe(409);
    expect(wrong.json.error).toMatchObject({ code: 'AMOUNT_MISMATCH', details: { amountDue: '0' } });
    expect(await keyRows('sale-trip-9')).toBe(0);
    expect(await moneyOf(showId)).toEqual({ tickets: 1, payments: 0, taken: 0, booked: 2 });
  });

  test('a key an older build reserved and left unanswered: the sale takes the slow path, and its answer is replayed', async () => {
    const showId = await newShow(470);
    const body = { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'cash', amount: 950 } };
    const [token] = await h.database.db.rows("SELECT token_id FROM api_token WHERE role = 'counter' ORDER BY token_id DESC LIMIT 1");
    // What IdempotencyStore.once leaves when its process died before the answer: a reservation, long abandoned.
    await h.database.db.exec(
      "INSERT INTO idempotent_request (scope, idem_key, request_hash, created_at) VALUES (?, 'sale-trip-10', ?, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)",
      [`token:${token!.token_id}`, requestHash(body)],
    );
    const first = await sell(body, 'sale-trip-10');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ paid: true, total: 950, paymentId: expect.any(Number) });
    const again = await sell(body, 'sale-trip-10');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await moneyOf(showId)).toEqual({ tickets: 1, payments: 1, taken: 950, booked: 1 });
  });
  test('a key an older build answered with a body: that body is replayed as it was, in one round trip, selling nothing', async () => {
    const showId = await newShow(480);
    const body = { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'cash', amount: 950 } };
    const [token] = await h.database.db.rows("SELECT token_id FROM api_token WHERE role = 'counter' ORDER BY token_id DESC LIMIT 1");
    const stored = '{"ticketId":1,"ticketCode":"ABCD-EFGH-JKMN","paid":true,"paymentId":7,"change":0}';
    await h.database.db.exec(
      "INSERT INTO idempotent_request (scope, idem_key, request_hash, status, response, created_at) VALUES (?, 'sale-trip-11', ?, 201, ?, UTC_TIMESTAMP(3))",
      [`token:${token!.token_id}`, requestHash(body), stored],
    );
    trips.length = 0;
    const answer = await sell(body, 'sale-trip-11');
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBe('true');
    expect(answer.text).toBe(stored);
    expect(trips).toEqual([expect.stringMatching(/^call: CALL marquee_sell\(/)]);
    expect(await moneyOf(showId)).toEqual({ tickets: 0, payments: 0, taken: 0, booked: 0 });
  });
});
