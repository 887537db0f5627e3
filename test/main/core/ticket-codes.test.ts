// Ticket codes in the database: made at booking, unique, with no pattern from one booking to
// the next, returned to those who may see them, and given to old tickets by the backfill.
import type { ResultSetHeader, RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TICKET_CODE_ALPHABET, normalizeTicketCode } from '../../../main/common/ticket-code';
import { runMigrations } from '../../../main/core/app';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager = { role: 'manager' as const, label: 'box-office' };
const kiosk = { role: 'kiosk' as const, label: 'lobby-kiosk' };
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 500 });
});
afterAll(async () => {
  await t.drop();
});

const book = (showTime: string, i: number) =>
  runOperation(t.ctx, 'book', { userName: `Guest ${i}`, phoneNo: `600${String(i).padStart(6, '0')}`, showTime }, kiosk);


/** A show the manager scheduled `minutes` from now: kiosks book only shows that exist. */
async function scheduledShow(minutes: number): Promise<string> {
  const showTime = await showTimeFromNow(t.db, minutes);
  await openShow(t.ctx, showTime);
  return showTime;
}
test('bookings in a row get well-formed, distinct codes with no pattern between them', async () => {
  const showTime = await scheduledShow(120);
  const tickets = [];
  for (let i = 0; i < 100; i++) tickets.push(await book(showTime, i));
  const ids = tickets.map((x) => x.ticketId);
  expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true); // the numbers are sequential…
  const codes = tickets.map((x) => normalizeTicketCode(x.ticketCode));
  expect(codes.every((c) => c !== null)).toBe(true);
  expect(new Set(codes).size).toBe(100);
  // …the codes are not: consecutive codes differ in most of their 11 random symbols (a chance
  // pair agreeing in 8 or more of them is about 1 in 10^10), and none is a neighbour of another.
  const value = (c: string) => [...c.slice(0, 11)].reduce((n, s) => n * 32n + BigInt(TICKET_CODE_ALPHABET.indexOf(s)), 0n);
  for (let i = 1; i < codes.length; i++) {
    const [a, b] = [codes[i - 1]!, codes[i]!];
    const differing = [...a.slice(0, 11)].filter((s, k) => s !== b[k]).length;
    expect(differing).toBeGreaterThanOrEqual(4);
    const gap = value(a) - value(b);
    expect(gap > 1000n || gap < -1000n).toBe(true);
  }
  const [stored] = await t.db.rows('SELECT COUNT(DISTINCT ticket_code) AS n FROM ticket_record WHERE ticket_code IS NOT NULL');
  expect(Number(stored!.n)).toBe(100);
});

test('the database refuses a second ticket with the same code, whoever writes it', async () => {
  const showTime = await scheduledShow(130);
  const first = await book(showTime, 1000);
  const raw = await t.raw();
  try {
    const [[guest]] = await raw.query<RowDataPacket[]>('SELECT user_id, show_id FROM ticket_record WHERE ticket_id = ?', [first.ticketId]);
    await expect(raw.query('INSERT INTO ticket_record (user_id, show_id, ticket_code) VALUES (?, ?, ?)', [
      guest!.user_id, guest!.show_id, normalizeTicketCode(first.ticketCode),
    ])).rejects.toMatchObject({ errno: 1062 });
  } finally {
    await raw.end();
  }
});

test('an idempotent retry returns the first booking\'s code', async () => {
  const showTime = await scheduledShow(140);
  const input = { userName: 'Retry Guest', phoneNo: '600999111', showTime };
  const a = await runOperation(t.ctx, 'book', input, kiosk, { idempotencyRef: 'a'.repeat(64) });
  const b = await runOperation(t.ctx, 'book', input, kiosk, { idempotencyRef: 'a'.repeat(64) });
  expect(b).toMatchObject({ ticketId: a.ticketId, ticketCode: a.ticketCode });
});

test('tickets without a code (booked before codes, or a raw INSERT) get one at the next migrate', async () => {
  const showTime = await scheduledShow(150);
  const first = await book(showTime, 2000);
  const raw = await t.raw();
  let rawId: number;
  try {
    await raw.query('UPDATE ticket_record SET ticket_code = NULL WHERE ticket_id = ?', [first.ticketId]);
    const [result] = await raw.query<ResultSetHeader>(
      'INSERT INTO ticket_record (user_id, show_id) SELECT user_id, show_id FROM ticket_record WHERE ticket_id = ?', [first.ticketId],
    );
    rawId = result.insertId;
  } finally {
    await raw.end();
  }
  await runMigrations(t.db);
  const rows = await t.db.rows('SELECT ticket_id, ticket_code FROM ticket_record WHERE ticket_id IN (?, ?) ORDER BY ticket_id', [first.ticketId, rawId]);
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(normalizeTicketCode(String(row.ticket_code))).toBe(row.ticket_code);
  const [none] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record WHERE ticket_code IS NULL');
  expect(Number(none!.n)).toBe(0);
  // The backfilled code is the ticket's proof from now on.
  const view = await runOperation(t.ctx, 'lookupTicket', { ticketCode: String(rows[0]!.ticket_code) }, kiosk);
  expect(view.ticketId).toBe(first.ticketId);
});

test('the manager sees codes in rosters; the viewer does not', async () => {
  const showTime = await scheduledShow(160);
  const booked = await book(showTime, 3000);
  const [asManager] = await runOperation(t.ctx, 'listByShowTime', { showTime }, manager);
  const [asViewer] = await runOperation(t.ctx, 'listByShowTime', { showTime }, { role: 'viewer', label: 'sign' });
  expect(asManager!.ticketCode).toBe(booked.ticketCode);
  expect(asViewer!.ticketCode).toBeUndefined();
  expect(asViewer!.checkedInAt).toBeNull();
});
