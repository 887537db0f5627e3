// Who may create shows, and what an expired ticket may still do. Only a manager creates shows
// (also implicitly, by booking or moving to a new time, as the original API did); a kiosk
// books and moves only into shows that exist and are not expired, and a refused request
// writes nothing. A ticket marked expired is never moved, and the sweep deletes only tickets
// whose show is expired by the rule itself, whatever the flag says.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { ExpirySweeper } from '../../../main/core/sweep';
import { silentLogger } from '../../../main/core/log';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';
import { formatTicketCode } from '../../../main/common/ticket-code';
import { newTicketCode } from '../../../main/core/operations/ticket-codes';

let t: TestDatabase;
const kiosk = { role: 'kiosk' as const, label: 'lobby' };
const manager = { role: 'manager' as const, label: 'office' };
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const showCount = async () => Number((await t.db.rows('SELECT COUNT(*) AS n FROM show_record'))[0]!.n);
const guest = (i: number) => ({ userName: `Guest ${i}`, phoneNo: `5551000${String(i).padStart(3, '0')}` });

test('a kiosk books only into a show that exists: otherwise 404 SHOW_NOT_FOUND and nothing is created', async () => {
  const noShow = await showTimeFromNow(t.db, 24 * 60 * 365 * 100); // a century ahead
  const before = await showCount();
  await expect(runOperation(t.ctx, 'book', { ...guest(1), showTime: noShow }, kiosk)).rejects.toMatchObject({ code: 'SHOW_NOT_FOUND', status: 404 });
  expect(await showCount()).toBe(before);
  const [users] = await t.db.rows('SELECT COUNT(*) AS n FROM user_record WHERE user_name = ?', [guest(1).userName]);
  expect(Number(users!.n)).toBe(0);

  const planned = await showTimeFromNow(t.db, 300);
  await runOperation(t.ctx, 'createShow', { showTime: planned }, manager);
  const ticket = await runOperation(t.ctx, 'book', { ...guest(2), showTime: planned }, kiosk);
  expect(ticket.ticketId).toBeGreaterThan(0);
});

test('a manager still creates a show by booking a new time (the original API)', async () => {
  const fresh = await showTimeFromNow(t.db, 310);
  const before = await showCount();
  await runOperation(t.ctx, 'book', { ...guest(3), showTime: fresh }, manager);
  expect(await showCount()).toBe(before + 1);
});

test('a kiosk move checks the ticket code before anything else, and never creates the target show', async () => {
  const planned = await showTimeFromNow(t.db, 320);
  await runOperation(t.ctx, 'createShow', { showTime: planned }, manager);
  const ticket = await runOperation(t.ctx, 'book', { ...guest(4), showTime: planned }, kiosk);
  const noShow = await showTimeFromNow(t.db, 24 * 60 * 365 * 90);
  const before = await showCount();

  // Wrong code: looks like a wrong number, and the target show is not made.
  await expect(
    runOperation(t.ctx, 'move', { ticketCode: formatTicketCode(newTicketCode()), showTime: noShow }, kiosk),
  ).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  // Right code, but no such show: SHOW_NOT_FOUND, still nothing made.
  await expect(
    runOperation(t.ctx, 'move', { ticketCode: ticket.ticketCode, showTime: noShow }, kiosk),
  ).rejects.toMatchObject({ code: 'SHOW_NOT_FOUND' });
  expect(await showCount()).toBe(before);

  const other = await showTimeFromNow(t.db, 330);
  await runOperation(t.ctx, 'createShow', { showTime: other }, manager);
  const moved = await runOperation(t.ctx, 'move', { ticketCode: ticket.ticketCode, showTime: other }, kiosk);
  expect(new Date(moved.showTime).getTime()).toBe(new Date(other).getTime());
});

test('a manager moving an unknown ticket to a new time creates no show', async () => {
  const fresh = await showTimeFromNow(t.db, 340);
  const before = await showCount();
  await expect(runOperation(t.ctx, 'move', { ticketId: 999_999, showTime: fresh }, manager)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  expect(await showCount()).toBe(before);
});

/** A ticket of a show that started `hoursAgo` hours ago (loaded as a DBA would) and its show. */
async function pastTicket(hoursAgo: number, i: number): Promise<{ ticketId: number; showId: number }> {
  const future = await showTimeFromNow(t.db, 24 * 60 + i);
  const ticket = await runOperation(t.ctx, 'book', { ...guest(100 + i), showTime: future }, manager);
  await t.db.exec('UPDATE show_record SET starts_at = UTC_TIMESTAMP() - INTERVAL ? MINUTE WHERE starts_at = ?', [hoursAgo * 60 + i, new Date(future)]);
  const [row] = await t.db.rows('SELECT show_id FROM ticket_record WHERE ticket_id = ?', [ticket.ticketId]);
  return { ticketId: ticket.ticketId, showId: Number(row!.show_id) };
}

/** What a sweep leaves when it dies between its two statements: the tickets marked, none deleted. */
const markOnly = (ticketId: number) => t.db.exec('UPDATE ticket_record SET is_expired = 1 WHERE ticket_id = ?', [ticketId]);

test('a ticket marked expired is never moved, not even by a manager', async () => {
  const past = await pastTicket(9, 1);
  await markOnly(past.ticketId);
  const future = await showTimeFromNow(t.db, 400);
  await runOperation(t.ctx, 'createShow', { showTime: future }, manager);
  await expect(runOperation(t.ctx, 'move', { ticketId: past.ticketId, showTime: future }, manager)).rejects.toMatchObject({
    code: 'SHOW_EXPIRED',
  });
  const [row] = await t.db.rows('SELECT show_id FROM ticket_record WHERE ticket_id = ?', [past.ticketId]);
  expect(Number(row!.show_id)).toBe(past.showId);
});

test("the sweep's delete re-checks the expiry rule: a marked ticket whose show is not expired is kept", async () => {
  const past = await pastTicket(9, 2);
  const stale = await pastTicket(9, 3);
  await markOnly(past.ticketId);
  await markOnly(stale.ticketId);
  // A DBA moves the marked ticket to a future show by hand (the triggers allow it).
  const future = await showTimeFromNow(t.db, 410);
  const show = await runOperation(t.ctx, 'createShow', { showTime: future }, manager);
  await t.db.exec('UPDATE ticket_record SET show_id = ? WHERE ticket_id = ?', [show.showId, past.ticketId]);

  const report = await new ExpirySweeper(t.db, t.config.expireHours, silentLogger).runOnce();
  expect(report.error).toBeNull();
  const left = await t.db.rows('SELECT ticket_id FROM ticket_record WHERE ticket_id IN (?, ?)', [past.ticketId, stale.ticketId]);
  expect(left.map((r) => Number(r.ticket_id))).toEqual([past.ticketId]);
  // Every ticket the sweeper deleted belonged to an expired show.
  const [wrong] = await t.db.rows(
    `SELECT COUNT(*) AS n FROM ticket_event e JOIN show_record s ON s.show_id = e.show_id
      WHERE e.kind = 'removed' AND e.actor = 'sweeper' AND s.starts_at > marquee_expiry_cutoff(?)`,
    [t.config.expireHours],
  );
  expect(Number(wrong!.n)).toBe(0);
});
