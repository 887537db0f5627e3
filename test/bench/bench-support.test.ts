// The benchmark's own database paths, run briefly against the test server, so a change to a
// procedure's signature breaks a test here rather than `npm run bench` weeks later.
import type autocannon from 'autocannon';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookingLoad, saleLoad, seedTheatreProgram, THEATRE_SHOWS_LISTED, theatreSchedule } from '../../bench/http-load';
import { FAMILY_OF_FOUR, managerOn, measureBookingCall, measureTokenLookup, seedPartyTypes, showTimes, type Party } from '../../bench/support';
import { IDEMPOTENCY_HEADER } from '../../main/common/operations';
import { inputs, SHOW_LIST_DAYS } from '../../main/common/schemas';
import { validIdempotencyKey } from '../../main/core/http/idempotency';
import { runOperation } from '../../main/core/operations';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
let party: Party;
beforeAll(async () => {
  t = await createTestDatabase();
  party = await seedPartyTypes(managerOn(t.ctx));
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

test('the party set-up makes the family\'s ticket types, on sale at their prices', async () => {
  const { ticketTypes } = await runOperation(t.ctx, 'listTicketTypes', {}, { role: 'kiosk', label: 'test kiosk' });
  for (const [i, family] of FAMILY_OF_FOUR.entries()) {
    const type = ticketTypes.find((x) => x.ticketTypeId === party[i]!.ticketTypeId);
    expect(type).toMatchObject({ name: family.name, price: family.price, active: true, quotaPerShow: null });
    expect(party[i]!.count).toBe(family.count);
  }
});

test('the party ceiling books whole parties through marquee_book, keyed, as the core calls it', async () => {
  const result = await measureBookingCall(t.target, 2, 4, 0.3, party);
  expect(result.calls).toBeGreaterThan(0);
  const tickets = await t.db.rows(
    `SELECT t.seats, t.idem_ref, SUM(i.count) AS counted, JSON_ARRAYAGG(JSON_ARRAY(i.ticket_type_id, i.count, i.unit_price)) AS items
       FROM ticket_record t JOIN ticket_item i ON i.ticket_id = t.ticket_id
      WHERE t.seats > 1 GROUP BY t.ticket_id`,
  );
  expect(tickets.length).toBeGreaterThanOrEqual(result.calls);
  const expected = party.map((item, i) => [item.ticketTypeId, item.count, FAMILY_OF_FOUR[i]!.price]);
  for (const ticket of tickets) {
    expect(Number(ticket.seats)).toBe(4);
    expect(Number(ticket.counted)).toBe(4);
    expect(ticket.idem_ref).toMatch(/^[0-9a-f]{64}$/);
    const items = (typeof ticket.items === 'string' ? JSON.parse(ticket.items) : ticket.items) as number[][];
    expect([...items].sort((x, y) => x[0]! - y[0]!)).toEqual(expected);
  }
});

test('the sale ceiling books a party and pays it in cash under the same reference, as the core sells', async () => {
  const adults: Party = [{ ticketTypeId: party[0]!.ticketTypeId, count: 2 }];
  const amount = FAMILY_OF_FOUR[0].price * 2;
  const result = await measureBookingCall(t.target, 2, 4, 0.3, adults, { amount, tendered: amount + 100 });
  expect(result.calls).toBeGreaterThan(0);
  const sold = await t.db.rows(
    `SELECT t.seats, t.paid, p.method, p.amount, p.tendered FROM ticket_record t JOIN payment p ON p.ticket_id = t.ticket_id AND p.idem_ref = t.idem_ref`,
  );
  expect(sold.length).toBeGreaterThanOrEqual(result.calls);
  for (const row of sold) {
    expect([Number(row.seats), Number(row.paid), row.method, Number(row.amount), Number(row.tendered)]).toEqual([2, amount, 'cash', amount, amount + 100]);
  }
});

/** The requests autocannon would send, made by the load's own setupRequest. */
function requestsOf(load: autocannon.Options, count: number): { headers: Record<string, string>; body: unknown }[] {
  const [template] = load.requests!;
  return Array.from({ length: count }, () => {
    const setup = template!.setupRequest as (req: autocannon.Request, context: object) => autocannon.Request;
    const req = setup({ ...template } as autocannon.Request, {});
    return { headers: req.headers as Record<string, string>, body: JSON.parse(String(req.body)) };
  });
}

test('the booking loads send what the kiosk sends: a valid party, a key of its own on every booking', () => {
  const shows = showTimes(3).map((d) => d.toISOString());
  for (const [load, seats] of [[bookingLoad({ url: 'https://localhost' }, 'k', shows, 0), 1], [bookingLoad({ url: 'https://localhost' }, 'k', shows, 0, { party }), 4]] as const) {
    const requests = requestsOf(load, 500);
    for (const { body } of requests) {
      const parsed = inputs.book.parse(body);
      expect(parsed.items?.reduce((n, i) => n + i.count, 0) ?? 1).toBe(seats);
    }
    const keys = requests.map((r) => validIdempotencyKey(r.headers[IDEMPOTENCY_HEADER]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(requests.map((r) => JSON.stringify(r.body))).size, 'a new guest each time').toBe(requests.length);
  }
  const [unkeyed] = requestsOf(bookingLoad({ url: 'https://localhost' }, 'k', shows, 0, { keyed: false }), 1);
  expect(unkeyed!.headers[IDEMPOTENCY_HEADER]).toBeUndefined();
});

test('the sale load sends what the counter sends: a valid sale in cash, a key of its own on every sale', () => {
  const adults: Party = [{ ticketTypeId: 7, count: 2 }];
  const requests = requestsOf(saleLoad({ url: 'https://localhost' }, 'c', [11, 12, 13], 0, adults, { amount: 1900, tendered: 2000 }), 300);
  for (const { body } of requests) {
    expect(inputs.sell.parse(body)).toMatchObject({ items: adults, payment: { method: 'cash', amount: 1900, tendered: 2000 } });
  }
  const keys = requests.map((r) => validIdempotencyKey(r.headers[IDEMPOTENCY_HEADER]));
  expect(new Set(keys).size).toBe(keys.length);
  expect(new Set(requests.map((r) => (r.body as { showId: number }).showId))).toEqual(new Set([11, 12, 13]));
});

test("the kiosk's show list the bench reads: every listed show plays a film that has a poster URL", async () => {
  // A database of its own: the CALL loops above made shows on the same screen at other times.
  const theatre = await createTestDatabase();
  try {
    const { films } = await seedTheatreProgram(managerOn(theatre.ctx));
    const kiosk = { role: 'kiosk' as const, label: 'test kiosk' };
    const listed = await runOperation(theatre.ctx, 'listFilms', {}, kiosk);
    expect(listed.films.filter((f) => films.includes(f.filmId) && f.posterUrl !== null)).toHaveLength(films.length);
    const shows = (await runOperation(theatre.ctx, 'listShows', {}, kiosk)).filter((s) => s.filmId !== null && films.includes(s.filmId));
    expect(shows.length).toBeGreaterThanOrEqual(THEATRE_SHOWS_LISTED);
  } finally {
    await theatre.drop();
  }
});
