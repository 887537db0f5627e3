// Screens, films and shows on them (issue 20): several screens start at one minute, one screen
// never holds two overlapping shows — refused by the database for every write path and under
// concurrency —, a show is named by showId everywhere, and a time that names several shows is
// AMBIGUOUS_SHOW with its candidates.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RowDataPacket } from 'mysql2';
import { MarqueeError } from '../../../main/common/errors';
import type { Show } from '../../../main/common/schemas';
import { runOperation } from '../../../main/core/operations';
import { applyDatabaseSettings } from '../../../main/core/settings';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager = { role: 'manager' as const, label: 'Programme office' };
const kiosk = { role: 'kiosk' as const, label: 'Lobby kiosk' };
const viewer = { role: 'viewer' as const, label: 'Foyer screen' };
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 12, turnaroundMinutes: 20 });
});
afterAll(async () => {
  await t.drop();
});

/** A whole minute `minutes` from now by the database clock (ISO, UTC). */
async function minuteFromNow(minutes: number): Promise<string> {
  const iso = await showTimeFromNow(t.db, minutes);
  return `${iso.slice(0, 17)}00Z`;
}
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z');
const local = (iso: string) => iso.replace('Z', '+00:00');

let screenSeq = 0;
const newScreen = (capacity = 50) => runOperation(t.ctx, 'createScreen', { name: `Screen ${++screenSeq + 100}`, capacity }, manager);
const newFilm = (runtimeMinutes: number, title = 'Casablanca') => runOperation(t.ctx, 'createFilm', { title, runtimeMinutes, rating: 'PG' }, manager);

/** What the operation refused with, as the contract carries it. */
async function refusal(work: Promise<unknown>): Promise<MarqueeError> {
  const err = await work.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MarqueeError);
  return err as MarqueeError;
}

describe('screens', () => {
  test('the migration made "Screen 1" with MARQUEE_CAPACITY; a screen is created, listed, renamed and its name is unique', async () => {
    const { screens } = await runOperation(t.ctx, 'listScreens', {}, kiosk);
    expect(screens[0]).toEqual({ screenId: 1, name: 'Screen 1', capacity: 12, notes: null });
    const made = await runOperation(t.ctx, 'createScreen', { name: '  Studio   B ', capacity: 40, notes: 'Wheelchair spaces in row A' }, manager);
    expect(made).toEqual({ screenId: expect.any(Number), name: 'Studio B', capacity: 40, notes: 'Wheelchair spaces in row A' });
    expect((await runOperation(t.ctx, 'listScreens', {}, viewer)).screens).toContainEqual(made);
    const renamed = await runOperation(t.ctx, 'updateScreen', { screenId: made.screenId, name: 'Studio C', notes: null }, manager);
    expect(renamed).toEqual({ ...made, name: 'Studio C', notes: null });
    await expect(runOperation(t.ctx, 'createScreen', { name: 'Studio C', capacity: 10 }, manager)).rejects.toMatchObject({ code: 'SCREEN_EXISTS', field: 'name' });
    await expect(runOperation(t.ctx, 'updateScreen', { screenId: 9999, capacity: 10 }, manager)).rejects.toMatchObject({ code: 'SCREEN_NOT_FOUND', status: 404 });
    await expect(runOperation(t.ctx, 'createScreen', { name: 'Kiosk made', capacity: 10 }, kiosk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a screen with a show to come is kept (409 with the count); one never used is deleted, one with past shows only is retired', async () => {
    const busy = await newScreen();
    const showTime = await minuteFromNow(600);
    await runOperation(t.ctx, 'createShow', { showTime, screenId: busy.screenId }, manager);
    const kept = await refusal(runOperation(t.ctx, 'deleteScreen', { screenId: busy.screenId }, manager));
    expect(kept).toMatchObject({ code: 'SCREEN_HAS_SHOWS', status: 409, details: { futureShows: '1' } });

    const unused = await newScreen();
    expect(await runOperation(t.ctx, 'deleteScreen', { screenId: unused.screenId }, manager)).toEqual({ screenId: unused.screenId, outcome: 'deleted' });
    const [gone] = await t.db.rows('SELECT COUNT(*) AS n FROM screen WHERE screen_id = ?', [unused.screenId]);
    expect(Number(gone!.n)).toBe(0);

    // A screen whose only show is over: retired, and its show keeps it.
    const old = await newScreen();
    const conn = await t.raw();
    await conn.query("INSERT INTO show_record (screen_id, starts_at, capacity, booked, created_at) VALUES (?, UTC_TIMESTAMP() - INTERVAL 2 DAY, 5, 0, UTC_TIMESTAMP())", [old.screenId]);
    await conn.end();
    expect(await runOperation(t.ctx, 'deleteScreen', { screenId: old.screenId }, manager)).toEqual({ screenId: old.screenId, outcome: 'retired' });
    expect((await runOperation(t.ctx, 'listScreens', {}, manager)).screens.map((s) => s.screenId)).not.toContain(old.screenId);
    await expect(runOperation(t.ctx, 'createShow', { showTime: await minuteFromNow(700), screenId: old.screenId }, manager))
      .rejects.toMatchObject({ code: 'SCREEN_NOT_FOUND' });
  });
});

describe('films', () => {
  test('a film is created, listed and changed; a poster-less film has no poster URL', async () => {
    const film = await runOperation(t.ctx, 'createFilm', { title: 'Metropolis', runtimeMinutes: 153, rating: '12', description: 'Lang, 1927.\nRestored.' }, manager);
    expect(film).toEqual({ filmId: expect.any(Number), title: 'Metropolis', runtimeMinutes: 153, rating: '12', description: 'Lang, 1927.\nRestored.', posterUrl: null });
    expect((await runOperation(t.ctx, 'listFilms', {}, kiosk)).films).toContainEqual(film);
    expect(await runOperation(t.ctx, 'updateFilm', { filmId: film.filmId, rating: null }, manager)).toEqual({ ...film, rating: null });
    await expect(runOperation(t.ctx, 'updateFilm', { filmId: 99999, title: 'Nope' }, manager)).rejects.toMatchObject({ code: 'FILM_NOT_FOUND' });
    await expect(runOperation(t.ctx, 'createFilm', { title: 'Zero', runtimeMinutes: 0 }, manager)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'runtimeMinutes' });
  });

  test('a longer runtime that would run into the next show on the screen is refused, naming that show, and nothing changes', async () => {
    const screen = await newScreen();
    const film = await newFilm(100, 'Long Goodbye');
    const first = await minuteFromNow(24 * 60);
    // 100 min + 20 min turnaround: the next show may start at +120.
    await runOperation(t.ctx, 'createShow', { showTime: first, screenId: screen.screenId, filmId: film.filmId }, manager);
    const next = await runOperation(t.ctx, 'createShow', { showTime: plus(first, 120), screenId: screen.screenId, title: 'Late show' }, manager);
    const refused = await refusal(runOperation(t.ctx, 'updateFilm', { filmId: film.filmId, runtimeMinutes: 101 }, manager));
    expect(refused).toMatchObject({ code: 'SCREEN_BUSY', details: { showId: String(next.showId), title: 'Late show' } });
    expect((await runOperation(t.ctx, 'listFilms', {}, manager)).films.find((f) => f.filmId === film.filmId)!.runtimeMinutes).toBe(100);
    // A shorter one moves the end of the show.
    await runOperation(t.ctx, 'updateFilm', { filmId: film.filmId, runtimeMinutes: 90 }, manager);
    const shows = await runOperation(t.ctx, 'listShows', { days: 3 }, manager);
    expect(shows.find((s) => s.showTime === local(first))).toMatchObject({ runtimeMinutes: 90, endsAt: local(plus(first, 110)) });
  });
});

describe('shows on screens', () => {
  test('two screens start at one minute; each show carries its screen and film; capacity defaults to the screen\'s seats', async () => {
    const screen = await newScreen(80);
    const film = await newFilm(102);
    const showTime = await minuteFromNow(2 * 24 * 60);
    const onFirst = await runOperation(t.ctx, 'createShow', { showTime }, manager);
    const onOther = await runOperation(t.ctx, 'createShow', { showTime, screenId: screen.screenId, filmId: film.filmId }, manager);
    expect(onFirst).toMatchObject({ screenId: 1, screenName: 'Screen 1', capacity: 12, filmId: null, runtimeMinutes: null, endsAt: local(showTime) });
    expect(onOther).toMatchObject({
      screenId: screen.screenId, capacity: 80, filmId: film.filmId, filmTitle: 'Casablanca', title: 'Casablanca', runtimeMinutes: 102, rating: 'PG',
      // 102 min + MARQUEE_TURNAROUND_MINUTES (20 here).
      endsAt: local(plus(showTime, 122)),
    });
    const listed = (await runOperation(t.ctx, 'listShows', { days: 3 }, kiosk)).filter((s) => s.showTime === local(showTime));
    expect(listed.map((s) => s.showId)).toEqual([onFirst.showId, onOther.showId]);
  });

  test('an overlap on one screen is 409 SCREEN_BUSY naming the show in the way; the turnaround counts; the next free minute works', async () => {
    const screen = await newScreen();
    const film = await newFilm(90, 'Vertigo');
    const start = await minuteFromNow(3 * 24 * 60);
    const first = await runOperation(t.ctx, 'createShow', { showTime: start, screenId: screen.screenId, filmId: film.filmId }, manager);
    // Inside the turnaround (90 + 20 = 110 minutes).
    const busy = await refusal(runOperation(t.ctx, 'createShow', { showTime: plus(start, 109), screenId: screen.screenId }, manager));
    expect(busy).toMatchObject({
      code: 'SCREEN_BUSY', status: 409,
      details: { showId: String(first.showId), showTime: local(start), endsAt: local(plus(start, 110)), title: 'Vertigo', screenId: String(screen.screenId) },
    });
    expect(busy.message).toContain('Vertigo');
    // A film show starting before and running into it.
    await expect(runOperation(t.ctx, 'createShow', { showTime: plus(start, -100), screenId: screen.screenId, filmId: film.filmId }, manager))
      .rejects.toMatchObject({ code: 'SCREEN_BUSY', details: { showId: String(first.showId) } });
    // The same start on the same screen is the original API's SHOW_EXISTS.
    await expect(runOperation(t.ctx, 'createShow', { showTime: start, screenId: screen.screenId }, manager))
      .rejects.toMatchObject({ code: 'SHOW_EXISTS', details: { showId: String(first.showId) } });
    expect(await runOperation(t.ctx, 'createShow', { showTime: plus(start, 110), screenId: screen.screenId, filmId: film.filmId }, manager))
      .toMatchObject({ screenId: screen.screenId });
    expect(await runOperation(t.ctx, 'createShow', { showTime: plus(start, -110), screenId: screen.screenId, filmId: film.filmId }, manager))
      .toMatchObject({ screenId: screen.screenId });
    await expect(runOperation(t.ctx, 'createShow', { showTime: plus(start, 500), filmId: 987654 }, manager)).rejects.toMatchObject({ code: 'FILM_NOT_FOUND' });
  });

  test('a DBA\'s raw INSERT or UPDATE is checked by the trigger like any other write', async () => {
    const screen = await newScreen();
    const film = await newFilm(60, 'Raw');
    const start = await minuteFromNow(4 * 24 * 60);
    const first = await runOperation(t.ctx, 'createShow', { showTime: start, screenId: screen.screenId, filmId: film.filmId }, manager);
    const conn = await t.raw();
    try {
      await expect(conn.query('INSERT INTO show_record (screen_id, starts_at, capacity, booked, created_at) VALUES (?, ?, 5, 0, UTC_TIMESTAMP())', [screen.screenId, new Date(plus(start, 30))]))
        .rejects.toMatchObject({ sqlState: '45000', message: `MARQUEE:SCREEN_BUSY:${first.showId}` });
      await conn.query('INSERT INTO show_record (screen_id, starts_at, capacity, booked, created_at) VALUES (?, ?, 5, 0, UTC_TIMESTAMP())', [screen.screenId, new Date(plus(start, 200))]);
      await expect(conn.query('UPDATE show_record SET starts_at = ? WHERE screen_id = ? AND starts_at = ?', [new Date(plus(start, 45)), screen.screenId, new Date(plus(start, 200))]))
        .rejects.toMatchObject({ sqlState: '45000', message: `MARQUEE:SCREEN_BUSY:${first.showId}` });
      // A raw INSERT without a screen goes to the first screen.
      await conn.query('INSERT INTO show_record (starts_at, capacity, booked, created_at) VALUES (?, 5, 0, UTC_TIMESTAMP())', [new Date(plus(start, 7))]);
      const [[row]] = await conn.query<RowDataPacket[]>('SELECT screen_id, ends_at FROM show_record WHERE starts_at = ?', [new Date(plus(start, 7))]);
      expect(Number(row!.screen_id)).toBe(1);
    } finally {
      await conn.end();
    }
  });

  test('the turnaround comes from the configuration: the core writes it where the trigger reads it', async () => {
    const screen = await newScreen();
    const film = await newFilm(30, 'Short');
    await applyDatabaseSettings(t.db, { turnaroundMinutes: 5 });
    try {
      const start = await minuteFromNow(5 * 24 * 60);
      const show = await runOperation(t.ctx, 'createShow', { showTime: start, screenId: screen.screenId, filmId: film.filmId }, manager);
      expect(show.endsAt).toBe(local(plus(start, 35)));
      expect(await runOperation(t.ctx, 'createShow', { showTime: plus(start, 35), screenId: screen.screenId }, manager)).toBeTruthy();
    } finally {
      await applyDatabaseSettings(t.db, t.config);
    }
  });

  test('two managers scheduling overlapping shows on one screen at once: exactly one wins', async () => {
    const screen = await newScreen();
    const film = await newFilm(120, 'Race');
    const start = await minuteFromNow(6 * 24 * 60);
    // Eight shows a few minutes apart, every one overlapping every other, from eight connections at once.
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => runOperation(t.ctx, 'createShow', { showTime: plus(start, i * 7), screenId: screen.screenId, filmId: film.filmId }, manager)),
    );
    const won = attempts.filter((a): a is PromiseFulfilledResult<Show> => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const loss of lost) expect(loss.reason).toMatchObject({ code: 'SCREEN_BUSY', details: { showId: String(won[0]!.value.showId) } });
    const [count] = await t.db.rows('SELECT COUNT(*) AS n FROM show_record WHERE screen_id = ?', [screen.screenId]);
    expect(Number(count!.n)).toBe(1);
  });

  test('managers booking a new time at once all land in the one show made on the first screen', async () => {
    const showTime = await minuteFromNow(7 * 24 * 60 + 3);
    const tickets = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runOperation(t.ctx, 'book', { userName: `Walk-in ${i}`, phoneNo: `+4930123456${i}`, showTime }, manager)),
    );
    expect(new Set(tickets.map((x) => x.showId)).size).toBe(1);
    const [show] = await t.db.rows('SELECT screen_id, booked FROM show_record WHERE show_id = ?', [tickets[0]!.showId]);
    expect([Number(show!.screen_id), Number(show!.booked)]).toEqual([1, 6]);
  });

  test('a manager\'s booking at a new time inside a film on the first screen is SCREEN_BUSY; nothing is written', async () => {
    const film = await newFilm(100, 'Occupying');
    const start = await minuteFromNow(8 * 24 * 60);
    const first = await runOperation(t.ctx, 'createShow', { showTime: start, filmId: film.filmId }, manager);
    await expect(runOperation(t.ctx, 'book', { userName: 'Too late', phoneNo: '+4930999000', showTime: plus(start, 30) }, manager))
      .rejects.toMatchObject({ code: 'SCREEN_BUSY', details: { showId: String(first.showId), title: 'Occupying' } });
    const [users] = await t.db.rows('SELECT COUNT(*) AS n FROM user_record WHERE user_name = ?', ['Too late']);
    expect(Number(users!.n)).toBe(0);
  });
});

describe('showId everywhere; a time naming several shows is AMBIGUOUS_SHOW', () => {
  let showTime: string;
  let shows: Show[];
  beforeAll(async () => {
    const screen = await newScreen(30);
    const film = await newFilm(95, 'Ambiguity');
    showTime = await minuteFromNow(9 * 24 * 60);
    shows = [
      await runOperation(t.ctx, 'createShow', { showTime }, manager),
      await runOperation(t.ctx, 'createShow', { showTime, screenId: screen.screenId, filmId: film.filmId }, manager),
    ];
  });

  test('book, move, roster, update and delete by time answer 409 with the candidates; nothing is written', async () => {
    const ticket = await runOperation(t.ctx, 'book', { userName: 'Ana', phoneNo: '+4930111222', showId: shows[0]!.showId }, kiosk);
    const expectAmbiguous = async (work: Promise<unknown>) => {
      const err = await refusal(work);
      expect(err).toMatchObject({ code: 'AMBIGUOUS_SHOW', status: 409, field: 'showTime', details: { showTime: local(showTime) } });
      expect(JSON.parse(err.details!.candidates!)).toEqual([
        { showId: shows[0]!.showId, screenId: 1, screenName: 'Screen 1', filmId: null, filmTitle: null },
        { showId: shows[1]!.showId, screenId: shows[1]!.screenId, screenName: shows[1]!.screenName, filmId: shows[1]!.filmId, filmTitle: 'Ambiguity' },
      ]);
    };
    await expectAmbiguous(runOperation(t.ctx, 'book', { userName: 'Bo', phoneNo: '+4930111333', showTime }, kiosk));
    await expectAmbiguous(runOperation(t.ctx, 'book', { userName: 'Bo', phoneNo: '+4930111333', showTime }, manager));
    await expectAmbiguous(runOperation(t.ctx, 'move', { ticketCode: ticket.ticketCode, showTime }, kiosk));
    await expectAmbiguous(runOperation(t.ctx, 'listByShowTime', { showTime }, manager));
    await expectAmbiguous(runOperation(t.ctx, 'updateShow', { showTime, title: 'Renamed' }, manager));
    await expectAmbiguous(runOperation(t.ctx, 'deleteShow', { showTime }, manager));
    const [users] = await t.db.rows('SELECT COUNT(*) AS n FROM user_record WHERE user_name = ?', ['Bo']);
    expect(Number(users!.n)).toBe(0);
  });

  test('by showId each works on its show', async () => {
    const [first, second] = shows as [Show, Show];
    const ticket = await runOperation(t.ctx, 'book', { userName: 'Cy', phoneNo: '+4930111444', showId: second.showId }, kiosk);
    expect(ticket).toMatchObject({ showId: second.showId, showTime: local(showTime), seatsLeft: 29 });
    const moved = await runOperation(t.ctx, 'move', { ticketCode: ticket.ticketCode, showId: first.showId }, kiosk);
    expect(moved).toMatchObject({ showId: first.showId, ticketId: ticket.ticketId });
    const roster = await runOperation(t.ctx, 'listByShowTime', { showId: first.showId }, manager);
    expect(roster.map((r) => r.userName)).toContain('Cy');
    expect(await runOperation(t.ctx, 'listByShowTime', { showId: second.showId }, viewer)).toEqual([]);
    expect(await runOperation(t.ctx, 'updateShow', { showId: second.showId, capacity: 25 }, manager)).toMatchObject({ showId: second.showId, capacity: 25 });
    expect(await runOperation(t.ctx, 'deleteShow', { showId: second.showId }, manager)).toEqual({ showId: second.showId, showTime: local(showTime) });
    // With one show left at that time, the time names it again (the seed's clients).
    const byTime = await runOperation(t.ctx, 'book', { userName: 'Di', phoneNo: '+4930111555', showTime }, kiosk);
    expect(byTime.showId).toBe(first.showId);
    await expect(runOperation(t.ctx, 'book', { userName: 'Ed', phoneNo: '+4930111666', showId: 987654 }, manager)).rejects.toMatchObject({ code: 'SHOW_NOT_FOUND' });
    await expect(runOperation(t.ctx, 'book', { userName: 'Ed', phoneNo: '+4930111666' }, manager)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'showTime' });
  });
});
