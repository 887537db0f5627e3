// A theatre's database from before screens and films (turn 2: sql/001–012 and the routines of
// that time, test/fixtures/sql-turn-2) upgrades in place: every guest, show, ticket, ticket
// code, check-in and audit row survives unchanged, every show lands on "Screen 1" (made with
// MARQUEE_CAPACITY), and the new rules work on the old data.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runMigrations } from '../../../../main/core/app';
import { loadConfig } from '../../../../main/core/config';
import { Database } from '../../../../main/core/db/database';
import { loadMigrations, loadRoutines, migrate, schemaStatus } from '../../../../main/core/db/migrate';
import { quoteDatabaseName } from '../../../../main/core/db/target';
import { runOperation } from '../../../../main/core/operations';
import { createOperationContext } from '../../../../main/core/operations/context';
import { newTicketCode } from '../../../../main/core/operations/ticket-codes';
import { serverTarget } from '../../../support/db';

const TURN_2 = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/sql-turn-2');
const LAST_TURN_2_MIGRATION = '012_idempotency_key_case.sql';

const name = `marquee_up_${randomBytes(4).toString('hex')}`;
let conn: mysql.Connection;

/** Every row of the tables that hold a theatre's business, in key order, as the server gives them. */
async function snapshot(): Promise<Record<string, Record<string, unknown>[]>> {
  const tables: Record<string, string> = {
    user_record: 'SELECT * FROM user_record ORDER BY user_id',
    // The columns show_record had before; the new ones are checked on their own. roster_version
    // is left out: sql/017 marks the checked-in tickets' party as admitted, and that change to
    // its tickets rightly ends kept rosters.
    show_record: 'SELECT show_id, starts_at, title, capacity, booked, created_at FROM show_record ORDER BY show_id',
    // The columns ticket_record had before (sql/017 adds seats and admitted).
    ticket_record: 'SELECT ticket_id, user_id, show_id, is_expired, created_at, updated_at, idem_ref, ticket_code, checked_in_at, checked_in_by FROM ticket_record ORDER BY ticket_id',
    // The columns ticket_event had before (sql/016 adds reason, starts_at, from_starts_at: NULL on old rows).
    ticket_event: 'SELECT event_id, ticket_id, kind, user_id, show_id, from_show_id, actor, at, ticket_code FROM ticket_event ORDER BY event_id',
    api_token: 'SELECT * FROM api_token ORDER BY token_id',
  };
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, sql] of Object.entries(tables)) out[table] = (await conn.query<mysql.RowDataPacket[]>(sql))[0];
  return out;
}

const call = (sql: string, params: unknown[]) => conn.query<mysql.RowDataPacket[][]>(sql, params).then(([sets]) => sets[0]![0]!);

beforeAll(async () => {
  const admin = await mysql.createConnection({ ...serverTarget(), database: undefined });
  await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)}`);
  await admin.end();
  conn = await mysql.createConnection({ ...serverTarget(), database: name, timezone: 'Z' });
  await conn.query("SET time_zone = '+00:00'");
});

afterAll(async () => {
  await conn?.end();
  const admin = await mysql.createConnection({ ...serverTarget(), database: undefined });
  await admin.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
  await admin.end();
});

test('a populated turn-2 database upgrades in place: every row kept, every show on Screen 1, the new rules at work', async () => {
  const turn2 = {
    versioned: loadMigrations().filter((m) => m.name <= LAST_TURN_2_MIGRATION),
    routines: loadRoutines(TURN_2),
  };
  expect(turn2.versioned.at(-1)!.name).toBe(LAST_TURN_2_MIGRATION);
  await migrate(conn, turn2);

  // The theatre's data, written by that version's own routines: shows made by a manager's
  // bookings, one made by hand with a title, two shows three seconds apart (allowed then), a
  // move, a cancellation, a check-in, a device token.
  await conn.query("SET @soon = CAST(UTC_TIMESTAMP() + INTERVAL 10 MINUTE AS DATETIME), @evening = CAST(UTC_TIMESTAMP() + INTERVAL 1 DAY AS DATETIME)");
  await conn.query("INSERT INTO show_record (starts_at, title, capacity, booked, created_at) VALUES (@evening + INTERVAL 2 HOUR, 'Gala', 4, 0, UTC_TIMESTAMP(3))");
  const book = (who: string, at: string) =>
    call(`CALL marquee_book(?, ?, ${at}, 20, 8, 'turn-2 office', NULL, ?)`, [who, `+49301234${who.length}${who.charCodeAt(0)}`, newTicketCode()]);
  const ana = await book('Ana', '@soon');
  await book('Bea', '@soon');
  const cy = await book('Cy', '@evening');
  await book('Di', '@evening + INTERVAL 3 SECOND');
  const ed = await book('Ed', '@evening + INTERVAL 2 HOUR');
  await call("CALL marquee_move(?, @evening + INTERVAL 2 HOUR, NULL, 20, 8, 'turn-2 office')", [cy.ticket_id]);
  await conn.query("CALL marquee_delete(?, NULL, 0, 'turn-2 office')", [ed.ticket_id]);
  expect((await call("CALL marquee_checkin(?, 60, 480, 8, 'Door 1')", [ana.ticket_code])).outcome).toBe('checked_in');
  await conn.query("INSERT INTO api_token (label, role, token_hash, created_at) VALUES ('Lobby kiosk', 'kiosk', REPEAT('a', 64), UTC_TIMESTAMP(3))");
  const before = await snapshot();
  expect(before.show_record).toHaveLength(4);
  expect(before.ticket_event!.length).toBeGreaterThanOrEqual(8);

  // The upgrade, as `marquee migrate` runs it with MARQUEE_CAPACITY=35.
  const config = { ...loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_CAPACITY: '35' }), dbUrl: undefined };
  const db = new Database({ ...serverTarget(), database: name }, { poolSize: 4 });
  try {
    const result = await runMigrations(db, config);
    expect(result.applied).toContain('015_screens_films.sql');
    expect(await schemaStatus(conn)).toMatchObject({ upToDate: true });
    // Every row kept as it was; the one word that changed since is the audit's (sql/014): a
    // ticket given up is 'cancelled' now.
    const renamed = { ...before, ticket_event: before.ticket_event!.map((e) => (e.kind === 'deleted' ? { ...e, kind: 'cancelled' } : e)) };
    expect(before.ticket_event!.filter((e) => e.kind === 'deleted')).toHaveLength(1);
    expect(await snapshot()).toEqual(renamed);

    const [screens] = await conn.query<mysql.RowDataPacket[]>('SELECT screen_id, name, capacity FROM screen');
    expect(screens).toEqual([{ screen_id: 1, name: 'Screen 1', capacity: 35 }]);
    const [shows] = await conn.query<mysql.RowDataPacket[]>('SELECT screen_id, film_id, ends_at = starts_at AS instant FROM show_record');
    expect(shows.map((s) => [Number(s.screen_id), s.film_id, Number(s.instant)])).toEqual(Array(4).fill([1, null, 1]));

    // The old data under the new rules: a show is named by its time as before or by its id;
    // the two shows three seconds apart are both still bookable.
    const ctx = createOperationContext(db, config);
    const kiosk = { role: 'kiosk' as const, label: 'Lobby kiosk' };
    const manager = { role: 'manager' as const, label: 'Office' };
    const [[di]] = await conn.query<mysql.RowDataPacket[]>("SELECT show_id, starts_at FROM show_record WHERE starts_at = @evening + INTERVAL 3 SECOND");
    const [[evening]] = await conn.query<mysql.RowDataPacket[]>('SELECT show_id, starts_at FROM show_record WHERE starts_at = @evening');
    const byTime = await runOperation(ctx, 'book', { userName: 'Fay', phoneNo: '+4930555000', showTime: (evening!.starts_at as Date).toISOString() }, kiosk);
    expect(byTime.showId).toBe(Number(evening!.show_id));
    const byId = await runOperation(ctx, 'book', { userName: 'Gus', phoneNo: '+4930555001', showId: Number(di!.show_id) }, kiosk);
    expect(byId.seatsLeft).toBe(18);
    const moved = await runOperation(ctx, 'move', { ticketId: cy.ticket_id, showId: Number(evening!.show_id) }, manager);
    expect(moved.showId).toBe(Number(evening!.show_id));
    const history = await runOperation(ctx, 'ticketHistory', { ticketId: cy.ticket_id }, manager);
    expect(history.map((e) => e.kind)).toEqual(['booked', 'moved', 'moved']);
    // And a film show over the old ones is refused on Screen 1.
    const film = await runOperation(ctx, 'createFilm', { title: 'Casablanca', runtimeMinutes: 102 }, manager);
    await expect(runOperation(ctx, 'createShow', { showTime: new Date((evening!.starts_at as Date).getTime() - 30 * 60_000).toISOString(), filmId: film.filmId }, manager))
      .rejects.toMatchObject({ code: 'SCREEN_BUSY', details: { showId: String(evening!.show_id) } });
  } finally {
    await db.close();
  }
});
