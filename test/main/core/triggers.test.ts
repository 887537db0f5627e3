// The triggers guard every write path, including a DBA's raw SQL.
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const kiosk = { role: 'kiosk' as const, label: 'lobby-1' };
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 3 });
});
afterAll(async () => {
  await t.drop();
});

async function fillShow(minutesAhead: number) {
  const showTime = await showTimeFromNow(t.db, minutesAhead);
  await openShow(t.ctx, showTime);
  const tickets = [];
  for (let i = 0; i < 3; i++) {
    tickets.push(await runOperation(t.ctx, 'book', { userName: `Fill ${i}`, phoneNo: `55500000${i}`, showTime }, kiosk));
  }
  const [show] = await t.db.rows('SELECT show_id, booked, capacity FROM show_record WHERE starts_at = ?', [new Date(showTime)]);
  return { showTime, tickets, showId: Number(show!.show_id), booked: Number(show!.booked) };
}

test('a raw INSERT into a full show is refused by the trigger; a raw DELETE frees a seat', async () => {
  const full = await fillShow(60);
  expect(full.booked).toBe(3);
  const conn = await t.raw();
  try {
    const [[user]] = await conn.query<RowDataPacket[]>('SELECT user_id FROM user_record LIMIT 1');
    await expect(conn.query('INSERT INTO ticket_record (user_id, show_id) VALUES (?, ?)', [user!.user_id, full.showId])).rejects.toMatchObject({
      sqlState: '45000',
      message: expect.stringContaining('MARQUEE:HOUSEFULL'),
    });
    const [[after]] = await conn.query<RowDataPacket[]>('SELECT booked FROM show_record WHERE show_id = ?', [full.showId]);
    expect(after!.booked).toBe(3);

    await conn.query('DELETE FROM ticket_record WHERE ticket_id = ?', [full.tickets[0]!.ticketId]);
    const [[freed]] = await conn.query<RowDataPacket[]>('SELECT booked FROM show_record WHERE show_id = ?', [full.showId]);
    expect(freed!.booked).toBe(2);
    const [[audit]] = await conn.query<RowDataPacket[]>(
      "SELECT actor FROM ticket_event WHERE ticket_id = ? AND kind = 'cancelled'",
      [full.tickets[0]!.ticketId],
    );
    expect(audit!.actor).toMatch(/^root@/); // a raw statement is attributed to the database user

    const again = await runOperation(t.ctx, 'book', { userName: 'Late Guest', phoneNo: '555000099', showTime: full.showTime }, kiosk);
    expect(again.seatsLeft).toBe(0);
  } finally {
    await conn.end();
  }
});

test('a raw UPDATE moving a ticket into a full show is refused; counts stay exact', async () => {
  const full = await fillShow(90);
  const otherTime = await showTimeFromNow(t.db, 100);
  await openShow(t.ctx, otherTime);
  const other = await runOperation(t.ctx, 'book', { userName: 'Mover', phoneNo: '555111222', showTime: otherTime }, kiosk);
  const conn = await t.raw();
  try {
    await expect(conn.query('UPDATE ticket_record SET show_id = ? WHERE ticket_id = ?', [full.showId, other.ticketId])).rejects.toMatchObject({
      sqlState: '45000',
    });
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT s.show_id, s.booked, (SELECT COUNT(*) FROM ticket_record t WHERE t.show_id = s.show_id) AS actual FROM show_record s',
    );
    for (const row of rows) expect(Number(row.booked)).toBe(Number(row.actual));
  } finally {
    await conn.end();
  }
});

test('the booked counter cannot exceed capacity even when written directly (CHECK constraint)', async () => {
  const full = await fillShow(120);
  const conn = await t.raw();
  try {
    await expect(conn.query('UPDATE show_record SET booked = booked + 1 WHERE show_id = ?', [full.showId])).rejects.toMatchObject({
      errno: expect.any(Number),
    });
  } finally {
    await conn.end();
  }
});
