// The manager's catalog and program slices against the in-memory box office: screens and
// films (a poster checked by its content and size before it is sent), "Program a film" with
// its preview and clashes, copying a week, rescheduling with the tickets' count, and
// cancelling a screening into a call list.
import { describe, expect, it } from 'vitest';
import { copyWeekRequests } from '../../../renderer/src/manager/lib/copy-week';
import { isPosterImage } from '../../../renderer/src/manager/lib/poster';
import { addDays, isoWeekday, weekStartOf } from '../../../renderer/src/manager/lib/week';
import { createManagerStore, moveTargets, validateProgram, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, makeShow, showTimeIn } from './fake-manager-transport';

/** A Monday far enough ahead that nothing is in the past. */
const MONDAY = '2030-03-04';

function setup(transport = new FakeManagerTransport([])): { store: ManagerStore; transport: FakeManagerTransport } {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5, refreshEveryMs: 60_000 });
  return { store, transport };
}

async function ready(transport?: FakeManagerTransport) {
  const made = setup(transport);
  await made.store.getState().init();
  await made.store.getState().loadCatalog();
  return made;
}

const png = () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])]);

/** A show of Casablanca on a screen at a +01:00 wall time, taking 102 + 15 minutes. */
const casablanca = (showId: number, day: string, time: string, screenId = 1, booked = 0) => {
  const showTime = `${day}T${time}:00+01:00`;
  const endsAt = new Date(Date.parse(showTime) + 117 * 60_000 + 3_600_000).toISOString().slice(0, 19) + '+01:00';
  return makeShow(showId, showTime, {
    title: null, filmId: 1, filmTitle: 'Casablanca', runtimeMinutes: 102, screenId, screenName: `Screen ${screenId}`, capacity: 80, booked, endsAt,
  });
};

describe('week days', () => {
  it('counts days on the calendar and starts weeks on Monday', () => {
    expect(isoWeekday(MONDAY)).toBe(1);
    expect(isoWeekday(addDays(MONDAY, 6))).toBe(7);
    expect(weekStartOf(addDays(MONDAY, 4))).toBe(MONDAY);
    // The spring change in Europe (30 March 2030) does not shift a day.
    expect(addDays('2030-03-30', 1)).toBe('2030-03-31');
    expect(addDays('2030-03-31', 1)).toBe('2030-04-01');
  });
});

describe('screens and films', () => {
  it('lists, adds and renames screens; a refused name lands on its field', async () => {
    const { store, transport } = await ready();
    expect(store.getState().screens!.map((s) => s.name)).toEqual(['Screen 1', 'Screen 2']);

    store.getState().openScreen(null);
    await store.getState().saveScreen({ name: ' ', capacity: '0', notes: '' });
    expect(store.getState().screenErrors).toEqual({ name: 'empty', capacity: 'range' });
    expect(transport.callsOf('createScreen')).toHaveLength(0);

    await store.getState().saveScreen({ name: 'Screen 2', capacity: '50', notes: '' });
    expect(store.getState().screenErrors).toEqual({ name: 'exists' });

    await store.getState().saveScreen({ name: ' Studio ', capacity: '50', notes: 'Sofas' });
    expect(transport.callsOf('createScreen').at(-1)!.input).toEqual({ name: 'Studio', capacity: 50, notes: 'Sofas' });
    expect(store.getState().done).toEqual({ kind: 'screenSaved', name: 'Studio' });
    expect(store.getState().screens!.map((s) => s.name)).toContain('Studio');

    const studio = store.getState().screens!.find((s) => s.name === 'Studio')!;
    store.getState().openScreen(studio);
    await store.getState().saveScreen({ name: 'Studio', capacity: '60', notes: '' });
    expect(transport.callsOf('updateScreen').at(-1)!.input).toEqual({ screenId: studio.screenId, name: 'Studio', capacity: 60, notes: null });
  });

  it('says why a screen with shows to come is not removed, and removes an idle one', async () => {
    const { store } = await ready(new FakeManagerTransport([casablanca(1, MONDAY, '19:00', 2), casablanca(2, MONDAY, '21:30', 2)]));
    const [first, second] = store.getState().screens!;
    store.getState().askDeleteScreen(second!);
    await store.getState().confirmDeleteScreen();
    expect(store.getState().dialog).toEqual({ kind: 'deleteScreen', screen: second, refusal: { kind: 'hasShows', futureShows: 2 } });

    store.getState().askDeleteScreen(first!);
    await store.getState().confirmDeleteScreen();
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toEqual({ kind: 'screenDeleted', name: 'Screen 1' });
    expect(store.getState().screens!.map((s) => s.screenId)).toEqual([second!.screenId]);
  });

  it('adds a film, keeps its dialog open for the poster, and refuses a wrong poster before sending it', async () => {
    const { store, transport } = await ready();
    store.getState().openFilm(null);
    await store.getState().saveFilm({ title: '', runtimeMinutes: '1000', rating: '', description: '' });
    expect(store.getState().filmErrors).toEqual({ title: 'empty', runtimeMinutes: 'range' });

    await store.getState().saveFilm({ title: 'Metropolis', runtimeMinutes: '153', rating: 'PG', description: '' });
    const dialog = store.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'film', film: { title: 'Metropolis', runtimeMinutes: 153, rating: 'PG', description: null } });
    const filmId = (dialog as { film: { filmId: number } }).film.filmId;

    await store.getState().setPoster(filmId, new Blob(['GIF89a, not a poster']));
    expect(store.getState().posterProblem).toEqual({ filmId, problem: 'type' });
    await store.getState().setPoster(filmId, new Blob([new Uint8Array(2 * 1024 * 1024 + 1)]));
    expect(store.getState().posterProblem).toEqual({ filmId, problem: 'size' });
    expect(transport.callsOf('setFilmPoster')).toHaveLength(0);

    await store.getState().setPoster(filmId, png());
    const sent = transport.callsOf('setFilmPoster')[0]!.input as { image: string };
    expect(Uint8Array.from(atob(sent.image), (c) => c.charCodeAt(0))).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]));
    expect(store.getState().posterProblem).toBeNull();
    expect(store.getState().films!.find((f) => f.filmId === filmId)!.posterUrl).toMatch(/^\/film\/\d+\/poster\?v=/);
    expect(store.getState().dialog).toMatchObject({ kind: 'film', film: { filmId, posterUrl: expect.stringMatching(/poster/) } });
  });

  it('tells JPEG, PNG and WebP by their first bytes', () => {
    const riff = (tag: string) => new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...tag].map((c) => c.charCodeAt(0))));
    expect(isPosterImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(isPosterImage(riff('WEBP'))).toBe(true);
    expect(isPosterImage(riff('WAVE'))).toBe(false);
    expect(isPosterImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(false);
  });
});

describe('a single new show', () => {
  it('goes on the screen and is of the film picked, or the first screen without a film', async () => {
    const { store, transport } = await ready();
    store.getState().openNewShow();
    store.getState().typeNewShow('date', MONDAY);
    store.getState().typeNewShow('time', '18:00');
    store.getState().typeNewShow('screenId', '2');
    store.getState().typeNewShow('filmId', '1');
    await store.getState().submitNewShow();
    expect(transport.callsOf('createShow')[0]!.input).toEqual({ showTime: expect.stringMatching(new RegExp(`^${MONDAY}T18:00:00`)), screenId: 2, filmId: 1 });
    store.getState().openNewShow();
    expect(store.getState().newShow).toMatchObject({ screenId: '', filmId: '' });
  });
});

describe('program a film', () => {
  it('checks the form before asking', () => {
    expect(validateProgram({ filmId: null, screenIds: [], from: MONDAY, to: addDays(MONDAY, -1), weekdays: [], times: ['19:00', '19:00'] })).toEqual({
      filmId: 'empty', screenIds: 'empty', to: 'order', weekdays: 'empty', times: 'duplicate',
    });
    expect(validateProgram({ filmId: 1, screenIds: [1], from: MONDAY, to: MONDAY, weekdays: [1], times: ['7pm'] })).toEqual({ times: 'invalid' });
  });

  it('previews a fortnight at two times, lists a clash, and makes nothing until the clash is gone', async () => {
    const { store, transport } = await ready(new FakeManagerTransport([casablanca(9, addDays(MONDAY, 3), '20:30', 1)]));
    store.getState().openProgram();
    store.getState().typeProgram({ filmId: 1, screenIds: [1], from: MONDAY, to: addDays(MONDAY, 13), times: ['19:00', '21:30'] });
    await store.getState().previewProgram();
    const preview = store.getState().programPreview!;
    expect(preview.shows).toHaveLength(28);
    // The Thursday show at 20:30 (to 22:27) is in the way of both: 19:00 runs to 20:57, 21:30 starts before 22:27.
    expect(preview.clashes.map((c) => c.showTime)).toEqual([`${addDays(MONDAY, 3)}T19:00:00+01:00`, `${addDays(MONDAY, 3)}T21:30:00+01:00`]);
    expect(preview.clashes[0]!.inTheWay).toEqual({ showId: 9, showTime: `${addDays(MONDAY, 3)}T20:30:00+01:00`, title: 'Casablanca' });
    expect(transport.callsOf('scheduleShows').at(-1)!.input).toMatchObject({ dryRun: true, weekdays: [1, 2, 3, 4, 5, 6, 7], times: ['19:00', '21:30'] });

    await store.getState().createProgram();
    expect(store.getState().dialog).toEqual({ kind: 'program' });
    expect(store.getState().programPreview!.clashes).toHaveLength(2);
    expect(transport.shows).toHaveLength(1);

    // Skipping Thursdays leaves no clash: the fortnight is made in one request.
    store.getState().typeProgram({ weekdays: [1, 2, 3, 5, 6, 7] });
    expect(store.getState().programPreview).toBeNull();
    await store.getState().createProgram();
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toEqual({ kind: 'programmed', count: 24 });
    expect(store.getState().timelineDay).toBe(MONDAY);
    await store.getState().refreshShows();
    expect(store.getState().shows.filter((s) => s.filmTitle === 'Casablanca')).toHaveLength(25);
  });

  it('asks for an explicit yes before making shows in the past', async () => {
    const { store, transport } = await ready();
    const yesterday = showTimeIn(-24 * 60).slice(0, 10);
    store.getState().openProgram();
    store.getState().typeProgram({ filmId: 1, screenIds: [2], from: yesterday, to: yesterday, times: ['10:00'] });
    await store.getState().createProgram();
    expect(store.getState().programPast).toBe(true);
    expect(transport.shows).toHaveLength(0);
    await store.getState().createProgram(true);
    expect(transport.callsOf('scheduleShows').at(-1)!.input).toMatchObject({ confirmPast: true });
    expect(store.getState().done).toEqual({ kind: 'programmed', count: 1 });
  });
});

describe('copy a week', () => {
  it('folds a week into requests per film, time and weekdays, leaving out shows without a film and cancelled ones', () => {
    const shows = [
      casablanca(1, MONDAY, '19:00', 1),
      casablanca(2, MONDAY, '19:00', 2),
      casablanca(3, addDays(MONDAY, 1), '19:00', 1),
      casablanca(4, addDays(MONDAY, 1), '19:00', 2),
      casablanca(5, addDays(MONDAY, 5), '21:30', 1),
      { ...casablanca(6, addDays(MONDAY, 6), '16:00', 1), cancelledAt: '2030-03-01T10:00:00+01:00' },
      makeShow(7, `${addDays(MONDAY, 2)}T18:00:00+01:00`, { title: 'Quiz night' }),
      casablanca(8, addDays(MONDAY, 7), '19:00', 1),
    ];
    const copy = copyWeekRequests(shows, MONDAY, undefined);
    expect(copy).toEqual({
      copied: 5,
      skipped: 1,
      requests: [
        { filmId: 1, screenIds: [1, 2], from: addDays(MONDAY, 7), to: addDays(MONDAY, 13), weekdays: [1, 2], times: ['19:00'] },
        { filmId: 1, screenIds: [1], from: addDays(MONDAY, 7), to: addDays(MONDAY, 13), weekdays: [6], times: ['21:30'] },
      ],
    });
  });

  it('previews next week from this week, then makes it', async () => {
    const transport = new FakeManagerTransport([casablanca(1, MONDAY, '19:00', 1), casablanca(2, addDays(MONDAY, 2), '19:00', 2)]);
    const { store } = await ready(transport);
    store.getState().setTimelineDay(addDays(MONDAY, 3));
    await store.getState().openCopyWeek();
    const dialog = store.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'copyWeek', monday: MONDAY, copy: { copied: 2, skipped: 0 } });
    if (dialog?.kind !== 'copyWeek') throw new Error('no copy dialog');
    expect(dialog.preview!.shows.map((s) => [s.showTime, s.screenId])).toEqual([
      [`${addDays(MONDAY, 7)}T19:00:00+01:00`, 1],
      [`${addDays(MONDAY, 9)}T19:00:00+01:00`, 2],
    ]);
    expect(transport.shows).toHaveLength(2);
    await store.getState().confirmCopyWeek();
    expect(store.getState().done).toEqual({ kind: 'programmed', count: 2 });
    expect(store.getState().timelineDay).toBe(addDays(MONDAY, 7));
    expect(transport.shows).toHaveLength(4);
  });
});

describe('reschedule and cancel a screening', () => {
  it('a move to a screening cancelled meanwhile is refused calmly, back at the list of shows', async () => {
    const transport = new FakeManagerTransport([casablanca(1, MONDAY, '19:00', 1), casablanca(2, MONDAY, '19:00', 2)]);
    const { store } = await ready(transport);
    const ticketId = transport.book(1, 'Ana Lima');
    await store.getState().openTicket(ticketId);
    // Cancelled on the server after this list was read.
    transport.shows[1]!.cancelledAt = '2030-03-01T10:00:00+01:00';
    store.getState().askMove();
    store.getState().pickMoveTarget(store.getState().shows.find((s) => s.showId === 2)!);
    await store.getState().confirmMove();
    expect(store.getState().notice).toEqual({ kind: 'showCancelled' });
    expect(store.getState().dialog).toEqual({ kind: 'move' });
    await store.getState().refreshShows();
    expect(moveTargets(store.getState().shows, null).map((s) => s.showId)).toEqual([1]);
  });

  it('moves a show with its tickets, saying how many sold when the screen is too small', async () => {
    const transport = new FakeManagerTransport([casablanca(1, MONDAY, '19:00', 1, 0), casablanca(2, MONDAY, '21:00', 1)]);
    const { store } = await ready(transport);
    for (const name of ['Ana', 'Bo', 'Cy']) transport.book(1, name);
    transport.screens[1]!.capacity = 2;
    await store.getState().refreshShows();
    const show = store.getState().shows.find((s) => s.showId === 1)!;

    store.getState().openReschedule(show);
    await store.getState().submitReschedule({ date: MONDAY, time: '19:30', screenId: 2, confirmPast: false });
    expect(store.getState().dialog).toMatchObject({ kind: 'reschedule', problem: { kind: 'belowSold', booked: 3 } });

    await store.getState().submitReschedule({ date: MONDAY, time: '20:00', screenId: 1, confirmPast: false });
    expect(store.getState().dialog).toMatchObject({ kind: 'reschedule', problem: { kind: 'busy', title: 'Casablanca', showTime: `${MONDAY}T21:00:00+01:00` } });

    await store.getState().submitReschedule({ date: addDays(MONDAY, 1), time: '18:15', screenId: 1, confirmPast: false });
    expect(transport.callsOf('rescheduleShow').at(-1)!.input).toEqual({ showId: 1, showTime: `${addDays(MONDAY, 1)} 18:15`, screenId: 1 });
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toEqual({ kind: 'rescheduled', title: 'Casablanca', showTime: `${addDays(MONDAY, 1)}T18:15:00+01:00`, movedTickets: 3 });
    expect(store.getState().timelineDay).toBe(addDays(MONDAY, 1));
  });

  it('needs a reason, then cancels every ticket and keeps the call list open', async () => {
    const transport = new FakeManagerTransport([casablanca(1, MONDAY, '19:00', 1)]);
    const { store } = await ready(transport);
    const ana = transport.book(1, 'Ana Lima', '+34600111222');
    transport.book(1, 'Bo Ek', '+46700111222');
    await store.getState().refreshShows();
    store.getState().openCancelShow(store.getState().shows[0]!);
    await store.getState().submitCancelShow('  ');
    expect(store.getState().dialog).toMatchObject({ kind: 'cancelShow', problem: 'empty', result: null });
    expect(transport.callsOf('cancelShow')).toHaveLength(0);

    await store.getState().submitCancelShow(' Projector failure ');
    expect(transport.callsOf('cancelShow')[0]!.input).toEqual({ showId: 1, reason: 'Projector failure' });
    const dialog = store.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'cancelShow', problem: null, result: { cancelledTickets: 2, reason: 'Projector failure' } });
    if (dialog?.kind !== 'cancelShow') throw new Error('no cancel dialog');
    expect(dialog.result!.guests[0]).toEqual({ ticketId: ana, name: 'Ana Lima', phone: '+34600111222', ticketCode: `CODE-${ana}` });
    await store.getState().refreshShows();
    expect(store.getState().shows[0]).toMatchObject({ cancelledAt: expect.any(String), cancelReason: 'Projector failure', booked: 0 });

    store.getState().openCancelShow(store.getState().shows[0]!);
    await store.getState().submitCancelShow('Again');
    expect(store.getState().dialog).toMatchObject({ kind: 'cancelShow', problem: 'already' });
  });
});
