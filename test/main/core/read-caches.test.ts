// The read caches (issue 14). A roster is served again only while its show's row says nothing
// changed: every write path — the operations, another process sharing the database, a DBA's
// raw SQL, the clock passing the expiry — shows once checked; checks are made on every read
// with MARQUEE_READ_CACHE_MS=0, after the window (≤ 1 s) otherwise, and at once after a write
// through this process. The show list follows the same window.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Actor } from '../../../main/common/operations';
import { runOperation } from '../../../main/core/operations';
import { createOperationContext } from '../../../main/core/operations/context';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager: Actor = { role: 'manager', label: 'office' };
const viewer: Actor = { role: 'viewer', label: 'sign' };
const door: Actor = { role: 'door', label: 'Door A' };
let seq = 0;

beforeAll(async () => {
  t = await createTestDatabase({ capacity: 50, checkinOpensMinutes: 24 * 60 });
});
afterAll(() => t.drop());

const book = (showTime: string, ctx = t.ctx) =>
  runOperation(ctx, 'book', { userName: `Roster Guest ${++seq}`, phoneNo: `+3460000${String(seq).padStart(4, '0')}`, showTime }, manager);
const roster = (showTime: string, actor: Actor = manager, ctx = t.ctx) => runOperation(ctx, 'listByShowTime', { showTime }, actor);

async function newShow(minutesFromNow: number): Promise<string> {
  const showTime = await showTimeFromNow(t.db, minutesFromNow + Math.random() * 600);
  await openShow(t.ctx, showTime);
  return showTime;
}

test('an unchanged roster is served again; a booking, a cancellation and a move show at once', async () => {
  const show = await newShow(120);
  const other = await newShow(240);
  const first = await book(show);
  const a = await roster(show);
  expect(await roster(show)).toBe(a); // the same answer, not read again
  const second = await book(show);
  expect((await roster(show)).map((r) => r.ticketId)).toEqual([first.ticketId, second.ticketId]);
  await runOperation(t.ctx, 'cancel', { ticketId: first.ticketId }, manager);
  expect((await roster(show)).map((r) => r.ticketId)).toEqual([second.ticketId]);
  const otherBefore = await roster(other);
  expect(otherBefore).toEqual([]);
  await book(other);
  const onOther = await roster(other);
  await runOperation(t.ctx, 'move', { ticketId: second.ticketId, showTime: other }, manager);
  expect(await roster(show)).toEqual([]);
  // Rosters list tickets by number.
  expect((await roster(other)).map((r) => r.ticketId)).toEqual([...onOther.map((r) => r.ticketId), second.ticketId].sort((x, y) => x - y));
});

test('checked against the show on every read (MARQUEE_READ_CACHE_MS=0), a change by another process or by raw SQL shows in the next read', async () => {
  const strict = createOperationContext(t.db, { ...t.config, readCacheMs: 0 });
  const show = await newShow(60);
  const ticket = await book(show);
  expect((await roster(show, manager, strict))[0]!.checkedInAt).toBeNull();
  // Another serve sharing the database: its own context, its own cache.
  const elsewhere = createOperationContext(t.db, t.config);
  await runOperation(elsewhere, 'checkIn', { ticketCode: ticket.ticketCode }, door);
  expect((await roster(show, manager, strict))[0]!.checkedInBy).toBe('Door A');
  // A DBA undoing the check-in by hand.
  const raw = await t.raw();
  try {
    await raw.query('UPDATE ticket_record SET checked_in_at = NULL, checked_in_by = NULL WHERE ticket_id = ?', [ticket.ticketId]);
  } finally {
    await raw.end();
  }
  expect((await roster(show, manager, strict))[0]!.checkedInAt).toBeNull();
  // And a booking through the other process.
  const more = await book(show, elsewhere);
  expect((await roster(show, manager, strict)).map((r) => r.ticketId)).toEqual([ticket.ticketId, more.ticketId]);
});

test('with the default window a change made elsewhere shows once the window has passed; one made here at once', async () => {
  expect(t.config.readCacheMs).toBe(1000);
  const show = await newShow(70);
  const ticket = await book(show);
  const before = await roster(show);
  expect(before[0]!.checkedInAt).toBeNull();
  const elsewhere = createOperationContext(t.db, t.config);
  await runOperation(elsewhere, 'checkIn', { ticketCode: ticket.ticketCode }, door);
  // Within the window the roster confirmed a moment ago is served as it was: the bounded
  // staleness the window allows, as a token check has.
  expect(await roster(show)).toBe(before);
  await new Promise((resolve) => setTimeout(resolve, t.config.readCacheMs + 50));
  expect((await roster(show))[0]!.checkedInBy).toBe('Door A');
  // Undone here: no window applies to this process's own writes.
  await runOperation(t.ctx, 'undoCheckIn', { ticketId: ticket.ticketId }, manager);
  expect((await roster(show))[0]!.checkedInAt).toBeNull();
});

test('what a role may see is never served to another: a viewer after a manager gets masked phones and no codes', async () => {
  const show = await newShow(90);
  const ticket = await book(show);
  const [full] = await roster(show, manager);
  expect(full!.ticketCode).toBe(ticket.ticketCode);
  expect(full!.phoneNo).toMatch(/^\+346/);
  const [masked] = await roster(show, viewer);
  expect(masked!.ticketCode).toBeUndefined();
  expect(masked!.phoneNo).toMatch(/^•••• \d\d$/);
  // Both views stay cached side by side.
  expect((await roster(show, manager))[0]!.phoneNo).toBe(full!.phoneNo);
  expect((await roster(show, viewer))[0]!.phoneNo).toBe(masked!.phoneNo);
});

test('a show that passes its expiry while cached is answered expired', async () => {
  // Starts 8 h minus 3 s ago: expires 3 s from now by the database clock.
  const showTime = await showTimeFromNow(t.db, -8 * 60 + 3 / 60);
  await openShow(t.ctx, showTime);
  await book(showTime);
  expect((await roster(showTime))[0]!.isExpired).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect((await roster(showTime))[0]!.isExpired).toBe(true);
});

test('a show deleted and made again at the same time is not confused with the old one', async () => {
  const show = await newShow(300);
  const ticket = await book(show);
  expect(await roster(show)).toHaveLength(1);
  await runOperation(t.ctx, 'cancel', { ticketId: ticket.ticketId }, manager);
  await runOperation(t.ctx, 'deleteShow', { showTime: show }, manager);
  await openShow(t.ctx, show);
  const again = await book(show);
  expect((await roster(show)).map((r) => r.ticketId)).toEqual([again.ticketId]);
});

test('the seat list is served again within the window, fresh at once after a booking here, and after the window for one made elsewhere', async () => {
  const kiosk: Actor = { role: 'kiosk', label: 'Lobby' };
  const show = await newShow(400);
  const seatsOf = (list: { showTime: string; seatsLeft: number }[]) => list.find((s) => Date.parse(s.showTime) === Date.parse(show))?.seatsLeft;
  const list = () => runOperation(t.ctx, 'listShows', {}, kiosk);
  const first = await list();
  expect(await list()).toBe(first); // the same answer, not read again
  const seats = seatsOf(first)!;
  await book(show);
  expect(seatsOf(await list())).toBe(seats - 1);
  const elsewhere = createOperationContext(t.db, t.config);
  const again = await list();
  await book(show, elsewhere);
  expect(await list()).toBe(again);
  await new Promise((resolve) => setTimeout(resolve, t.config.readCacheMs + 50));
  expect(seatsOf(await list())).toBe(seats - 2);
  // Each view has its own list: a manager's is not the kiosk's.
  expect(await runOperation(t.ctx, 'listShows', {}, manager)).not.toBe(await list());
});

/** A context of its own (its own caches) on `t.db`, with the statements it sends counted. */
function countingContext() {
  let statements = 0;
  const db = Object.create(t.db) as typeof t.db;
  db.rows = ((sql: string, params?: never[]) => {
    statements += 1;
    return t.db.rows(sql, params);
  }) as typeof t.db.rows;
  return { ctx: createOperationContext(db, t.config), statements: () => statements };
}

test('requests that find their answer expired at the same moment share one check or read; one after a write here does not join it', async () => {
  const show = await newShow(500);
  const { ctx, statements } = countingContext();
  const first = await book(show, ctx);
  const kept = await roster(show, manager, ctx);
  await new Promise((resolve) => setTimeout(resolve, t.config.readCacheMs + 50));
  // 16 requests after the window: one check of the show's stamp, the kept roster for all.
  const sent = statements();
  const answers = await Promise.all(Array.from({ length: 16 }, () => roster(show, manager, ctx)));
  expect(statements() - sent).toBe(1);
  for (const answer of answers) expect(answer).toBe(kept);
  // The kiosk's show list, read by 16 requests at once: one query.
  const kiosk: Actor = { role: 'kiosk', label: 'Lobby' };
  const beforeLists = statements();
  const lists = await Promise.all(Array.from({ length: 16 }, () => runOperation(ctx, 'listShows', {}, kiosk)));
  expect(statements() - beforeLists).toBe(1);
  expect(new Set(lists).size).toBe(1);
  // A read that started before a booking here is not what a request after the booking gets.
  await new Promise((resolve) => setTimeout(resolve, t.config.readCacheMs + 50));
  const before = roster(show, manager, ctx);
  const second = await book(show, ctx);
  expect((await roster(show, manager, ctx)).map((r) => r.ticketId)).toEqual([first.ticketId, second.ticketId]);
  await before;
});
