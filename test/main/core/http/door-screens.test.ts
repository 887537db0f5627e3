// What the door and the kiosk are told where several screens play at once, over real HTTPS:
// /door/shows names each show's screen and film, a check-in names the show and the screen the
// guest goes to, a kiosk's lookup names its ticket's show by showId, and the code of a ticket
// whose screening was cancelled says so (with the reason) rather than just "cancelled".
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
let kiosk: string;
let door: string;
const post = (path: string, body: unknown, token: string) => h.client.request('POST', path, body, token);

beforeAll(async () => {
  h = await startHarness({ checkinOpensMinutes: 60, checkinClosesMinutes: 120 });
  manager = await h.token('manager', 'box-office');
  kiosk = await h.token('kiosk', 'lobby-kiosk');
  door = await h.token('door', 'door-left');
});
afterAll(async () => {
  await h?.close();
});

interface Programme {
  showTime: string;
  casablanca: number;
  screen2: number;
  onScreen1: number;
  onScreen2: number;
}

const sameTime = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/** An untitled show on Screen 1 (made by h.showTime) and a film on a new screen, at the same minute. */
async function programme(minutes: number, screenName: string): Promise<Programme> {
  const showTime = await h.showTime(minutes);
  const film = await post('/film/create', { title: `Casablanca ${screenName}`, runtimeMinutes: 102, rating: 'PG' }, manager);
  const screen = await post('/screen/create', { name: screenName, capacity: 50 }, manager);
  expect([film.status, screen.status]).toEqual([201, 201]);
  const created = await post('/show/create', { showTime, screenId: screen.json.screenId, filmId: film.json.filmId }, manager);
  expect(created.status).toBe(201);
  const list = await post('/show/list', {}, manager);
  const onScreen1 = list.json.find((s: { showTime: string; screenId: number }) => s.screenId === 1 && sameTime(s.showTime, showTime)).showId as number;
  return { showTime: created.json.showTime, casablanca: film.json.filmId, screen2: screen.json.screenId, onScreen1, onScreen2: created.json.showId };
}

describe('two screens at one minute, at the door and the kiosk', () => {
  test('/door/shows names each show\'s screen and film; the title falls back to the film\'s', async () => {
    const p = await programme(20, 'Screen 2');
    const booked = await post('/ticket/book', { userName: 'Ana Lima', phoneNo: '+34600111222', showId: p.onScreen2 }, kiosk);
    expect(booked.status).toBe(201);
    const answer = await post('/door/shows', {}, door);
    expect(answer.status).toBe(200);
    const atThatMinute = answer.json.filter((s: { showTime: string }) => sameTime(s.showTime, p.showTime));
    expect(atThatMinute).toEqual([
      expect.objectContaining({ showId: p.onScreen1, screenId: 1, screenName: 'Screen 1', title: null, filmTitle: null, booked: 0, cancelledAt: null }),
      expect.objectContaining({
        showId: p.onScreen2, screenId: p.screen2, screenName: 'Screen 2', title: 'Casablanca Screen 2', filmTitle: 'Casablanca Screen 2', booked: 1, cancelledAt: null,
      }),
    ]);
  });

  test('a check-in names the show by id and the screen the guest goes to; a kiosk lookup names its show by id', async () => {
    const p = await programme(25, 'Screen 3');
    const booked = await post('/ticket/book', { userName: 'Ana Lima', phoneNo: '+34600111223', showId: p.onScreen2 }, kiosk);
    const looked = await post('/ticket/view/user', { ticketCode: booked.json.ticketCode }, kiosk);
    expect(looked.status).toBe(200);
    expect(looked.json).toMatchObject({ ticketId: booked.json.ticketId, showId: p.onScreen2, showTime: p.showTime });
    const admitted = await post('/ticket/checkin', { ticketCode: booked.json.ticketCode }, door);
    expect(admitted.status).toBe(200);
    expect(admitted.json).toMatchObject({ showId: p.onScreen2, showTime: p.showTime, title: 'Casablanca Screen 3', screenName: 'Screen 3', userName: 'Ana Lima' });
  });

  test('the code of a ticket whose screening was cancelled says so, with the reason; a plain cancel does not', async () => {
    const p = await programme(30, 'Screen 4');
    const plain = await post('/ticket/book', { userName: 'Bo Chen', phoneNo: '+34600111224', showId: p.onScreen1 }, kiosk);
    const ticket = await post('/ticket/book', { userName: 'Ana Lima', phoneNo: '+34600111225', showId: p.onScreen2 }, kiosk);
    expect((await post('/ticket/delete', { ticketCode: plain.json.ticketCode }, kiosk)).status).toBe(200);
    const called = await post('/show/cancel', { showId: p.onScreen2, reason: 'Projector failure' }, manager);
    expect(called.status, JSON.stringify(called.json)).toBe(200);
    expect(called.json.cancelledTickets).toBe(1);

    const scanned = await post('/ticket/checkin', { ticketCode: ticket.json.ticketCode }, door);
    expect(scanned.status).toBe(410);
    expect(scanned.json.error.code).toBe('TICKET_CANCELLED');
    expect(scanned.json.error.details).toEqual({
      cancelledAt: expect.any(String), screeningCancelledAt: expect.any(String), showTime: p.showTime, reason: 'Projector failure',
    });
    const looked = await post('/ticket/view/user', { ticketCode: ticket.json.ticketCode }, kiosk);
    expect(looked.json.error.details).toMatchObject({ reason: 'Projector failure', showTime: p.showTime });

    const plainScan = await post('/ticket/checkin', { ticketCode: plain.json.ticketCode }, door);
    expect(plainScan.status).toBe(410);
    expect(Object.keys(plainScan.json.error.details)).toEqual(['cancelledAt']);

    const listed = (await post('/door/shows', {}, door)).json.find((s: { showId: number }) => s.showId === p.onScreen2);
    expect(Date.parse(listed.cancelledAt)).not.toBeNaN();
  });
});
