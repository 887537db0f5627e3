// The expiry rule (8 hours after the show starts, by the database clock) and the sweep.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { ExpirySweeper, SWEEP_BATCH } from '../../../main/core/sweep';
import { silentLogger } from '../../../main/core/log';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager = { role: 'manager' as const, label: 'office' };
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 1000 });
});
afterAll(async () => {
  await t.drop();
});

// The box office books here (a manager makes the show on the way); these tests are about the clock.
const book = (showTime: string, i: number) =>
  runOperation(t.ctx, 'book', { userName: `Guest ${i}`, phoneNo: `700${String(i).padStart(6, '0')}`, showTime }, manager);

/** Creates `count` tickets for a show that started `hoursAgo` hours ago, as a DBA would load history. */
async function ticketsForPastShow(hoursAgo: number, count: number): Promise<number> {
  const future = await showTimeFromNow(t.db, 24 * 60 + Math.floor(Math.random() * 10000));
  const first = await book(future, 0);
  await t.db.exec('UPDATE show_record SET capacity = ?, starts_at = UTC_TIMESTAMP() - INTERVAL ? MINUTE WHERE starts_at = ?', [
    count,
    Math.round(hoursAgo * 60), new Date(future),
  ]);
  const [row] = await t.db.rows('SELECT user_id, show_id FROM ticket_record WHERE ticket_id = ?', [first.ticketId]);
  // Multi-row INSERTs: the triggers still run (and count) per row.
  for (let made = 1; made < count; ) {
    const n = Math.min(count - made, 500);
    const values = Array.from({ length: n }, () => '(?, ?)').join(',');
    await t.db.exec(`INSERT INTO ticket_record (user_id, show_id) VALUES ${values}`, Array.from({ length: n }, () => [row!.user_id, row!.show_id]).flat());
    made += n;
  }
  return Number(row!.show_id);
}

test('7 h 59 min after the start a show is still bookable; at 8 h it is expired', async () => {
  const stillOpen = await showTimeFromNow(t.db, -(8 * 60 - 1));
  const booked = await book(stillOpen, 1);
  expect(booked.ticketId).toBeGreaterThan(0);
  const expired = await showTimeFromNow(t.db, -8 * 60);
  await expect(book(expired, 2)).rejects.toMatchObject({ code: 'SHOW_EXPIRED' });
  const other = await book(await showTimeFromNow(t.db, 30), 3);
  await expect(runOperation(t.ctx, 'move', { ticketId: other.ticketId, showTime: expired }, manager)).rejects.toMatchObject({
    code: 'SHOW_EXPIRED',
  });
  await expect(runOperation(t.ctx, 'createShow', { showTime: expired }, manager)).rejects.toMatchObject({ code: 'SHOW_EXPIRED' });
});

test('the sweep removes exactly the expired tickets, in batches, and leaves their audit rows', async () => {
  await t.db.exec('DELETE FROM ticket_record');
  const keep = await showTimeFromNow(t.db, -(8 * 60 - 5)); // started 7 h 55 min ago: not expired
  const kept = [await book(keep, 10), await book(keep, 11)];
  const expiredShow = await ticketsForPastShow(9, 2500);
  const [before] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record WHERE show_id = ?', [expiredShow]);
  expect(Number(before!.n)).toBe(2500);

  const sweeper = new ExpirySweeper(t.db, 8, silentLogger);
  const report = await sweeper.runOnce();
  expect(report).toMatchObject({ marked: 2500, deleted: 2500, error: null });
  expect(report.batches).toBeGreaterThanOrEqual(Math.ceil(2500 / SWEEP_BATCH));
  expect(sweeper.last).toBe(report);

  const [left] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record WHERE show_id = ?', [expiredShow]);
  expect(Number(left!.n)).toBe(0);
  for (const ticket of kept) {
    await expect(runOperation(t.ctx, 'lookupTicket', { ticketId: ticket.ticketId }, manager)).resolves.toMatchObject({ isExpired: false });
  }
  const [audit] = await t.db.rows(
    `SELECT SUM(kind = 'expired') AS expired, SUM(kind = 'removed') AS removed, COUNT(DISTINCT actor) AS actors
       FROM ticket_event WHERE show_id = ? AND kind IN ('expired', 'removed')`,
    [expiredShow],
  );
  expect(audit).toMatchObject({ expired: '2500', removed: '2500', actors: 1 });
  const [actor] = await t.db.rows("SELECT DISTINCT actor FROM ticket_event WHERE show_id = ? AND kind = 'removed'", [expiredShow]);
  expect(actor!.actor).toBe('sweeper');
});

test('two sweepers at once and bookings racing them: nothing lost, nothing doubled', async () => {
  await t.db.exec('DELETE FROM ticket_record');
  const expiredShow = await ticketsForPastShow(10, 3000);
  const upcoming = await showTimeFromNow(t.db, 120);
  const sweepers = [new ExpirySweeper(t.db, 8, silentLogger), new ExpirySweeper(t.db, 8, silentLogger)];
  const [reports, bookings] = await Promise.all([
    Promise.all(sweepers.map((s) => s.runOnce())),
    Promise.all(Array.from({ length: 150 }, (_, i) => book(upcoming, 20_000 + i))),
  ]);
  expect(reports.reduce((sum, r) => sum + r.deleted, 0)).toBe(3000);
  expect(reports.every((r) => r.error === null)).toBe(true);
  // One sweeper at a time (the lease row): the other one skipped this run and says why.
  expect(reports.filter((r) => r.skipped !== undefined)).toHaveLength(1);
  expect(bookings).toHaveLength(150);
  const [rows] = await t.db.rows(
    `SELECT (SELECT COUNT(*) FROM ticket_record WHERE show_id = ?) AS expired_left,
            (SELECT COUNT(*) FROM ticket_record t JOIN show_record s USING (show_id) WHERE s.starts_at = ?) AS upcoming,
            (SELECT COUNT(*) FROM ticket_event WHERE show_id = ? AND kind = 'removed') AS removed_events,
            (SELECT booked FROM show_record WHERE starts_at = ?) AS upcoming_booked`,
    [expiredShow, new Date(upcoming), expiredShow, new Date(upcoming)],
  );
  expect(rows).toMatchObject({ expired_left: 0, upcoming: 150, removed_events: 3000, upcoming_booked: 150 });
});

test('listing shows the expired flag by the database clock, before the sweep has run', async () => {
  const showTime = await showTimeFromNow(t.db, -(8 * 60 - 1));
  await book(showTime, 30);
  await t.db.exec('UPDATE show_record SET starts_at = starts_at - INTERVAL 2 MINUTE WHERE starts_at = ?', [new Date(showTime)]);
  const moved = new Date(new Date(showTime).getTime() - 120_000).toISOString().replace('.000Z', 'Z');
  const rows = await runOperation(t.ctx, 'listByShowTime', { showTime: moved }, manager);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.isExpired)).toBe(true);
  await expect(runOperation(t.ctx, 'lookupTicket', { ticketId: rows[0]!.ticketId }, manager)).rejects.toMatchObject({ code: 'SHOW_EXPIRED' });
});
