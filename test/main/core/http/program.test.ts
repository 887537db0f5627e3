// The program routes over HTTPS: /show/schedule (201, a dry run 200, a clash 409 with its list),
// /show/reschedule, /show/cancel with its call list, /report/films; and the OpenAPI document
// naming the dry run's own status.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await startHarness();
  manager = await h.token('manager');
});
afterAll(async () => {
  await h?.close();
});

const post = (path: string, body: unknown, token = manager) => h.client.request('POST', path, body, token);
const dayFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function screenAndFilm(): Promise<{ screenId: number; filmId: number }> {
  const screen = await post('/screen/create', { name: `Screen ${Math.random().toString(36).slice(2, 8)}`, capacity: 40 });
  const film = await post('/film/create', { title: 'Casablanca', runtimeMinutes: 102 });
  expect([screen.status, film.status]).toEqual([201, 201]);
  return { screenId: screen.json.screenId as number, filmId: film.json.filmId as number };
}

test('/show/schedule: a dry run answers 200 and makes nothing; the request answers 201; again, 409 SCREEN_BUSY with every clash', async () => {
  const { screenId, filmId } = await screenAndFilm();
  const body = { filmId, screenIds: [screenId], from: dayFromNow(5), to: dayFromNow(6), times: ['19:00', '21:30'] };
  const preview = await post('/show/schedule', { ...body, dryRun: true });
  expect(preview.status).toBe(200);
  expect(preview.json).toMatchObject({ dryRun: true, clashes: [] });
  expect(preview.json.shows.map((s: { showId: unknown }) => s.showId)).toEqual([null, null, null, null]);

  const made = await post('/show/schedule', body);
  expect(made.status).toBe(201);
  expect(made.json.shows).toHaveLength(4);
  expect(made.json.shows.every((s: { showId: unknown }) => typeof s.showId === 'number')).toBe(true);

  const again = await post('/show/schedule', body);
  expect(again.status).toBe(409);
  expect(again.json.error.code).toBe('SCREEN_BUSY');
  expect(JSON.parse(again.json.error.details.clashes as string)).toHaveLength(4);
  const clashPreview = await post('/show/schedule', { ...body, dryRun: true });
  expect(clashPreview.status).toBe(200);
  expect(clashPreview.json.clashes).toHaveLength(4);
});

test('/show/reschedule moves the show with its tickets; /show/cancel answers the call list; the show lists as cancelled', async () => {
  const showTime = await h.showTime(300);
  const listed = await post('/show/list', {});
  const show = listed.json.find((s: { showTime: string }) => s.showTime === showTime.replace('Z', '+00:00'));
  const booked = await post('/ticket/book', { userName: 'Ana Lima', phoneNo: '+1 555 010 0199', showId: show.showId });
  expect(booked.status).toBe(201);

  const later = new Date(Date.parse(showTime) + 3_600_000).toISOString();
  const moved = await post('/show/reschedule', { showId: show.showId, showTime: later });
  expect(moved.status).toBe(200);
  expect(moved.json).toMatchObject({ showId: show.showId, showTime: later.replace('.000Z', '+00:00'), movedTickets: 1, booked: 1 });

  const past = await post('/show/reschedule', { showId: show.showId, showTime: new Date(Date.now() - 600_000).toISOString() });
  expect(past.status).toBe(409);
  expect(past.json.error.code).toBe('SHOW_IN_PAST');

  const cancelled = await post('/show/cancel', { showId: show.showId, reason: 'Projector failure' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.json).toEqual({
    showId: show.showId, cancelledTickets: 1,
    guests: [{ ticketId: booked.json.ticketId, name: 'Ana Lima', phone: '+15550100199', ticketCode: booked.json.ticketCode }],
  });
  const again = await post('/show/cancel', { showId: show.showId, reason: 'Twice' });
  expect([again.status, again.json.error.code]).toEqual([409, 'SHOW_CANCELLED']);
  const after = (await post('/show/list', {})).json.find((s: { showId: number }) => s.showId === show.showId);
  expect(after).toMatchObject({ cancelReason: 'Projector failure', booked: 0 });
  const kioskList = await post('/show/list', {}, await h.token('kiosk'));
  expect(kioskList.json.some((s: { showId: number }) => s.showId === show.showId)).toBe(false);
  const door = await post('/ticket/checkin', { ticketCode: booked.json.ticketCode }, await h.token('door'));
  expect([door.status, door.json.error.code]).toEqual([410, 'TICKET_CANCELLED']);
});

test('/show/create refuses a past time with 409 SHOW_IN_PAST, and makes it when confirmed', async () => {
  const past = new Date(Date.now() - 3_600_000).toISOString();
  const refused = await post('/show/create', { showTime: past });
  expect([refused.status, refused.json.error.code, refused.json.error.details.showTime]).toEqual([409, 'SHOW_IN_PAST', `${past.slice(0, 19)}+00:00`]);
  const confirmed = await post('/show/create', { showTime: past, confirmPast: true });
  expect(confirmed.status).toBe(201);
});

test('/report/films answers rows and totals; /report/sales gains byScreen and byFilm', async () => {
  const { screenId, filmId } = await screenAndFilm();
  const made = await post('/show/schedule', { filmId, screenIds: [screenId], from: dayFromNow(2), to: dayFromNow(2), times: ['18:00'] });
  const showId = made.json.shows[0].showId as number;
  await post('/ticket/book', { userName: 'Bo Chen', phoneNo: '+1 555 010 0200', showId });
  const report = await post('/report/films', { from: dayFromNow(0), to: dayFromNow(7) });
  expect(report.status).toBe(200);
  expect(report.json.totals.find((r: { filmId: number }) => r.filmId === filmId)).toEqual({ filmId, title: 'Casablanca', shows: 1, admissions: 1, gross: 0, currency: 'USD' });
  expect(report.json.rows.filter((r: { filmId: number }) => r.filmId === filmId)).toHaveLength(1);
  const sales = await post('/report/sales', { from: dayFromNow(0), to: dayFromNow(7) });
  expect(sales.json.byScreen.find((s: { screenId: number }) => s.screenId === screenId)).toMatchObject({ shows: 1, held: 1 });
  expect(sales.json.byFilm.find((f: { filmId: number | null }) => f.filmId === filmId)).toMatchObject({ filmTitle: 'Casablanca', shows: 1, held: 1 });
});

test('the OpenAPI document gives /show/schedule its 201 and its dry run 200', async () => {
  const doc = await h.client.request('GET', '/openapi.json');
  const responses = doc.json.paths['/show/schedule'].post.responses;
  expect(Object.keys(responses)).toEqual(expect.arrayContaining(['201', '200', '409']));
  expect(responses['200'].description).toMatch(/Dry run/);
  expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/show/reschedule', '/show/cancel', '/report/films']));
});
