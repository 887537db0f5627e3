// Marquee under a runtime account with only DML + EXECUTE (the README's GRANT line) and
// MARQUEE_MIGRATE=off: every operation works and nothing needs DDL; with the schema behind, serve
// refuses to start with one sentence.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OPERATIONS, type Actor, type OperationName } from '../../../main/common/operations';
import { startCore } from '../../../main/core/app';
import type { Core } from '../../../main/core/core';
import { loadMigrationPlan, migrate, MigrationError } from '../../../main/core/db/migrate';
import { formatDbUrl, quoteDatabaseName } from '../../../main/core/db/target';
import { RUNTIME_PRIVILEGES } from '../../support/privileges';
import { createTokenWithCli } from '../../support/server';
import { createTestDatabase, serverTarget, showTimeFromNow, type TestDatabase } from '../../support/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const user = `mq_rt_${randomBytes(3).toString('hex')}`;
const password = randomBytes(12).toString('hex');
// Both host forms: TCP from 127.0.0.1 and a Unix socket (the embedded test server) log in as
// different accounts.
const HOSTS = ['%', 'localhost'];
let t: TestDatabase;
let behindDb: string;
let core: Core;

const runtimeUrl = (database: string) => formatDbUrl({ ...serverTarget(), user, password, database });

async function asRoot<T>(work: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ ...serverTarget(), database: undefined });
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  t = await createTestDatabase({ capacity: 3 }); // migrated by the test's admin (root)
  behindDb = `marquee_behind_${randomBytes(4).toString('hex')}`;
  await asRoot(async (conn) => {
    await conn.query(`CREATE DATABASE ${quoteDatabaseName(behindDb)}`);
    for (const host of HOSTS) {
      await conn.query('CREATE USER ?@? IDENTIFIED BY ?', [user, host, password]);
      // Exactly the README's runtime grant.
      for (const db of [t.target.database, behindDb]) {
        await conn.query(`GRANT ${RUNTIME_PRIVILEGES} ON ${quoteDatabaseName(db)}.* TO ?@?`, [user, host]);
      }
    }
  });
  // A database one versioned migration behind this build: migrated, then the record of the
  // last versioned file taken back (a partial plan would not do: the routines are written for
  // the whole schema).
  const conn = await mysql.createConnection({ ...serverTarget(), database: behindDb });
  const plan = loadMigrationPlan();
  await migrate(conn, plan);
  await conn.query('DELETE FROM marquee_migration WHERE name = ?', [plan.versioned.at(-1)!.name]);
  await conn.end();
});

afterAll(async () => {
  await core?.close();
  await t?.drop();
  await asRoot(async (conn) => {
    for (const host of HOSTS) await conn.query('DROP USER IF EXISTS ?@?', [user, host]);
    await conn.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(behindDb)}`);
  });
});

test('the runtime account really cannot run DDL (so the rest of this file proves something)', async () => {
  const conn = await mysql.createConnection({ ...serverTarget(), user, password, database: t.target.database });
  await expect(conn.query('CREATE TABLE marquee_probe (x INT)')).rejects.toMatchObject({ errno: 1142 });
  await expect(conn.query('DROP PROCEDURE marquee_book')).rejects.toMatchObject({ errno: 1370 });
  await conn.end();
  // And so MARQUEE_MIGRATE=auto (the default) fails with it as soon as there is DDL to run (here a
  // routine out of date); with nothing to apply it runs none (its own tables are made only when missing).
  const cancel = loadMigrationPlan().routines.find((r) => r.routine === 'marquee_cancel')!;
  const record = (checksum: string) =>
    asRoot((root) => root.query(`UPDATE ${quoteDatabaseName(t.target.database)}.marquee_migration SET checksum = ? WHERE name = ?`, [checksum, cancel.name]));
  await record('stale');
  try {
    await expect(startCore({ ...t.config, dbUrl: runtimeUrl(t.target.database), migrate: 'auto' }, { sweep: false })).rejects.toThrow(/denied/);
  } finally {
    await record(cancel.checksum);
  }
});

test('with MARQUEE_MIGRATE=off every operation works as the runtime account, and the sweep too', async () => {
  core = await startCore({ ...t.config, dbUrl: runtimeUrl(t.target.database), migrate: 'off' }, { sweep: false });
  const manager = { role: 'manager' as const, label: 'Box office' };
  const kiosk = { role: 'kiosk' as const, label: 'Lobby kiosk' };
  const door = { role: 'door' as const, label: 'Door 1' };
  const soon = await showTimeFromNow(t.db, 30);
  const later = await showTimeFromNow(t.db, 120);
  const past = await showTimeFromNow(t.db, -(8 * 60 - 1));
  const done = new Set<OperationName>();
  const run = async <K extends OperationName>(name: K, input: unknown, actor: Actor = manager) => {
    done.add(name);
    return core.run(name, input, actor);
  };
  expect(await run('createShow', { showTime: soon, title: 'Matinée', capacity: 3 })).toMatchObject({ capacity: 3 });
  await run('createShow', { showTime: later });

  const ticket = await run('book', { userName: 'Zoë 王小明', phoneNo: '+4915112345678', showTime: soon }, kiosk);
  expect(ticket.seatsLeft).toBe(2);
  expect(await run('checkIn', { ticketCode: ticket.ticketCode }, door)).toMatchObject({ userName: 'Zoë 王小明' });
  expect(await run('undoCheckIn', { ticketCode: ticket.ticketCode })).toBeTruthy();
  expect((await run('doorShows', {}, door)).length).toBeGreaterThanOrEqual(1);
  await run('move', { ticketCode: ticket.ticketCode, showTime: later }, kiosk);
  expect(await run('lookupTicket', { ticketCode: ticket.ticketCode }, kiosk)).toMatchObject({ userName: 'Zoë 王小明' });
  expect(await run('listByShowTime', { showTime: later })).toHaveLength(1);
  expect((await run('searchTickets', { query: 'zoe' })).map((r) => r.ticketId)).toEqual([ticket.ticketId]);
  expect(await run('updateShow', { showTime: later, title: 'Evening' })).toMatchObject({ title: 'Evening', booked: 1 });
  expect((await run('ticketHistory', { ticketId: ticket.ticketId })).map((e) => e.kind)).toEqual(['booked', 'checked_in', 'checkin_undone', 'moved']);
  await run('cancel', { ticketCode: ticket.ticketCode }, kiosk);
  await expect(run('lookupTicket', { ticketId: ticket.ticketId })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  expect((await run('listShows', {})).length).toBeGreaterThanOrEqual(2);
  const token = await run('createToken', { role: 'viewer', label: 'Foyer screen' });
  expect((await run('listTokens', {})).map((d) => d.tokenId)).toContain(token.tokenId);
  await run('revokeToken', { tokenId: token.tokenId });
  expect(await run('serverStatus', {})).toBeTruthy();
  expect((await run('salesReport', {})).totals).toMatchObject({ sold: 1, cancelled: 1, movedIn: 1, movedOut: 1 });
  const spare = await showTimeFromNow(t.db, 240);
  await run('createShow', { showTime: spare });
  expect(await run('deleteShow', { showTime: spare })).toMatchObject({ showTime: expect.any(String) });
  expect(await run('deviceSelf', {}, door)).toMatchObject({ role: 'door', label: 'Door 1' });
  const pairing = await run('createPairing', { role: 'kiosk', label: 'Lobby kiosk 2' });
  // A wrong code is written down (the guess limit), the right one gives a kiosk token.
  const wrong = String((Number(pairing.code) + 1) % 1_000_000).padStart(6, '0');
  await expect(run('redeemPairing', { code: wrong })).rejects.toMatchObject({ code: 'PAIRING_CODE_INVALID' });
  expect(await run('redeemPairing', { code: pairing.code })).toMatchObject({ role: 'kiosk', label: 'Lobby kiosk 2' });
  const screen = await run('createScreen', { name: 'Screen 2', capacity: 80 });
  expect((await run('listScreens', {}, kiosk)).screens.map((s) => s.name)).toEqual(['Screen 1', 'Screen 2']);
  expect(await run('updateScreen', { screenId: screen.screenId, notes: 'Balcony closed' })).toMatchObject({ notes: 'Balcony closed' });
  const film = await run('createFilm', { title: 'Casablanca', runtimeMinutes: 102, rating: 'PG' });
  // A show of the film on the new screen: the show triggers run as the runtime account too.
  await run('createShow', { showTime: later, screenId: screen.screenId, filmId: film.filmId });
  expect(await run('updateFilm', { filmId: film.filmId, runtimeMinutes: 110 })).toMatchObject({ runtimeMinutes: 110 });
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  expect((await run('setFilmPoster', { filmId: film.filmId, image: png })).posterUrl).toMatch(/^\/film\/\d+\/poster\?v=/);
  expect((await run('listFilms', {}, kiosk)).films.map((f) => f.title)).toEqual(['Casablanca']);
  await expect(run('deleteScreen', { screenId: screen.screenId })).rejects.toMatchObject({ code: 'SCREEN_HAS_SHOWS' });
  // The week's program: made in one request, one show moved with its ticket, the other cancelled.
  const day = new Date(Date.parse(later) + 2 * 86_400_000).toISOString().slice(0, 10);
  const program = await run('scheduleShows', { filmId: film.filmId, screenIds: [screen.screenId], from: day, to: day, times: ['16:00', '20:00'] });
  const [first, second] = program.shows.map((s) => s.showId!);
  await run('book', { userName: 'Program guest', phoneNo: '+4915112345679', showId: first });
  await run('book', { userName: 'Other guest', phoneNo: '+4915112345670', showId: second });
  expect(await run('rescheduleShow', { showId: first, showTime: `${day}T13:00:00Z` })).toMatchObject({ movedTickets: 1 });
  expect(await run('cancelShow', { showId: second, reason: 'Projector failure' })).toMatchObject({ cancelledTickets: 1 });
  expect((await run('filmReport', { from: day, to: day })).totals).toEqual([{ filmId: film.filmId, title: 'Casablanca', shows: 1, admissions: 1, gross: 0, currency: 'USD' }]);
  // Ticket types and a party: the quota, the per-show price and a partial give-back, all in the
  // triggers and procedures the runtime account only executes.
  const wheelchair = await run('createTicketType', { name: 'Wheelchair', price: 700, quotaPerShow: 1 });
  expect(await run('updateTicketType', { ticketTypeId: wheelchair.ticketTypeId, price: 650 })).toMatchObject({ price: 650 });
  expect((await run('listTicketTypes', {}, kiosk)).ticketTypes.map((tt) => tt.name)).toEqual(['Standard', 'Wheelchair']);
  await run('updateShow', { showId: first, prices: [{ ticketTypeId: wheelchair.ticketTypeId, price: 500 }] });
  expect((await run('showTicketTypes', { showId: first }, kiosk)).ticketTypes).toMatchObject([{ name: 'Standard' }, { name: 'Wheelchair', price: 500, left: 1 }]);
  const party = await run('book', { userName: 'Party guest', phoneNo: '+4915112345671', showId: first, items: [{ ticketTypeId: 1, count: 2 }, { ticketTypeId: wheelchair.ticketTypeId, count: 1 }] }, kiosk);
  expect(party).toMatchObject({ seats: 3, total: 500 });
  await expect(run('book', { userName: 'Late party', phoneNo: '+4915112345672', showId: first, items: [{ ticketTypeId: wheelchair.ticketTypeId, count: 1 }] }, kiosk))
    .rejects.toMatchObject({ code: 'QUOTA_FULL' });
  expect(await run('cancel', { ticketCode: party.ticketCode, items: [{ ticketTypeId: 1, count: 1 }] }, kiosk)).toMatchObject({ seats: 2, released: 1 });
  const unsold = await run('createTicketType', { name: 'Unsold', price: 100 });
  expect(await run('deleteTicketType', { ticketTypeId: unsold.ticketTypeId })).toEqual({ ticketTypeId: unsold.ticketTypeId });
  // The counter's money, as the runtime account: a sale with change, a reservation paid, a refund, the cash-up.
  const counter = { role: 'counter' as const, label: 'Counter 1', tokenId: 77 };
  const sold = await run('sell', { showId: first, items: [{ ticketTypeId: wheelchair.ticketTypeId, count: 1 }], payment: { method: 'cash', amount: 0, tendered: 0 } }, manager).catch((e: unknown) => e);
  expect(sold).toMatchObject({ code: 'QUOTA_FULL' });
  const sale = await run('sell', { showId: first, items: [{ ticketTypeId: 1, count: 1 }], payment: { method: 'cash', amount: 0, tendered: 500 } }, counter);
  expect(sale).toMatchObject({ paid: true, change: 500 });
  const priced = await run('createTicketType', { name: 'Adult', price: 900 });
  const reserved = await run('book', { userName: 'Pays later', phoneNo: '+4915112345673', showId: first, items: [{ ticketTypeId: priced.ticketTypeId, count: 2 }] }, kiosk);
  expect(reserved).toMatchObject({ paid: false, amountDue: 1800 });
  expect(await run('payTicket', { ticketCode: reserved.ticketCode, payment: { method: 'card', amount: 1800, reference: 'T-9' } }, counter)).toMatchObject({ amountDue: 0, paid: 1800 });
  await expect(run('refundTicket', { ticketId: reserved.ticketId, amount: 1801, method: 'card', reason: 'Too much' })).rejects.toMatchObject({ code: 'REFUND_TOO_LARGE' });
  expect(await run('refundTicket', { ticketId: reserved.ticketId, amount: 900, method: 'card', reason: 'One went home' }, counter)).toMatchObject({ paid: 900 });
  expect((await run('cashUp', { day: new Date().toISOString().slice(0, 10) })).totals.card).toEqual({ sales: 1800, refunds: 900 });
  expect(await run('closeCashUp', { day: new Date().toISOString().slice(0, 10), counted: 50 }, counter)).toMatchObject({ device: 'Counter 1', expected: 0, counted: 50, difference: 50 });
  // The door's entrance, its snapshot and the manager's list of offline conflicts.
  const doorToken = await run('createToken', { role: 'door', label: 'Door 2' });
  expect(await run('updateToken', { tokenId: doorToken.tokenId, screenIds: [screen.screenId] })).toEqual({ tokenId: doorToken.tokenId, screenIds: [screen.screenId] });
  expect(await run('doorSnapshot', {}, door)).toMatchObject({ version: expect.any(String) });
  expect(await run('checkinConflicts', {})).toEqual([]);
  expect([...done].sort()).toEqual((Object.keys(OPERATIONS) as OperationName[]).sort());

  await run('book', { userName: 'Late guest', phoneNo: '+15550100', showTime: past });
  await t.db.exec('UPDATE show_record SET starts_at = starts_at - INTERVAL 2 MINUTE WHERE starts_at = ?', [new Date(past)]);
  expect(await core.sweeper.runOnce()).toMatchObject({ marked: 1, deleted: 1, error: null });
});

test('the token CLI works as the runtime account with MARQUEE_MIGRATE=off', async () => {
  const token = await createTokenWithCli(runtimeUrl(t.target.database), 'kiosk', 'CLI kiosk', { MARQUEE_MIGRATE: 'off' });
  expect(token).toMatch(/^\S{20,}$/);
});

test('with the schema behind, MARQUEE_MIGRATE=off refuses to start with one sentence, changing nothing', async () => {
  const sentence =
    'The database schema is behind this version of Marquee (1 migration pending); run `npx marquee migrate` with an admin account.';
  const config = { ...t.config, dbUrl: runtimeUrl(behindDb), migrate: 'off' as const };
  await expect(startCore(config, { sweep: false })).rejects.toEqual(new MigrationError(sentence));

  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'marquee.js'), 'serve'],
      {
        cwd: ROOT,
        timeout: 60_000,
        env: { ...process.env, MARQUEE_DB_URL: runtimeUrl(behindDb), MARQUEE_MIGRATE: 'off', MARQUEE_HTTP_PORT: '0', MARQUEE_HTTP_HOST: '127.0.0.1', MARQUEE_TIMEZONE: 'UTC' },
      },
      (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }),
    );
  });
  expect(code).toBe(1);
  expect(stderr).toContain(sentence);
  expect(stderr).not.toMatch(/\n\s+at /);
  await asRoot(async (conn) => {
    const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${quoteDatabaseName(behindDb)}.marquee_migration`);
    expect(Number(rows[0]!.n)).toBe(loadMigrationPlan().versioned.length - 1 + loadMigrationPlan().routines.length);
  });
});
