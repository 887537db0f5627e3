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
  test('two adults for cash: one step, the change to give, the party paid', async () => {
    const showId = await newShow();
    const sale = await runOperation(t.ctx, 'sell', { showId, items: [{ ticketTypeId: adult, count: 2 }], payment: { method: 'cash', amount: 1900, tendered: 2000 } }, counterA);
    expect(sale).toMatchObject({ userName: 'Walk-in', seats: 2, total: 1900, paid: true, change: 100, paymentId: expect.any(Number) });
    expect(await runOperation(t.ctx, 'lookupTicket', { ticketId: sale.ticketId }, manager)).toMatchObject({ paid: true, amountDue: 0, ticketCode: sale.ticketCode });
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
