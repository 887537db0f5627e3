// The counter's money (issue 22), against a real database: a sale with change, a reservation
// paid, refunds never above what was paid even when they race, who may refund, comps, and the
// cash-up equal to a direct sum of the payment rows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MarqueeError } from '../../../main/common/errors';
import type { Actor } from '../../../main/common/operations';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager: Actor = { role: 'manager', label: 'Box office' };
const kiosk: Actor = { role: 'kiosk', label: 'Lobby kiosk' };
const counterA: Actor = { role: 'counter', label: 'Counter A', tokenId: 901 };
const counterB: Actor = { role: 'counter', label: 'Counter B', tokenId: 902 };
let adult = 0;
let minutes = 300;

beforeAll(async () => {
  t = await createTestDatabase({ capacity: 40 });
  adult = (await runOperation(t.ctx, 'createTicketType', { name: 'Adult', price: 950 }, manager)).ticketTypeId;
});
afterAll(async () => {
  await t.drop();
});

async function newShow(): Promise<number> {
  const [row] = await t.db.rows('SELECT UTC_TIMESTAMP() + INTERVAL ? MINUTE AS at', [(minutes += 10)]);
  const at = (row!.at as Date).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (await runOperation(t.ctx, 'createShow', { showTime: at }, manager)).showId;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('selling and paying', () => {
  test('a refund of whole seats gives the seats back on sale with their money in one step: the party owes nothing; a retry releases nothing more', async () => {
    const showId = await newShow();
    const sale = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 3 }], payment: { method: 'cash', amount: 2850 } }, counterA);
    const seatsBooked = async () => Number((await t.db.rows('SELECT booked FROM show_record WHERE show_id = ?', [showId]))[0]!.booked);
    expect(await seatsBooked()).toBe(3);
    const input = { ticketId: sale.ticketId, items: [{ ticketTypeId: adult, count: 1 }], method: 'cash' as const, reason: 'One went home' };
    const ref = 'a'.repeat(64);
    const refunded = await runOperation(t.ctx, 'refundTicket', input, counterA, { idempotencyRef: ref });
    expect(refunded).toMatchObject({ amount: 950, seats: 2, paid: 1900 });
    expect(await seatsBooked()).toBe(2);
    expect(await runOperation(t.ctx, 'lookupTicket', { ticketId: sale.ticketId }, manager)).toMatchObject({ seats: 2, total: 1900, paid: true, amountDue: 0, refundable: 1900 });
    // The same request again (its answer lost): the refund it made, no second seat, no second refund.
    expect(await runOperation(t.ctx, 'refundTicket', input, counterA, { idempotencyRef: ref })).toMatchObject({ paymentId: refunded.paymentId, amount: 950, paid: 1900 });
    expect(await seatsBooked()).toBe(2);
    const [rows] = await t.db.rows("SELECT COUNT(*) AS n, SUM(amount) AS sum FROM payment WHERE ticket_id = ? AND kind = 'refund'", [sale.ticketId]);
    expect({ n: Number(rows!.n), sum: Number(rows!.sum) }).toEqual({ n: 1, sum: 950 });
    // An unpaid reservation holds no money: the refund is refused and its seat is not given back either.
    const reserved = await runOperation(t.ctx, 'book', { userName: 'Ana Lima', phoneNo: '5550101011', showId, items: [{ ticketTypeId: adult, count: 2 }] }, kiosk);
    await expect(runOperation(t.ctx, 'refundTicket', { ticketId: reserved.ticketId, items: [{ ticketTypeId: adult, count: 1 }], method: 'cash', reason: 'x' }, manager))
      .rejects.toMatchObject({ code: 'REFUND_TOO_LARGE', details: { refundable: '0' } });
    expect(await runOperation(t.ctx, 'lookupTicket', { ticketId: reserved.ticketId }, manager)).toMatchObject({ seats: 2 });
    expect(await seatsBooked()).toBe(4);
  });

  test('two adults for cash: one step, the change to give, the party paid', async () => {
    const showId = await newShow();
    const sale = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'cash', amount: 1900, tendered: 2000 } }, counterA);
    expect(sale).toMatchObject({ userName: 'Walk-in', seats: 2, total: 1900, paid: true, change: 100, paymentId: expect.any(Number) });
    expect(await runOperation(t.ctx, 'lookupTicket', { ticketId: sale.ticketId }, manager)).toMatchObject({ paid: true, amountDue: 0, refundable: 1900, ticketCode: sale.ticketCode });
  });

  test('a sale whose amount is not the total takes nothing: no payment, no seats', async () => {
    const showId = await newShow();
    await expect(runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'card', amount: 1000 } }, counterA))
      .rejects.toMatchObject({ code: 'AMOUNT_MISMATCH', details: { amountDue: '1900' } });
    const [show] = await t.db.rows('SELECT booked FROM show_record WHERE show_id = ?', [showId]);
    expect(Number(show!.booked)).toBe(0);
    const [tickets] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record WHERE show_id = ?', [showId]);
    expect(Number(tickets!.n)).toBe(0);
  });

  test('free seats sold take no payment row; any amount for them is AMOUNT_MISMATCH and sells nothing', async () => {
    const showId = await newShow();
    const free = (await runOperation(t.ctx, 'createTicketType', { name: 'Companion', price: 0 }, manager)).ticketTypeId;
    const items = [{ ticketTypeId: free, count: 2 }];
    const sale = await runOperation(t.ctx, 'sell', { showId, items, payment: { method: 'cash', amount: 0 } }, counterA);
    expect(sale).toMatchObject({ total: 0, paid: true, paymentId: null, change: 0 });
    await expect(runOperation(t.ctx, 'sell', { showId, items, payment: { method: 'card', amount: 100 } }, counterA))
      .rejects.toMatchObject({ code: 'AMOUNT_MISMATCH', field: 'payment', details: { amountDue: '0' } });
    const [rows] = await t.db.rows(
      'SELECT COUNT(DISTINCT t.ticket_id) AS tickets, COUNT(p.payment_id) AS payments FROM ticket_record t LEFT JOIN payment p ON p.ticket_id = t.ticket_id WHERE t.show_id = ?',
      [showId],
    );
    expect({ tickets: Number(rows!.tickets), payments: Number(rows!.payments) }).toEqual({ tickets: 1, payments: 0 });
  });

  test('a kiosk reservation is unpaid until the counter takes exactly the amount due, once', async () => {
    const showId = await newShow();
    const reserved = await runOperation(t.ctx, 'book', { userName: 'Ana Lima', phoneNo: '5550101010', showId, items: [{ ticketTypeId: adult, count: 2 }] }, kiosk);
    expect(reserved).toMatchObject({ paid: false, amountDue: 1900 });
    await expect(runOperation(t.ctx, 'payTicket', { ticketCode: reserved.ticketCode, payment: { method: 'cash', amount: 950 } }, counterA))
      .rejects.toMatchObject({ code: 'AMOUNT_MISMATCH', details: { amountDue: '1900' } });
    expect(await runOperation(t.ctx, 'payTicket', { ticketCode: reserved.ticketCode, payment: { method: 'cash', amount: 1900, tendered: 5000 } }, counterA))
      .toMatchObject({ paid: 1900, amountDue: 0, change: 3100 });
    await expect(runOperation(t.ctx, 'payTicket', { ticketCode: reserved.ticketCode, payment: { method: 'cash', amount: 1900 } }, counterA))
      .rejects.toMatchObject({ code: 'ALREADY_PAID' });
    const [roster] = await runOperation(t.ctx, 'listByShowTime', { showId }, manager);
    expect(roster).toMatchObject({ paid: true, amountDue: 0 });
  });

  test('only a manager gives tickets free, with a reason; a comp has nothing to refund', async () => {
    const showId = await newShow();
    await expect(runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'comp', amount: 0, reason: 'Birthday' } }, counterA))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'comp', amount: 0 } }, manager))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const comp = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'comp', amount: 0, reason: 'Birthday' } }, manager);
    expect(comp).toMatchObject({ paid: true, total: 950 });
    expect(await runOperation(t.ctx, 'lookupTicket', { ticketId: comp.ticketId }, manager)).toMatchObject({ paid: true, amountDue: 0 });
    await expect(runOperation(t.ctx, 'refundTicket', { ticketId: comp.ticketId, amount: 950, method: 'cash', reason: 'No' }, manager))
      .rejects.toMatchObject({ code: 'REFUND_TOO_LARGE', details: { refundable: '0' } });
  });
});

describe('finding a guest at the counter', () => {
  test('a reservation is found by its phone in international form, by its code in any case and without dashes, by name', async () => {
    const showId = await newShow();
    const reserved = await runOperation(t.ctx, 'book', { userName: 'Rosa Díaz', phoneNo: '5551234567', showId, items: [{ ticketTypeId: adult, count: 1 }] }, kiosk);
    const found = async (query: string) => (await runOperation(t.ctx, 'searchTickets', { query }, counterA)).map((h) => h.ticketId);
    for (const query of ['+1 555 123 4567', '1-555-123-4567', '555.123.4567', reserved.ticketCode.toLowerCase().replaceAll('-', ''), 'rosa diaz']) {
      expect(await found(query), query).toEqual([reserved.ticketId]);
    }
    const [hit] = await runOperation(t.ctx, 'searchTickets', { query: '+1 555 123 4567' }, counterA);
    // The counter sees the real code and the money state, but the phone masked.
    expect(hit).toMatchObject({ ticketCode: reserved.ticketCode, paid: false, amountDue: 950, refundable: 0, checkedInAt: null, seats: 1, phoneNo: '•••• 67' });
  });
});

describe('refunds', () => {
  test('20 refunds of 3.00 racing on a 19.00 sale: exactly 6 go through, the rest are refused, the sum holds', async () => {
    const showId = await newShow();
    const sale = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'card', amount: 1900, reference: 'T-77' } }, counterA);
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, () => runOperation(t.ctx, 'refundTicket', { ticketId: sale.ticketId, amount: 300, method: 'card', reason: 'Race' }, counterA)),
    );
    const ok = answers.filter((a) => a.status === 'fulfilled');
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as MarqueeError] : []));
    expect(ok).toHaveLength(6);
    expect(refused.every((e) => e.code === 'REFUND_TOO_LARGE')).toBe(true);
    const [sums] = await t.db.rows(
      `SELECT SUM(IF(kind = 'payment', amount, 0)) AS paid, SUM(IF(kind = 'refund', amount, 0)) AS refunded FROM payment WHERE ticket_id = ?`,
      [sale.ticketId],
    );
    expect([Number(sums!.paid), Number(sums!.refunded)]).toEqual([1900, 1800]);
    const [ticket] = await t.db.rows('SELECT paid FROM ticket_record WHERE ticket_id = ?', [sale.ticketId]);
    expect(Number(ticket!.paid)).toBe(100);
  });

  test("a counter refunds its own sales of the day only; a manager any", async () => {
    const showId = await newShow();
    const sale = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'cash', amount: 950 } }, counterA);
    await expect(runOperation(t.ctx, 'refundTicket', { ticketId: sale.ticketId, amount: 950, method: 'cash', reason: 'Wrong film' }, counterB))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await runOperation(t.ctx, 'refundTicket', { ticketId: sale.ticketId, amount: 500, method: 'cash', reason: 'Wrong film' }, counterA)).toMatchObject({ paid: 450 });
    expect(await runOperation(t.ctx, 'refundTicket', { ticketId: sale.ticketId, amount: 450, method: 'cash', reason: 'Wrong film' }, manager)).toMatchObject({ paid: 0 });
  });
});

describe('cash-up', () => {
  test("the day's figures per device equal a direct sum of the payment rows; a counter sees only its own", async () => {
    const showId = await newShow();
    await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 3 }], payment: { method: 'cash', amount: 2850, tendered: 3000 } }, counterB);
    const card = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'card', amount: 950 } }, counterB);
    await runOperation(t.ctx, 'refundTicket', { ticketId: card.ticketId, amount: 950, method: 'card', reason: 'Changed mind' }, counterB);

    const all = await runOperation(t.ctx, 'cashUp', { day: today() }, manager);
    const rows = await t.db.rows(
      `SELECT token_id, kind, method, SUM(amount) AS amount, COUNT(*) AS n FROM payment
        WHERE at >= UTC_DATE() AND at < UTC_DATE() + INTERVAL 1 DAY GROUP BY token_id, kind, method`,
    );
    const sum = (where: (r: (typeof rows)[number]) => boolean) => rows.filter(where).reduce((n, r) => n + Number(r.amount), 0);
    expect(all.totals.cash).toEqual({
      sales: sum((r) => r.kind === 'payment' && r.method === 'cash'),
      refunds: sum((r) => r.kind === 'refund' && r.method === 'cash'),
      expected: sum((r) => r.kind === 'payment' && r.method === 'cash') - sum((r) => r.kind === 'refund' && r.method === 'cash'),
    });
    expect(all.totals.card).toEqual({ sales: sum((r) => r.kind === 'payment' && r.method === 'card'), refunds: sum((r) => r.kind === 'refund' && r.method === 'card') });
    expect(all.totals.comp.count).toBe(rows.filter((r) => r.kind === 'payment' && r.method === 'comp').reduce((n, r) => n + Number(r.n), 0));

    const own = await runOperation(t.ctx, 'cashUp', { day: today() }, counterB);
    expect(own.devices.map((d) => d.device)).toEqual(['Counter B']);
    expect(own.totals.cash).toEqual({ sales: 2850, refunds: 0, expected: 2850 });
    expect(own.totals.card).toEqual({ sales: 950, refunds: 950 });
    await expect(runOperation(t.ctx, 'cashUp', { day: today(), tokenId: 901 }, counterB)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('closing the drawer', () => {
  const counterC: Actor = { role: 'counter', label: 'Counter C', tokenId: 903 };
  const counterD: Actor = { role: 'counter', label: 'Counter D', tokenId: 904 };

  test('a close records the counted cash and difference = counted − expected; the cash-up carries it', async () => {
    const showId = await newShow();
    await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'cash', amount: 1900, tendered: 2000 } }, counterC);
    const sale = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 1 }], payment: { method: 'cash', amount: 950 } }, counterC);
    await runOperation(t.ctx, 'refundTicket', { ticketId: sale.ticketId, amount: 950, method: 'cash', reason: 'Wrong day' }, counterC);
    const close = await runOperation(t.ctx, 'closeCashUp', { day: today(), counted: 1850 }, counterC);
    expect(close).toMatchObject({ day: today(), tokenId: 903, device: 'Counter C', expected: 1900, counted: 1850, difference: -50, closedBy: 'Counter C', currency: 'USD' });
    const [row] = await t.db.rows("SELECT expected, counted, difference FROM cashup_close WHERE day = ? AND token_key = 903", [today()]);
    expect([Number(row!.expected), Number(row!.counted), Number(row!.difference)]).toEqual([1900, 1850, -50]);
    // The same close again (a retry after a lost answer) answers the first; another count is refused with the first's figures.
    expect(await runOperation(t.ctx, 'closeCashUp', { day: today(), counted: 1850 }, counterC)).toEqual(close);
    await expect(runOperation(t.ctx, 'closeCashUp', { day: today(), counted: 1900 }, counterC))
      .rejects.toMatchObject({ code: 'CASHUP_CLOSED', details: { counted: '1850', expected: '1900', difference: '-50', closedBy: 'Counter C' } });
    const own = await runOperation(t.ctx, 'cashUp', { day: today() }, counterC);
    expect(own.devices).toEqual([expect.objectContaining({ device: 'Counter C', close: expect.objectContaining({ counted: 1850, difference: -50 }) })]);
    const all = await runOperation(t.ctx, 'cashUp', { day: today() }, manager);
    expect(all.devices.find((d) => d.device === 'Counter A')?.close).toBeNull();
  });

  test("a counter cannot close another's drawer; a manager closes any, by its device's name", async () => {
    await expect(runOperation(t.ctx, 'closeCashUp', { day: today(), tokenId: 901, counted: 0 }, counterD)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const device = await t.db.exec(
      "INSERT INTO api_token (label, role, token_hash, created_at) VALUES ('Counter E', 'counter', SHA2(RAND(), 256), UTC_TIMESTAMP(3))",
    );
    const close = await runOperation(t.ctx, 'closeCashUp', { day: today(), tokenId: device.insertId, counted: 0 }, manager);
    expect(close).toMatchObject({ device: 'Counter E', tokenId: device.insertId, expected: 0, difference: 0, closedBy: 'Box office' });
    await expect(runOperation(t.ctx, 'closeCashUp', { day: today(), tokenId: 999_999, counted: 0 }, manager)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'tokenId' });
  });

  test('twenty closes of one drawer racing with different counts: one is recorded, the others told of it', async () => {
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => runOperation(t.ctx, 'closeCashUp', { day: today(), counted: 100 + i }, counterD)),
    );
    const ok = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as MarqueeError] : []));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(19);
    expect(refused.every((e) => e.code === 'CASHUP_CLOSED' && e.details?.counted === String(ok[0]!.counted))).toBe(true);
    const [rows] = await t.db.rows('SELECT COUNT(*) AS n FROM cashup_close WHERE token_key = 904');
    expect(Number(rows!.n)).toBe(1);
  });
});
