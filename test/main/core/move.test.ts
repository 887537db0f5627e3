import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager = { role: 'manager' as const, label: 'box-office' };
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 20 });
});
afterAll(async () => {
  await t.drop();
});

const book = (showTime: string, i: number) =>
  runOperation(t.ctx, 'book', { userName: `Guest ${i}`, phoneNo: `600${String(i).padStart(6, '0')}`, showTime }, manager);

async function bookedOf(showTime: string): Promise<number> {
  const [row] = await t.db.rows('SELECT booked FROM show_record WHERE starts_at = ?', [new Date(showTime)]);
  return Number(row?.booked ?? 0);
}

test('moving into a full show is refused with HOUSEFULL and the ticket stays where it was', async () => {
  const full = await showTimeFromNow(t.db, 60);
  for (let i = 0; i < 20; i++) await book(full, i);
  const elsewhere = await showTimeFromNow(t.db, 61);
  const ticket = await book(elsewhere, 100);
  await expect(runOperation(t.ctx, 'move', { ticketId: ticket.ticketId, showTime: full }, manager)).rejects.toMatchObject({
    code: 'HOUSEFULL',
  });
  expect(await bookedOf(full)).toBe(20);
  expect(await bookedOf(elsewhere)).toBe(1);
  const guest = await runOperation(t.ctx, 'lookupTicket', { ticketId: ticket.ticketId }, manager);
  expect(guest.showTime).toBe(elsewhere.replace('Z', '+00:00'));
});

test('move-vs-book race on the last seat never gives 21 (20 rounds)', async () => {
  for (let round = 0; round < 20; round++) {
    const target = await showTimeFromNow(t.db, 200 + round * 3);
    const origin = await showTimeFromNow(t.db, 201 + round * 3);
    for (let i = 0; i < 19; i++) await book(target, 1000 + round * 100 + i);
    const mover = await book(origin, 5000 + round);
    const outcomes = await Promise.allSettled([
      runOperation(t.ctx, 'move', { ticketId: mover.ticketId, showTime: target }, manager),
      book(target, 9000 + round),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    const lost = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === 'HOUSEFULL').length;
    expect({ won, lost }).toEqual({ won: 1, lost: 1 });
    expect(await bookedOf(target)).toBe(20);
    const [count] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record t JOIN show_record s USING (show_id) WHERE s.starts_at = ?', [new Date(target)]);
    expect(Number(count!.n)).toBe(20);
  }
});

test('moving an unknown ticket is TICKET_NOT_FOUND; moving to the same show is a no-op', async () => {
  const showTime = await showTimeFromNow(t.db, 400);
  await expect(runOperation(t.ctx, 'move', { ticketId: 987654, showTime }, manager)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  const ticket = await book(showTime, 42);
  const same = await runOperation(t.ctx, 'move', { ticketId: ticket.ticketId, showTime }, manager);
  expect(same.seatsLeft).toBe(19);
  const history = await runOperation(t.ctx, 'ticketHistory', { ticketId: ticket.ticketId }, manager);
  expect(history.map((e) => e.kind)).toEqual(['booked']);
});

test('the kiosk must prove the ticket with its code; the phone is no proof, and a wrong code looks like a wrong number', async () => {
  const kiosk = { role: 'kiosk' as const, label: 'lobby-2' };
  const showTime = await showTimeFromNow(t.db, 500);
  const ticket = await book(showTime, 77);
  const other = await book(showTime, 78);
  await expect(runOperation(t.ctx, 'cancel', { ticketId: ticket.ticketId }, kiosk)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'ticketCode' });
  await expect(runOperation(t.ctx, 'cancel', { ticketId: ticket.ticketId, phoneNo: '600000077' }, kiosk)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'ticketCode' });
  await expect(runOperation(t.ctx, 'cancel', { ticketId: ticket.ticketId, ticketCode: other.ticketCode }, kiosk)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  await expect(runOperation(t.ctx, 'lookupTicket', { ticketId: ticket.ticketId, ticketCode: other.ticketCode }, kiosk)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  const mine = await runOperation(t.ctx, 'lookupTicket', { ticketCode: ticket.ticketCode }, kiosk);
  expect(mine).toMatchObject({ ticketId: ticket.ticketId, userName: 'Guest 77', phoneNo: '•••• 77', ticketCode: ticket.ticketCode });
  const later = await showTimeFromNow(t.db, 560);
  await openShow(t.ctx, later); // a kiosk moves only into a show that exists
  await runOperation(t.ctx, 'move', { ticketCode: ticket.ticketCode, showTime: later }, kiosk);
  await runOperation(t.ctx, 'cancel', { ticketCode: ticket.ticketCode }, kiosk);
  const history = await runOperation(t.ctx, 'ticketHistory', { ticketId: ticket.ticketId }, manager);
  expect(history.map((e) => [e.kind, e.actor])).toEqual([['booked', 'box-office'], ['moved', 'lobby-2'], ['cancelled', 'lobby-2']]);
});
