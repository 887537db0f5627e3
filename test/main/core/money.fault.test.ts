// Exactly-once money under faults (issue 22): two `marquee serve` processes on one private
// MariaDB server, counter clients that retry every keyed request with the same Idempotency-Key
// on the other serve until they get an answer, and the serves SIGKILLed in turn mid-request
// (and restarted). Then, straight from the database: per key at most one ticket and one
// payment; no payment without its ticket and no sold ticket without its payment (a sale is all
// or nothing); ticket_record.paid = payments − refunds; show booked = Σ seats; refunds never
// above what was paid and never twice for a key. The figures are printed at the end.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { keyedRequest, startFaultRig, type FaultRig, type KioskOutcome } from '../../support/fault-rig';

const PRICE = 950;
let rig: FaultRig;
let manager: string;
let counter: string;
let kiosk: string;
let adult: number;
const figures: string[] = [];
/** The tickets sold under faults, with their totals, for the refund scenario. */
const sold: Array<{ ticketId: number; total: number }> = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  rig = await startFaultRig({ capacity: 100 });
  [manager, counter, kiosk] = await Promise.all([rig.token('manager'), rig.token('counter'), rig.token('kiosk')]);
  const type = await rig.serves[0]!.client.request('POST', '/ticket-type/create', { name: 'Adult', price: PRICE }, manager);
  expect(type.status, type.text).toBe(201);
  adult = Number(type.json.ticketTypeId);
}, 120_000);

afterAll(async () => {
  console.log(['', '=== money under faults ===', ...figures].join('\n'));
  await rig?.close();
}, 60_000);

let minutes = 600;
async function newShow(capacity: number): Promise<number> {
  minutes += 7;
  const [row] = await rig.db.rows('SELECT UTC_TIMESTAMP() + INTERVAL ? MINUTE AS t', [minutes]);
  const showTime = (row!.t as Date).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const made = await rig.serves[0]!.client.request('POST', '/show/create', { showTime, capacity }, manager);
  expect(made.status, made.text).toBe(201);
  return Number(made.json.showId);
}

/**
 * Kills the serves in turn (A, B, A, …) with SIGKILL while requests are in flight, until `kills`
 * are done or the load has ended. Each is restarted before the next kill, so one serve always
 * runs (two starting at once on a loaded machine can take longer than the start is given).
 * Resolves with the number of kills and the slowest restart.
 */
async function killInTurn(kills: number, load: Load): Promise<{ kills: number; slowestRestart: number }> {
  const took: number[] = [];
  while (took.length < kills && !load.ended) {
    // Polled often: a short load (78 payments and refunds) may be over within a second or two.
    await sleep(50);
    if (load.inFlight === 0) continue;
    const serve = took.length % 2;
    rig.killServe(serve);
    const at = Date.now();
    await rig.restartServe(serve);
    took.push(Date.now() - at);
  }
  load.killsDone = true;
  return { kills: took.length, slowestRestart: Math.max(0, ...took) / 1000 };
}

interface Load {
  inFlight: number;
  ended: boolean;
  killsDone: boolean;
}

/**
 * Sends `requests` by `workers` at a time, each pausing about `pauseMs` between two: at least
 * `least` of them, and on (up to all) until the kills are done, so that every kill lands in the
 * middle of the load. The results of those sent, in order.
 */
async function paced<T>(requests: Array<() => Promise<T>>, least: number, workers: number, pauseMs: number, load: Load): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < requests.length && (next < least || !load.killsDone)) {
      const i = next++;
      load.inFlight += 1;
      results[i] = await requests[i]!().finally(() => {
        load.inFlight -= 1;
      });
      await sleep(pauseMs * (0.5 + Math.random()));
    }
  }));
  load.ended = true;
  return results;
}

function tally(outcomes: KioskOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const label = o.status < 300 ? String(o.status) : `${o.status} ${o.code}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const lost = outcomes.reduce((n, o) => n + o.lost, 0);
  return `${[...counts].map(([k, v]) => `${k}: ${v}`).join(' · ')} · lost answers retried: ${lost}`;
}

/** The money of every ticket of `showIds`, and each show's booked against its tickets' seats. */
async function moneyOf(showIds: number[]) {
  const ids = showIds.map(() => '?').join(', ');
  const tickets = await rig.db.rows(
    `SELECT t.ticket_id, u.user_name, t.seats, t.paid, marquee_party_amount(t.ticket_id) AS total,
            (SELECT COUNT(*) FROM payment p WHERE p.ticket_id = t.ticket_id AND p.kind = 'payment') AS payments,
            (SELECT COALESCE(SUM(p.amount), 0) FROM payment p WHERE p.ticket_id = t.ticket_id AND p.kind = 'payment') AS taken,
            (SELECT COUNT(*) FROM payment p WHERE p.ticket_id = t.ticket_id AND p.kind = 'refund') AS refunds,
            (SELECT COALESCE(SUM(p.amount), 0) FROM payment p WHERE p.ticket_id = t.ticket_id AND p.kind = 'refund') AS given
       FROM ticket_record t JOIN user_record u ON u.user_id = t.user_id WHERE t.show_id IN (${ids}) ORDER BY t.ticket_id`,
    showIds,
  );
  const shows = await rig.db.rows(
    `SELECT s.show_id, s.booked, s.capacity, (SELECT COALESCE(SUM(t.seats), 0) FROM ticket_record t WHERE t.show_id = s.show_id) AS seats
       FROM show_record s WHERE s.show_id IN (${ids})`,
    showIds,
  );
  const [loose] = await rig.db.rows(
    `SELECT (SELECT COUNT(*) FROM payment p LEFT JOIN ticket_record t ON t.ticket_id = p.ticket_id WHERE t.ticket_id IS NULL) AS payments_without_ticket,
            (SELECT COUNT(*) FROM idempotent_request WHERE status IS NULL) AS unanswered_keys,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.kind = 'booked' AND e.show_id IN (${ids})
               AND NOT EXISTS (SELECT 1 FROM ticket_record t WHERE t.ticket_id = e.ticket_id)) AS booked_events_without_ticket`,
    showIds,
  );
  return {
    tickets: tickets.map((t) => ({
      ticketId: Number(t.ticket_id), userName: String(t.user_name), seats: Number(t.seats), paid: Number(t.paid), total: Number(t.total),
      payments: Number(t.payments), taken: Number(t.taken), refunds: Number(t.refunds), given: Number(t.given),
    })),
    shows: shows.map((s) => ({ booked: Number(s.booked), seats: Number(s.seats), capacity: Number(s.capacity) })),
    loose: { paymentsWithoutTicket: Number(loose!.payments_without_ticket), unansweredKeys: Number(loose!.unanswered_keys), bookedEventsWithoutTicket: Number(loose!.booked_events_without_ticket) },
  };
}

test('keyed sales while the serves are SIGKILLed in turn mid-sale: each sale is one ticket and one payment, or nothing', async () => {
  const shows = await Promise.all([newShow(300), newShow(300), newShow(300)]);
  const load: Load = { inFlight: 0, ended: false, killsDone: false };
  const started = Date.now();
  const sales = Array.from({ length: 600 }, (_, i) => {
    const count = 1 + (i % 3);
    const body = {
      showId: shows[i % 3]!, items: [{ ticketTypeId: adult, count }], userName: `Sale ${i}`, phoneNo: `+4915${String(i).padStart(7, '0')}`,
      payment: i % 2 === 0 ? { method: 'cash', amount: count * PRICE, tendered: 5000 } : { method: 'card', amount: count * PRICE, reference: `T-${i}` },
    };
    return () => keyedRequest(rig, counter, '/counter/sell', body, { serve: i % 2 });
  });
  const kills = killInTurn(2, load);
  const outcomes = await paced(sales, 60, 6, 250, load);
  const killed = await kills;
  figures.push(`* sales: ${outcomes.length} keyed /counter/sell (3 shows × 300 seats, parties of 1–3), ${killed.kills} serves SIGKILLed mid-sale (slowest restart ${killed.slowestRestart} s), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `    outcomes: ${tally(outcomes)}`);

  expect(killed.kills).toBe(2); // A, then B once A was back
  expect(outcomes.filter((o) => o.status === 0)).toEqual([]); // every client got an answer
  expect(outcomes.every((o) => o.status === 201 || (o.status === 409 && o.code === 'HOUSEFULL'))).toBe(true);
  const money = await moneyOf(shows);
  const answered = outcomes.filter((o) => o.status === 201);
  const byName = new Map(money.tickets.map((t) => [t.userName, t]));
  // Per key at most one ticket (each sale has its own guest), and exactly the answered ones.
  expect(new Set(money.tickets.map((t) => t.userName)).size).toBe(money.tickets.length);
  expect(money.tickets.map((t) => t.ticketId).sort((a, b) => a - b)).toEqual(answered.map((o) => o.ticketId!).sort((a, b) => a - b));
  for (const o of answered) {
    const body = JSON.parse(o.body) as { ticketId: number; total: number; paid: boolean; paymentId: number };
    expect(body).toMatchObject({ paid: true, paymentId: expect.any(Number) });
    sold.push({ ticketId: body.ticketId, total: body.total });
  }
  // Every sold ticket has exactly one payment of its total, and paid is that sum: no ticket without its payment.
  const wrong = money.tickets.filter((t) => t.payments !== 1 || t.taken !== t.total || t.paid !== t.taken || t.total !== t.seats * PRICE);
  expect(wrong).toEqual([]);
  // The refused sales left nothing behind.
  expect(outcomes.flatMap((o, i) => (o.status === 409 && byName.has(`Sale ${i}`) ? [i] : []))).toEqual([]);
  expect(money.shows.every((s) => s.booked === s.seats && s.booked <= s.capacity)).toBe(true);
  expect(money.loose).toEqual({ paymentsWithoutTicket: 0, unansweredKeys: 0, bookedEventsWithoutTicket: 0 });
  figures.push(`    database: ${money.tickets.length} tickets, ${money.tickets.reduce((n, t) => n + t.payments, 0)} payments, ` +
    `${money.shows.map((s) => `${s.booked}/${s.seats}`).join(', ')} booked/Σ seats; payments without ticket 0, sold tickets without payment 0`);
}, 120_000);

test('a sale killed with its booking made and its payment held up, never retried: no ticket, no seat, no payment; the same key later sells once', async () => {
  const showId = await newShow(10);
  const body = { showId, items: [{ ticketTypeId: adult, count: 2 }], userName: 'Held Sale', phoneNo: '+4915999999', payment: { method: 'cash', amount: 2 * PRICE, tendered: 2000 } };
  const key = randomUUID();
  // Every payment INSERT waits behind this lock (the whole of payment's idem_ref index), the booking does not.
  const lock = await rig.raw();
  await lock.query('START TRANSACTION');
  await lock.query("SELECT payment_id FROM payment WHERE idem_ref >= '' FOR UPDATE");
  const first = rig.serves[0]!.client.request('POST', '/counter/sell', body, counter, { 'Idempotency-Key': key }).then((a) => `answered ${a.status}`, () => 'lost');
  let session = 0;
  const started = Date.now();
  while (session === 0) {
    const [row] = await rig.db.rows(
      "SELECT MAX(ID) AS id FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND (INFO LIKE '%INSERT INTO payment%' OR INFO LIKE '%marquee_pay%')",
    );
    session = Number(row?.id ?? 0);
    if (Date.now() - started > 20_000) throw new Error('the sale never reached its payment');
    if (session === 0) await sleep(20);
  }
  rig.killServe(0);
  expect(await first).toBe('lost');
  // The payment statement dies too (as on a lock wait timeout): what the sale did so far must go with it.
  await lock.query(`KILL QUERY ${session}`);
  await lock.query('COMMIT');
  await lock.end();
  const gone = Date.now();
  for (;;) {
    const [row] = await rig.db.rows('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?', [session]);
    if (Number(row!.n) === 0) break;
    if (Date.now() - gone > 20_000) throw new Error('the killed serve\'s session never ended');
    await sleep(20);
  }
  const left = await moneyOf([showId]);
  const restarted = rig.restartServe(0);

  // The counter comes back with the same key (on the other serve): one sale, as if the first never was.
  const retry = await keyedRequest(rig, counter, '/counter/sell', body, { serve: 1, key });
  await restarted;
  const after = await moneyOf([showId]);
  figures.push('* a sale SIGKILLed between its booking and its payment (payment INSERT held by a lock, then killed), not retried:',
    `    left behind: ${left.tickets.length} tickets, booked ${left.shows[0]!.booked}; the same key later: ${retry.status} ` +
    `(${after.tickets.length} ticket, ${after.tickets[0]?.payments ?? 0} payment, booked ${after.shows[0]!.booked})`);
  expect(left.tickets).toEqual([]);
  expect(left.shows).toEqual([{ booked: 0, seats: 0, capacity: 10 }]);
  expect(left.loose.bookedEventsWithoutTicket).toBe(0);
  expect(retry.status, retry.body).toBe(201);
  expect(after.tickets).toMatchObject([{ userName: 'Held Sale', seats: 2, payments: 1, taken: 2 * PRICE, paid: 2 * PRICE }]);
  expect(after.shows).toEqual([{ booked: 2, seats: 2, capacity: 10 }]);
  expect(after.loose).toEqual({ paymentsWithoutTicket: 0, unansweredKeys: 0, bookedEventsWithoutTicket: 0 });
}, 120_000);

test('keyed payments of reservations and keyed refunds while the serves are SIGKILLed in turn: each key pays or refunds once, never above what was paid', async () => {
  expect(sold.length).toBeGreaterThanOrEqual(24);
  const showId = await newShow(100);
  const reserved = await Promise.all(Array.from({ length: 24 }, async (_, i) => {
    const count = 1 + (i % 2);
    const made = await rig.serves[0]!.client.request('POST', '/ticket/book',
      { showId, items: [{ ticketTypeId: adult, count }], userName: `Reserved ${i}`, phoneNo: `+4916${String(i).padStart(7, '0')}` }, kiosk);
    expect(made.status, made.text).toBe(201);
    return { ticketId: Number(made.json.ticketId), total: count * PRICE };
  }));
  // Each reservation paid under one key, a quarter of them also by a second counter's key (one of the two is ALREADY_PAID);
  // each of 24 sold tickets sent two refunds of 60 % under two keys (one fits, the other is REFUND_TOO_LARGE).
  const refunded = sold.slice(0, 24);
  const pays = reserved.flatMap((r, i) => {
    const send = () => keyedRequest(rig, counter, '/ticket/pay', { ticketId: r.ticketId, payment: { method: 'cash', amount: r.total, tendered: 5000 } }, { serve: i % 2 });
    return i % 4 === 0 ? [{ ticketId: r.ticketId, send }, { ticketId: r.ticketId, send }] : [{ ticketId: r.ticketId, send }];
  });
  const refunds = refunded.flatMap((s, i) => [0, 1].map(() => ({
    ticketId: s.ticketId,
    send: () => keyedRequest(rig, counter, '/ticket/refund', { ticketId: s.ticketId, amount: Math.ceil(s.total * 0.6), method: 'cash', reason: 'Fault suite' }, { serve: i % 2 }),
  })));
  // Interleaved, so the kills land on both kinds.
  const all = [...pays.map((p) => ({ ...p, kind: 'pay' as const })), ...refunds.map((r) => ({ ...r, kind: 'refund' as const }))]
    .sort(() => Math.random() - 0.5);
  const load: Load = { inFlight: 0, ended: false, killsDone: false };
  const started = Date.now();
  const kills = killInTurn(2, load);
  const outcomes = await paced(all.map((a) => a.send), all.length, 6, 100, load);
  const killed = await kills;
  const payOutcomes = outcomes.filter((_, i) => all[i]!.kind === 'pay');
  const refundOutcomes = outcomes.filter((_, i) => all[i]!.kind === 'refund');
  figures.push(`* payments and refunds: ${pays.length} keyed /ticket/pay on ${reserved.length} reservations, ${refunds.length} keyed /ticket/refund on ${refunded.length} sold tickets, ${killed.kills} serves SIGKILLed mid-request (slowest restart ${killed.slowestRestart} s), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `    /ticket/pay: ${tally(payOutcomes)}`, `    /ticket/refund: ${tally(refundOutcomes)}`);

  expect(killed.kills).toBeGreaterThanOrEqual(1);
  expect(outcomes.filter((o) => o.status === 0)).toEqual([]);
  // Payments: one 200 per reservation, the second key on the same ticket ALREADY_PAID.
  expect(payOutcomes.filter((o) => o.status === 200)).toHaveLength(reserved.length);
  expect(payOutcomes.filter((o) => o.status !== 200).every((o) => o.status === 409 && o.code === 'ALREADY_PAID')).toBe(true);
  const paidNow = await moneyOf([showId]);
  expect(paidNow.tickets.filter((t) => t.payments !== 1 || t.taken !== t.total || t.paid !== t.total || t.refunds !== 0)).toEqual([]);
  const payIds = payOutcomes.filter((o) => o.status === 200).map((o) => Number(JSON.parse(o.body).paymentId));
  expect(new Set(payIds).size).toBe(reserved.length);

  // Refunds: exactly one per ticket went through (60 % twice is more than was paid), each key's at most once.
  const okRefunds = refundOutcomes.filter((o) => o.status === 200);
  expect(okRefunds).toHaveLength(refunded.length);
  expect(refundOutcomes.filter((o) => o.status !== 200).every((o) => o.status === 409 && o.code === 'REFUND_TOO_LARGE')).toBe(true);
  expect(new Set(okRefunds.map((o) => o.ticketId)).size).toBe(refunded.length);
  const saleShows = await rig.db.rows(`SELECT DISTINCT show_id FROM ticket_record WHERE ticket_id IN (${refunded.map(() => '?').join(', ')})`, refunded.map((s) => s.ticketId));
  const afterRefunds = await moneyOf(saleShows.map((r) => Number(r.show_id)));
  const refundedIds = new Set(refunded.map((s) => s.ticketId));
  const touched = afterRefunds.tickets.filter((t) => refundedIds.has(t.ticketId));
  expect(touched).toHaveLength(refunded.length);
  // A refund row per 200 answer and no more (a key never refunds twice, no refund went unanswered); never above what was paid;
  // paid = Σ payments − Σ refunds on every ticket.
  expect(touched.filter((t) => t.refunds !== 1 || t.given !== Math.ceil(t.total * 0.6))).toEqual([]);
  expect(afterRefunds.tickets.filter((t) => t.given > t.taken || t.paid !== t.taken - t.given || t.payments !== 1)).toEqual([]);
  const [rows] = await rig.db.rows(
    `SELECT COUNT(*) AS n FROM payment WHERE kind = 'refund' AND payment_id IN (${okRefunds.map(() => '?').join(', ')})`,
    okRefunds.map((o) => Number(JSON.parse(o.body).paymentId)),
  );
  expect(Number(rows!.n)).toBe(refunded.length);
  expect(afterRefunds.shows.every((s) => s.booked === s.seats)).toBe(true);
  expect(afterRefunds.loose).toEqual({ paymentsWithoutTicket: 0, unansweredKeys: 0, bookedEventsWithoutTicket: 0 });
  figures.push(`    database: ${paidNow.tickets.length} reservations with one payment each; ${touched.length} sold tickets with one refund each, ` +
    `Σ refunds ${touched.reduce((n, t) => n + t.given, 0)} ≤ Σ payments ${touched.reduce((n, t) => n + t.taken, 0)}; paid = payments − refunds on every ticket`);
}, 120_000);
