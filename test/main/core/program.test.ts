// The week's program (issue 20, items 5–8) against the real database: many shows in one request,
// all or none, also when two managers schedule at once; a show moved with its tickets; a
// screening cancelled with its tickets, also while guests are booking; times that cannot be
// meant (past, daylight-saving gap, fall-back night); the distributor report.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MarqueeError } from '../../../main/common/errors';
import type { Actor } from '../../../main/common/operations';
import { seatUpdateOf, type ScheduleClash } from '../../../main/common/schemas';
import { runOperation } from '../../../main/core/operations';
import { createOperationContext, type OperationContext } from '../../../main/core/operations/context';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';

const manager: Actor = { role: 'manager', label: 'Programme office' };
const otherManager: Actor = { role: 'manager', label: 'Second office' };
const kiosk: Actor = { role: 'kiosk', label: 'Lobby kiosk' };
const door: Actor = { role: 'door', label: 'Door 1' };
const DAY_MS = 86_400_000;
const NEW_YORK = 'America/New_York';

let t: TestDatabase;
/** The same database read by a theatre in New York (daylight saving). */
let ny: OperationContext;
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 30, turnaroundMinutes: 15 });
  ny = createOperationContext(t.db, { ...t.config, timeZone: NEW_YORK });
});
afterAll(async () => {
  await t.drop();
});

const run = <K extends Parameters<typeof runOperation>[1]>(name: K, input: unknown, actor: Actor = manager, ctx: OperationContext = t.ctx) =>
  runOperation(ctx, name, input, actor);

let seq = 0;
const newScreen = (capacity = 50) => run('createScreen', { name: `Program screen ${++seq}`, capacity });
const newFilm = (runtimeMinutes = 100, title = 'Casablanca') => run('createFilm', { title, runtimeMinutes });
/** A theatre-local (UTC) day `n` days from today. */
const dayFromNow = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);
const phone = () => `+1555${String(3000000 + ++seq)}`;
const book = (showId: number, userName = `Guest ${++seq}`) => run('book', { userName, phoneNo: phone(), showId });

async function refusal(work: Promise<unknown>): Promise<MarqueeError> {
  const err = await work.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MarqueeError);
  return err as MarqueeError;
}

async function showsOnScreen(screenId: number): Promise<number> {
  const [row] = await t.db.rows('SELECT COUNT(*) AS n FROM show_record WHERE screen_id = ?', [screenId]);
  return Number(row!.n);
}

describe('scheduling a program in one request', () => {
  test('the fortnight: every day at 19:00 and 21:30 for 14 days is 28 shows, each at those local times', async () => {
    const [screen, film] = [await newScreen(80), await newFilm(120)];
    const from = dayFromNow(10);
    const made = await run('scheduleShows', { filmId: film.filmId, screenIds: [screen.screenId], from, to: dayFromNow(23), times: ['19:00', '21:30'] });
    expect(made.dryRun).toBe(false);
    expect(made.shows).toHaveLength(28);
    expect(made.clashes).toEqual([]);
    expect(new Set(made.shows.map((s) => s.showId)).size).toBe(28);
    expect(new Set(made.shows.map((s) => s.showTime.slice(10)))).toEqual(new Set(['T19:00:00+00:00', 'T21:30:00+00:00']));
    expect(new Set(made.shows.map((s) => s.showTime.slice(0, 10))).size).toBe(14);
    expect(made.shows[0]).toMatchObject({ showTime: `${from}T19:00:00+00:00`, screenId: screen.screenId, screenName: screen.name });
    const listed = (await run('listShows', { days: 30 })).filter((s) => s.screenId === screen.screenId);
    expect(listed).toHaveLength(28);
    expect(listed.every((s) => s.filmId === film.filmId && s.capacity === 80 && s.runtimeMinutes === 120)).toBe(true);
  });

  test('weekdays pick the days; several screens get every show; title and capacity apply to each', async () => {
    const [a, b, film] = [await newScreen(), await newScreen(), await newFilm(90, 'Weekend matinee')];
    const monday = dayFromNow(40 - ((new Date(Date.now() + 40 * DAY_MS).getUTCDay() + 6) % 7));
    const sunday = new Date(Date.parse(monday) + 6 * DAY_MS).toISOString().slice(0, 10);
    const made = await run('scheduleShows', {
      filmId: film.filmId, screenIds: [a.screenId, b.screenId], from: monday, to: sunday, weekdays: [6, 7], times: ['14:00'], title: 'Kids club', capacity: 25,
    });
    expect(made.shows.map((s) => [s.showTime.slice(0, 10), s.screenId])).toEqual([
      [new Date(Date.parse(monday) + 5 * DAY_MS).toISOString().slice(0, 10), a.screenId],
      [new Date(Date.parse(monday) + 5 * DAY_MS).toISOString().slice(0, 10), b.screenId],
      [sunday, a.screenId],
      [sunday, b.screenId],
    ]);
    const listed = (await run('listShows', { days: 60 })).filter((s) => made.shows.some((m) => m.showId === s.showId));
    expect(listed.map((s) => [s.title, s.capacity])).toEqual(Array(4).fill(['Kids club', 25]));
  });

  test('a dry run previews the shows and the clashes and makes nothing', async () => {
    const [screen, film] = [await newScreen(), await newFilm(100)];
    const inTheWay = await run('createShow', { showTime: `${dayFromNow(12)}T18:30:00Z`, screenId: screen.screenId, filmId: film.filmId, title: 'Premiere' });
    const preview = await run('scheduleShows', {
      filmId: film.filmId, screenIds: [screen.screenId], from: dayFromNow(11), to: dayFromNow(13), times: ['19:00'], dryRun: true,
    });
    expect(preview.dryRun).toBe(true);
    expect(preview.shows.map((s) => s.showId)).toEqual([null, null, null]);
    expect(preview.clashes).toEqual([{
      showTime: `${dayFromNow(12)}T19:00:00+00:00`, screenId: screen.screenId, screenName: screen.name,
      inTheWay: { showId: inTheWay.showId, showTime: inTheWay.showTime, title: 'Premiere' },
    }]);
    expect(await showsOnScreen(screen.screenId)).toBe(1);
  });

  test('any clash refuses the whole request with every clash listed, and nothing is made', async () => {
    const [screen, film] = [await newScreen(), await newFilm(100)];
    const blocking = [
      await run('createShow', { showTime: `${dayFromNow(15)}T20:00:00Z`, screenId: screen.screenId }),
      await run('createShow', { showTime: `${dayFromNow(17)}T18:00:00Z`, screenId: screen.screenId, filmId: film.filmId }),
    ];
    const err = await refusal(run('scheduleShows', { filmId: film.filmId, screenIds: [screen.screenId], from: dayFromNow(14), to: dayFromNow(18), times: ['19:00'] }));
    expect(err.code).toBe('SCREEN_BUSY');
    expect(err.message).toMatch(/^2 of the 5 shows clash: .*Nothing was made\.$/);
    const clashes = JSON.parse(err.details!.clashes!) as ScheduleClash[];
    expect(clashes.map((c) => [c.showTime, c.inTheWay.showId])).toEqual([
      [`${dayFromNow(15)}T19:00:00+00:00`, blocking[0]!.showId],
      [`${dayFromNow(17)}T19:00:00+00:00`, blocking[1]!.showId],
    ]);
    expect(await showsOnScreen(screen.screenId)).toBe(2);
  });

  test('two shows of one request that overlap on a screen clash with each other', async () => {
    const [screen, film] = [await newScreen(), await newFilm(100)];
    const err = await refusal(run('scheduleShows', { filmId: film.filmId, screenIds: [screen.screenId], from: dayFromNow(20), to: dayFromNow(20), times: ['19:00', '20:00'] }));
    expect(err.code).toBe('SCREEN_BUSY');
    expect(JSON.parse(err.details!.clashes!)).toEqual([{
      showTime: `${dayFromNow(20)}T20:00:00+00:00`, screenId: screen.screenId, screenName: screen.name,
      inTheWay: { showId: null, showTime: `${dayFromNow(20)}T19:00:00+00:00`, title: null },
    }]);
    expect(await showsOnScreen(screen.screenId)).toBe(0);
  });

  test('two managers scheduling overlapping programs at once: one wins, the other is refused with its clashes and made nothing', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b, c, film] = [await newScreen(), await newScreen(), await newScreen(), await newFilm(110)];
      const day = dayFromNow(30 + round);
      // Overlapping screens in either order: they lock in one order, so they never deadlock.
      const [first, second] = await Promise.allSettled([
        run('scheduleShows', { filmId: film.filmId, screenIds: [a.screenId, b.screenId], from: day, to: dayFromNow(36 + round), times: ['19:00', '21:30'] }),
        run('scheduleShows', { filmId: film.filmId, screenIds: [c.screenId, b.screenId], from: day, to: dayFromNow(36 + round), times: ['20:00'] }, otherManager),
      ]);
      const outcomes = [first, second].map((o) => o.status);
      expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
      const lost = [first, second].find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'SCREEN_BUSY' });
      expect(JSON.parse((lost.reason as MarqueeError).details!.clashes!).length).toBeGreaterThan(0);
      const won = first.status === 'fulfilled' ? { screens: [a, b], shows: 28 } : { screens: [c, b], shows: 14 };
      const losing = first.status === 'fulfilled' ? c : a;
      expect(await showsOnScreen(losing.screenId)).toBe(0);
      expect(await showsOnScreen(won.screens[0]!.screenId) + await showsOnScreen(b.screenId)).toBe(won.shows);
    }
  });

  test('at most 400 shows a request; unknown film or screen; no day on the weekdays', async () => {
    const [screen, film] = [await newScreen(), await newFilm(20)];
    const fourHundredAndOne = { filmId: film.filmId, screenIds: [screen.screenId], from: dayFromNow(100), to: dayFromNow(100 + 133), times: ['10:00', '14:00', '18:00'] };
    expect(await refusal(run('scheduleShows', fourHundredAndOne))).toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    const fine = { filmId: film.filmId, screenIds: [screen.screenId], from: dayFromNow(100), to: dayFromNow(100), times: ['10:00'] };
    expect(await refusal(run('scheduleShows', { ...fine, filmId: 987654 }))).toMatchObject({ code: 'FILM_NOT_FOUND' });
    expect(await refusal(run('scheduleShows', { ...fine, screenIds: [screen.screenId, 987654] }))).toMatchObject({ code: 'SCREEN_NOT_FOUND' });
    expect(await refusal(run('scheduleShows', { ...fine, times: ['25:00'] }))).toMatchObject({ code: 'INVALID_INPUT', field: 'times' });
    expect(await refusal(run('scheduleShows', { ...fine, to: dayFromNow(99) }))).toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    const oneDay = new Date(Date.now() + 100 * DAY_MS).getUTCDay() || 7;
    expect(await refusal(run('scheduleShows', { ...fine, weekdays: [(oneDay % 7) + 1] }))).toMatchObject({ code: 'INVALID_INPUT', field: 'weekdays' });
    expect(await showsOnScreen(screen.screenId)).toBe(0);
  });
});

describe('times that cannot be meant', () => {
  test('a new show in the past is refused unless confirmed', async () => {
    const past = await showTimeFromNow(t.db, -30);
    const err = await refusal(run('createShow', { showTime: past }));
    expect(err.code).toBe('SHOW_IN_PAST');
    expect(err.details).toEqual({ showTime: past.replace('Z', '+00:00') });
    const made = await run('createShow', { showTime: past, confirmPast: true });
    expect(made.showTime).toBe(past.replace('Z', '+00:00'));
  });

  test('a schedule reaching into the past is refused unless confirmed; its preview says which shows', async () => {
    const [screen, film] = [await newScreen(), await newFilm(30)];
    // Five minutes ago and the same time the next day: one show past, one to come.
    const fiveMinutesAgo = await showTimeFromNow(t.db, -5);
    const day = fiveMinutesAgo.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const input = { filmId: film.filmId, screenIds: [screen.screenId], from: day, to: next, times: [fiveMinutesAgo.slice(11, 16)] };
    expect(await refusal(run('scheduleShows', input))).toMatchObject({ code: 'SHOW_IN_PAST' });
    const preview = await run('scheduleShows', { ...input, dryRun: true });
    expect(preview.shows.map((s) => s.notes?.some((n) => /already passed/.test(n)) ?? false)).toEqual([true, false]);
    expect((await run('scheduleShows', { ...input, confirmPast: true })).shows).toHaveLength(2);
  });

  test('a time in a daylight-saving gap is refused with a sentence naming it, never read as an hour earlier: create and book alike', async () => {
    const err = await refusal(run('createShow', { showTime: '2027-03-14 02:30' }, manager, ny));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'showTime' });
    expect(err.message).toBe('showTime: 2:30 does not exist on 14 March 2027 in America/New_York: clocks go from 2:00 to 3:00. Pick 3:00 or later.');
    expect(await refusal(run('book', { userName: 'Early Bird', phoneNo: phone(), showTime: '2027-03-14T02:30' }, manager, ny)))
      .toMatchObject({ code: 'INVALID_INPUT', field: 'showTime' });
    const [row] = await t.db.rows("SELECT COUNT(*) AS n FROM show_record WHERE starts_at BETWEEN '2027-03-14 05:00' AND '2027-03-14 08:00'");
    expect(Number(row!.n)).toBe(0);
    // Either side of the gap is fine.
    expect((await run('createShow', { showTime: '2027-03-14 01:59' }, manager, ny)).showTime).toBe('2027-03-14T01:59:00-05:00');
    expect((await run('createShow', { showTime: '2027-03-14 03:00' }, manager, ny)).showTime).toBe('2027-03-14T03:00:00-04:00');
  });

  test('a fall-back time that happens twice is the first, and the answer says so', async () => {
    const made = await run('createShow', { showTime: '2027-11-07 01:30' }, manager, ny);
    expect(made.showTime).toBe('2027-11-07T01:30:00-04:00');
    expect(made.notes).toEqual([
      '1:30 happens twice on 7 November 2027 in America/New_York (clocks go back from 2:00 to 1:00): the first one is meant, at UTC-04:00.',
    ]);
    expect((await run('createShow', { showTime: '2027-11-07 19:00' }, manager, ny)).notes).toBeUndefined();
    const [screen, film] = [await newScreen(), await newFilm(20)];
    const nights = await run('scheduleShows', { filmId: film.filmId, screenIds: [screen.screenId], from: '2027-11-06', to: '2027-11-08', times: ['01:30'] }, manager, ny);
    expect(nights.shows.map((s) => [s.showTime, s.notes?.length ?? 0])).toEqual([
      ['2027-11-06T01:30:00-04:00', 0], ['2027-11-07T01:30:00-04:00', 1], ['2027-11-08T01:30:00-05:00', 0],
    ]);
  });

  test('a program across the spring change stays at 19:00 local; a gap time is refused for the dates, previewed in a dry run', async () => {
    const [screen, film] = [await newScreen(), await newFilm(100)];
    const week = await run('scheduleShows', { filmId: film.filmId, screenIds: [screen.screenId], from: '2027-03-11', to: '2027-03-17', times: ['19:00'] }, manager, ny);
    expect(week.shows.map((s) => s.showTime)).toEqual([
      '2027-03-11T19:00:00-05:00', '2027-03-12T19:00:00-05:00', '2027-03-13T19:00:00-05:00',
      '2027-03-14T19:00:00-04:00', '2027-03-15T19:00:00-04:00', '2027-03-16T19:00:00-04:00', '2027-03-17T19:00:00-04:00',
    ]);
    const [stored] = await t.db.rows('SELECT MIN(starts_at) AS first, MAX(starts_at) AS last FROM show_record WHERE screen_id = ?', [screen.screenId]);
    expect([(stored!.first as Date).toISOString(), (stored!.last as Date).toISOString()]).toEqual(['2027-03-12T00:00:00.000Z', '2027-03-17T23:00:00.000Z']);

    const late = { filmId: film.filmId, screenIds: [screen.screenId], from: '2027-03-13', to: '2027-03-15', times: ['02:30'] };
    const err = await refusal(run('scheduleShows', late, manager, ny));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'times' });
    expect(err.message).toContain('2:30 does not exist on 14 March 2027 in America/New_York');
    const preview = await run('scheduleShows', { ...late, dryRun: true }, manager, ny);
    expect(preview.shows.map((s) => [s.showTime, s.notes?.length ?? 0])).toEqual([
      ['2027-03-13T02:30:00-05:00', 0], ['2027-03-14T03:00:00-04:00', 1], ['2027-03-15T02:30:00-04:00', 0],
    ]);
    expect(preview.shows[1]!.notes![0]).toMatch(/does not exist on 14 March 2027.*This show cannot be made\.$/);
    expect(await showsOnScreen(screen.screenId)).toBe(7);
  });
});

describe('rescheduling a show', () => {
  test('its tickets follow, each audited from the old time to the new', async () => {
    const [screen, film] = [await newScreen(40), await newFilm(100)];
    const show = await run('createShow', { showTime: `${dayFromNow(50)}T19:00:00Z`, screenId: screen.screenId, filmId: film.filmId });
    const tickets = [await book(show.showId), await book(show.showId), await book(show.showId)];
    const moved = await run('rescheduleShow', { showId: show.showId, showTime: `${dayFromNow(51)}T20:15:00Z` });
    expect(moved).toMatchObject({ showId: show.showId, showTime: `${dayFromNow(51)}T20:15:00+00:00`, booked: 3, movedTickets: 3, screenId: screen.screenId, cancelledAt: null });
    const roster = await run('listByShowTime', { showId: show.showId });
    expect(roster.map((r) => [r.ticketId, r.showTime])).toEqual(tickets.map((tk) => [tk.ticketId, moved.showTime]));
    for (const ticket of tickets) {
      const history = await run('ticketHistory', { ticketId: ticket.ticketId });
      expect(history.map((e) => e.kind)).toEqual(['booked', 'moved']);
      expect(history[1]).toMatchObject({ actor: manager.label, fromShowTime: show.showTime, showTime: moved.showTime });
    }
    // A move of the whole show is no move in or out of it in the sales report.
    const sales = await run('salesReport', { from: dayFromNow(50), to: dayFromNow(52) });
    expect(sales.shows.find((s) => s.showId === show.showId)).toMatchObject({ sold: 3, movedIn: 0, movedOut: 0, held: 3 });
  });

  test('to another screen: it takes that screen\'s seats, refused with the count when fewer than sold; overlaps refused', async () => {
    const [big, small, film] = [await newScreen(40), await newScreen(2), await newFilm(100)];
    const show = await run('createShow', { showTime: `${dayFromNow(55)}T19:00:00Z`, screenId: big.screenId, filmId: film.filmId });
    for (let i = 0; i < 3; i++) await book(show.showId);
    const err = await refusal(run('rescheduleShow', { showId: show.showId, showTime: show.showTime, screenId: small.screenId }));
    expect(err).toMatchObject({ code: 'CAPACITY_BELOW_SOLD', details: { booked: '3', capacity: '2' } });
    expect(err.message).toBe('3 seats are already sold, and that screen has only 2.');

    const other = await newScreen(10);
    const busy = await run('createShow', { showTime: `${dayFromNow(56)}T18:30:00Z`, screenId: other.screenId, filmId: film.filmId, title: 'In the way' });
    const overlap = await refusal(run('rescheduleShow', { showId: show.showId, showTime: `${dayFromNow(56)}T19:00:00Z`, screenId: other.screenId }));
    expect(overlap).toMatchObject({ code: 'SCREEN_BUSY', details: { showId: String(busy.showId) } });

    const moved = await run('rescheduleShow', { showId: show.showId, showTime: `${dayFromNow(56)}T21:00:00Z`, screenId: other.screenId });
    expect(moved).toMatchObject({ screenId: other.screenId, capacity: 10, booked: 3, seatsLeft: 7, movedTickets: 3 });
  });

  test('to a time already passed: refused unless confirmed', async () => {
    const show = await run('createShow', { showTime: `${dayFromNow(57)}T19:00:00Z` });
    const past = await showTimeFromNow(t.db, -20);
    expect(await refusal(run('rescheduleShow', { showId: show.showId, showTime: past }))).toMatchObject({ code: 'SHOW_IN_PAST' });
    expect((await run('rescheduleShow', { showId: show.showId, showTime: past, confirmPast: true })).showTime).toBe(past.replace('Z', '+00:00'));
  });
});

describe('cancelling a screening', () => {
  test('every ticket cancelled with the reason in its audit row; the call list; the show stays, marked', async () => {
    const show = await run('createShow', { showTime: await showTimeFromNow(t.db, 30) });
    const guests = [await book(show.showId, 'Ana Lima'), await book(show.showId, 'Bo Chen'), await book(show.showId, 'Cy Dare')];
    await run('checkIn', { ticketCode: guests[1]!.ticketCode }, door);
    const cancelled = await run('cancelShow', { showId: show.showId, reason: 'Projector failure' });
    expect(cancelled.cancelledTickets).toBe(3);
    expect(cancelled.guests.map((g) => [g.ticketId, g.name, g.ticketCode])).toEqual(guests.map((g) => [g.ticketId, g.userName, g.ticketCode]));
    expect(cancelled.guests.every((g) => /^\+1555\d{7}$/.test(g.phone))).toBe(true);

    for (const guest of guests) {
      const history = await run('ticketHistory', { ticketId: guest.ticketId });
      expect(history.at(-1)).toMatchObject({ kind: 'cancelled', actor: manager.label, reason: 'Projector failure' });
      expect(history.filter((e) => e.kind !== 'cancelled').every((e) => e.reason === undefined)).toBe(true);
    }
    const listed = (await run('listShows', {})).find((s) => s.showId === show.showId);
    expect(listed).toMatchObject({ booked: 0, cancelReason: 'Projector failure' });
    expect(listed!.cancelledAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // What the seat stream tells a kiosk still showing it: no seat to offer.
    expect(seatUpdateOf(listed!)).toMatchObject({ showId: show.showId, seatsLeft: 0 });
    expect((await run('listShows', {}, kiosk)).some((s) => s.showId === show.showId)).toBe(false);
    // The door: this ticket was cancelled.
    expect(await refusal(run('checkIn', { ticketCode: guests[0]!.ticketCode }, door))).toMatchObject({ code: 'TICKET_CANCELLED' });
    // The session's reason does not stick to the next cancellation on that connection.
    const later = await book((await run('createShow', { showTime: await showTimeFromNow(t.db, 31) })).showId);
    await run('cancel', { ticketId: later.ticketId });
    expect((await run('ticketHistory', { ticketId: later.ticketId })).at(-1)!.reason).toBeUndefined();
  });

  test('a cancelled screening cannot be booked, moved to, rescheduled or cancelled again', async () => {
    const show = await run('createShow', { showTime: await showTimeFromNow(t.db, 40) });
    await run('cancelShow', { showId: show.showId, reason: 'Sound failure' });
    const elsewhere = await book((await run('createShow', { showTime: await showTimeFromNow(t.db, 41) })).showId);
    expect(await refusal(book(show.showId))).toMatchObject({ code: 'SHOW_CANCELLED' });
    expect(await refusal(run('book', { userName: 'By Kiosk', phoneNo: phone(), showId: show.showId }, kiosk))).toMatchObject({ code: 'SHOW_CANCELLED' });
    expect(await refusal(run('move', { ticketId: elsewhere.ticketId, showId: show.showId }))).toMatchObject({ code: 'SHOW_CANCELLED' });
    expect(await refusal(run('rescheduleShow', { showId: show.showId, showTime: await showTimeFromNow(t.db, 90) }))).toMatchObject({ code: 'SHOW_CANCELLED' });
    const again = await refusal(run('cancelShow', { showId: show.showId, reason: 'Twice' }));
    expect(again).toMatchObject({ code: 'SHOW_CANCELLED', details: { showId: String(show.showId), reason: 'Sound failure' } });
  });

  test('the database refuses a seat on a cancelled screening, whatever writes the ticket', async () => {
    const show = await run('createShow', { showTime: await showTimeFromNow(t.db, 45) });
    await run('cancelShow', { showId: show.showId, reason: 'Flood' });
    const [user] = await t.db.rows('SELECT user_id FROM user_record LIMIT 1');
    const raw = await t.raw();
    try {
      await expect(raw.query("INSERT INTO ticket_record (user_id, show_id, ticket_code) VALUES (?, ?, 'RAWRAWRAWRAW')", [user!.user_id, show.showId]))
        .rejects.toMatchObject({ message: expect.stringContaining('MARQUEE:SHOW_CANCELLED') });
    } finally {
      await raw.end();
    }
  });

  test('bookings racing the cancel: each lands before (and is cancelled, listed) or is refused; no live ticket on the show', async () => {
    const show = await run('createShow', { showTime: await showTimeFromNow(t.db, 60), capacity: 200 });
    // A first wave of bookings; the cancel starts once one has landed, a second wave right behind it.
    type Outcome = { ticketId: number } | { refused: MarqueeError };
    const outcome = (booking: Promise<{ ticketId: number }>): Promise<Outcome> =>
      booking.then(({ ticketId }) => ({ ticketId }), (err: unknown) => ({ refused: err as MarqueeError }));
    const firstWave = Array.from({ length: 20 }, (_, i) => book(show.showId, `Racer ${i}`));
    const outcomes = firstWave.map(outcome);
    await Promise.any(firstWave);
    const cancelling = run('cancelShow', { showId: show.showId, reason: 'Racing' });
    outcomes.push(...Array.from({ length: 20 }, (_, i) => outcome(book(show.showId, `Late racer ${i}`))));
    const [cancelled, settled] = await Promise.all([cancelling, Promise.all(outcomes)]);
    const made = settled.flatMap((s) => ('ticketId' in s ? [s.ticketId] : []));
    const refused = settled.flatMap((s) => ('refused' in s ? [s.refused] : []));
    expect(made.length).toBeGreaterThan(0);
    expect(refused.map((e) => e.code).filter((code) => code !== 'SHOW_CANCELLED')).toEqual([]);
    expect(made.length + refused.length).toBe(40);
    expect(cancelled.guests.map((g) => g.ticketId).sort((a, b) => a - b)).toEqual([...made].sort((a, b) => a - b));
    expect(cancelled.cancelledTickets).toBe(made.length);
    const [live] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record WHERE show_id = ?', [show.showId]);
    const [row] = await t.db.rows('SELECT booked, cancelled_at FROM show_record WHERE show_id = ?', [show.showId]);
    expect([Number(live!.n), Number(row!.booked), row!.cancelled_at === null]).toEqual([0, 0, false]);
  });
});

describe('the distributor report', () => {
  test('per film and week: shows, admissions (sold less cancelled) and check-ins; totals per film; cancelled screenings left out', async () => {
    const [alpha, beta] = [await newFilm(60, 'Alpha'), await newFilm(60, 'Beta')];
    const screen = await newScreen(30);
    const at = async (minutes: number, filmId: number) => run('createShow', { showTime: await showTimeFromNow(t.db, minutes), screenId: screen.screenId, filmId });
    const soon = await at(10, alpha.filmId);
    const nextWeek = await at(8 * 24 * 60, alpha.filmId);
    const betaShow = await at(24 * 60, beta.filmId);
    const betaCancelled = await at(2 * 24 * 60, beta.filmId);
    const soonTickets = [await book(soon.showId), await book(soon.showId), await book(soon.showId)];
    await run('cancel', { ticketId: soonTickets[2]!.ticketId });
    await run('checkIn', { ticketCode: soonTickets[0]!.ticketCode }, door);
    await book(nextWeek.showId);
    await book(nextWeek.showId);
    await book(betaShow.showId);
    await book(betaCancelled.showId);
    await run('cancelShow', { showId: betaCancelled.showId, reason: 'Print lost' });

    const monday = (iso: string) => {
      const day = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
      return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
    };
    const from = dayFromNow(-1);
    const to = dayFromNow(10);
    const report = await run('filmReport', { from, to });
    const mine = (r: { filmId: number }) => r.filmId === alpha.filmId || r.filmId === beta.filmId;
    const alphaWeeks = [monday(soon.showTime), monday(nextWeek.showTime)];
    expect(alphaWeeks[0]).not.toBe(alphaWeeks[1]);
    expect(report.rows.filter(mine)).toEqual([
      { filmId: alpha.filmId, title: 'Alpha', weekStart: alphaWeeks[0], shows: 1, admissions: 2, checkedIn: 1, gross: 0, currency: 'USD' },
      { filmId: alpha.filmId, title: 'Alpha', weekStart: alphaWeeks[1], shows: 1, admissions: 2, checkedIn: 0, gross: 0, currency: 'USD' },
      { filmId: beta.filmId, title: 'Beta', weekStart: monday(betaShow.showTime), shows: 1, admissions: 1, checkedIn: 0, gross: 0, currency: 'USD' },
    ]);
    expect(report.totals.filter(mine)).toEqual([
      { filmId: alpha.filmId, title: 'Alpha', shows: 2, admissions: 4, gross: 0, currency: 'USD' },
      { filmId: beta.filmId, title: 'Beta', shows: 1, admissions: 1, gross: 0, currency: 'USD' },
    ]);

    const sales = await run('salesReport', { from, to });
    expect(sales.byScreen.find((s) => s.screenId === screen.screenId)).toMatchObject({ screenName: screen.name, shows: 4, sold: 7, cancelled: 2, held: 5, checkedIn: 1 });
    expect(sales.byFilm.find((f) => f.filmId === alpha.filmId)).toMatchObject({ filmTitle: 'Alpha', shows: 2, sold: 5, cancelled: 1, held: 4 });
    expect(sales.byFilm.find((f) => f.filmId === beta.filmId)).toMatchObject({ filmTitle: 'Beta', shows: 2, sold: 2, cancelled: 1, held: 1 });
    expect(sales.byScreen.reduce((n, s) => n + s.shows, 0)).toBe(sales.shows.length);
    expect(sales.byFilm.reduce((n, f) => n + f.held, 0)).toBe(sales.totals.held);
    expect(await refusal(run('filmReport', { from: to, to: from }))).toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
  });
});
