// Every route × {no token, wrong token, revoked token, kiosk, door, viewer, manager}, over real
// HTTPS; phone numbers and ticket codes only where the role may see them; kiosk ownership by code.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATION_NAMES, OPERATIONS, type OperationName, type Role } from '../../../../main/common/operations';
import { createPairingCode } from '../../../../main/core/auth/pairing';
import { pairingKey } from '../../../../main/core/auth/pairing-key';
import { createToken } from '../../../../main/core/auth/tokens';
import { showTimeFromNow } from '../../../support/db';
import { startHarness, type Harness } from './harness';

// Who may do what, as the contract words it (docs/ARCHITECTURE.md, "The one contract") — written out here rather than read from the
// operation table, so a slip in the table shows up as a failure.
const ALLOWED: Record<OperationName, Role[]> = {
  book: ['kiosk', 'manager'],
  move: ['kiosk', 'manager'],
  cancel: ['kiosk', 'manager'],
  listByShowTime: ['viewer', 'manager'],
  lookupTicket: ['kiosk', 'counter', 'manager'],
  ticketHistory: ['manager'],
  listShows: ['kiosk', 'viewer', 'counter', 'manager'],
  createShow: ['manager'],
  serverStatus: ['manager'],
  listTokens: ['manager'],
  createToken: ['manager'],
  revokeToken: ['manager'],
  checkIn: ['door', 'counter', 'manager'],
  undoCheckIn: ['manager'],
  doorShows: ['door', 'counter', 'manager'],
  doorSnapshot: ['door'],
  checkinConflicts: ['manager'],
  updateToken: ['manager'],
  updateShow: ['manager'],
  deleteShow: ['manager'],
  searchTickets: ['viewer', 'counter', 'manager'],
  salesReport: ['manager'],
  deviceSelf: ['kiosk', 'door', 'viewer', 'counter', 'manager'],
  createPairing: ['manager'],
  // Answered without a token: how a device gets its token in the first place.
  redeemPairing: [],
  createScreen: ['manager'],
  listScreens: ['kiosk', 'viewer', 'door', 'counter', 'manager'],
  updateScreen: ['manager'],
  deleteScreen: ['manager'],
  createFilm: ['manager'],
  listFilms: ['kiosk', 'viewer', 'door', 'counter', 'manager'],
  updateFilm: ['manager'],
  setFilmPoster: ['manager'],
  scheduleShows: ['manager'],
  rescheduleShow: ['manager'],
  cancelShow: ['manager'],
  filmReport: ['manager'],
  listTicketTypes: ['kiosk', 'viewer', 'door', 'counter', 'manager'],
  createTicketType: ['manager'],
  updateTicketType: ['manager'],
  deleteTicketType: ['manager'],
  showTicketTypes: ['kiosk', 'viewer', 'counter', 'manager'],
  sell: ['counter', 'manager'],
  payTicket: ['counter', 'manager'],
  refundTicket: ['counter', 'manager'],
  cashUp: ['counter', 'manager'],
  closeCashUp: ['counter', 'manager'],
};
const PUBLIC: ReadonlySet<OperationName> = new Set(['redeemPairing']);

type Caller = 'none' | 'wrong' | 'revoked' | Role;
const CALLERS: Caller[] = ['none', 'wrong', 'revoked', 'kiosk', 'door', 'viewer', 'counter', 'manager'];

let h: Harness;
const tokens = {} as Record<Caller, string | undefined>;
let phoneSeq = 0;
const phone = () => `+1555${String(2000000 + ++phoneSeq)}`;

beforeAll(async () => {
  h = await startHarness();
  tokens.none = undefined;
  tokens.wrong = `mq_${'A'.repeat(43)}`;
  tokens.revoked = await h.revokedToken('manager');
  for (const role of ['kiosk', 'door', 'viewer', 'counter', 'manager'] as const) tokens[role] = await h.token(role);
});
afterAll(async () => {
  await h?.close();
});

/** A ticket booked by the manager, so every caller's request has something real to act on. */
async function ticket(showTime: string) {
  const phoneNo = phone();
  const answer = await h.client.request('POST', '/ticket/book', { userName: 'Route Tester', phoneNo, showTime }, tokens.manager);
  expect(answer.status).toBe(201);
  return { ticketId: answer.json.ticketId as number, ticketCode: answer.json.ticketCode as string, phoneNo };
}

/** A priced type (9.50), for the money routes; made once. */
let pricedType: number | undefined;
async function priced(): Promise<number> {
  pricedType ??= Number((await h.database.db.exec("INSERT INTO ticket_type (name, price, sort_order, created_at, updated_at) VALUES ('Priced', 950, 5, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")).insertId);
  return pricedType;
}

/** A sale of one priced seat, by `caller` where it may sell (else the manager): something to refund. */
async function sale(showTime: string, caller: Caller) {
  const seller = caller === 'counter' ? tokens.counter : tokens.manager;
  const showId = await showIdAt(showTime);
  const answer = await h.client.request('POST', '/counter/sell', { showId, items: [{ ticketTypeId: await priced(), count: 1 }], payment: { method: 'cash', amount: 950 } }, seller);
  expect(answer.status, answer.text).toBe(201);
  return { ticketId: answer.json.ticketId as number };
}

/** A 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function filmId(): Promise<number> {
  const made = await h.database.db.exec("INSERT INTO film (title, runtime_minutes, created_at, updated_at) VALUES ('Roles', 90, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
  return made.insertId;
}

async function spareScreen(): Promise<number> {
  return (await h.database.db.exec('INSERT INTO screen (name, capacity, created_at) VALUES (?, 10, UTC_TIMESTAMP(3))', [`Spare ${++phoneSeq}`])).insertId;
}

async function showIdAt(showTime: string): Promise<number> {
  const [row] = await h.database.db.rows('SELECT show_id FROM show_record WHERE starts_at = ?', [new Date(showTime)]);
  return Number(row!.show_id);
}

/** A day `n` days from today, as YYYY-MM-DD (the harness's theatre keeps UTC). */
const dayFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A ticket type nobody bought yet, made straight in the database (fresh for each caller). */
async function createTicketType(db: Harness['database']['db'], name: string): Promise<{ ticketTypeId: number }> {
  const result = await db.exec('INSERT INTO ticket_type (name, price, sort_order, created_at, updated_at) VALUES (?, 0, 9, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))', [name]);
  return { ticketTypeId: Number(result.insertId) };
}

/** A valid body for each operation (fresh where the operation consumes it). */
async function validBody(name: OperationName, showTime: string, later: string, caller: Caller): Promise<unknown> {
  switch (name) {
    case 'book':
      return { userName: 'Route Tester', phoneNo: phone(), showTime };
    case 'move': {
      const t = await ticket(showTime);
      return { ticketId: t.ticketId, ticketCode: t.ticketCode, showTime: later };
    }
    case 'cancel':
    case 'lookupTicket':
      return ticket(showTime);
    case 'ticketHistory':
      return { ticketId: (await ticket(showTime)).ticketId };
    case 'listByShowTime':
      return { showTime };
    case 'listShows':
      return {};
    case 'createShow':
      // A time nobody scheduled yet (h.showTime makes its show; a second one at a time is 409).
      return { showTime: await showTimeFromNow(h.database.db, 4000 + ++phoneSeq), title: 'Matinee', capacity: 30 };
    case 'serverStatus':
    case 'listTokens':
      return {};
    case 'createToken':
      return { role: 'viewer', label: 'Made over REST' };
    case 'revokeToken':
      return { tokenId: (await createToken(h.database.db, 'viewer', 'To be revoked')).id };
    case 'checkIn':
      // Doors are open: the show starts in five minutes.
      return { ticketCode: (await ticket(await h.showTime(5))).ticketCode };
    case 'undoCheckIn':
      return { ticketId: (await ticket(showTime)).ticketId };
    case 'doorShows':
    case 'doorSnapshot':
    case 'checkinConflicts':
      return {};
    case 'updateToken':
      return { tokenId: (await createToken(h.database.db, 'door', 'To be scoped')).id, screenIds: [1] };
    case 'updateShow':
      return { showTime, title: 'Renamed' };
    case 'deleteShow': {
      // h.showTime schedules it: a show with no tickets, fresh for each caller.
      return { showTime: await h.showTime(3000 + ++phoneSeq) };
    }
    case 'searchTickets':
      return { query: 'Route' };
    case 'salesReport':
    case 'deviceSelf':
      return {};
    case 'createPairing':
      return { role: 'kiosk', label: 'Paired over REST' };
    case 'redeemPairing':
      return { code: (await createPairingCode(h.database.db, pairingKey(h.database.config.pairingKeyFile), 'kiosk', 'Paired in the roles test', 'test')).code };
    case 'createScreen':
      return { name: `Screen R${++phoneSeq}`, capacity: 40 };
    case 'listScreens':
    case 'listFilms':
      return {};
    case 'updateScreen':
      return { screenId: 1, notes: 'Checked by the roles test' };
    case 'deleteScreen':
      return { screenId: await spareScreen() };
    case 'createFilm':
      return { title: 'Casablanca', runtimeMinutes: 102, rating: 'PG' };
    case 'updateFilm':
      return { filmId: await filmId(), rating: 'PG-13' };
    case 'setFilmPoster':
      return { filmId: await filmId(), image: PNG_BASE64 };
    case 'scheduleShows':
      return { filmId: await filmId(), screenIds: [await spareScreen()], from: dayFromNow(20), to: dayFromNow(21), times: ['19:00', '21:30'] };
    case 'rescheduleShow':
      return { showId: await showIdAt(await h.showTime(5000 + ++phoneSeq)), showTime: await showTimeFromNow(h.database.db, 5000 + ++phoneSeq) };
    case 'cancelShow':
      return { showId: await showIdAt(await h.showTime(6000 + ++phoneSeq)), reason: 'Roles test' };
    case 'filmReport':
      return { from: dayFromNow(-7), to: dayFromNow(7) };
    case 'listTicketTypes':
      return {};
    case 'createTicketType':
      return { name: `Type R${++phoneSeq}`, price: 950 };
    case 'updateTicketType':
      return { ticketTypeId: 1, sortOrder: 0 };
    case 'deleteTicketType':
      return { ticketTypeId: (await createTicketType(h.database.db, `Unsold R${++phoneSeq}`)).ticketTypeId };
    case 'showTicketTypes':
      return { showId: await showIdAt(showTime) };
    case 'sell':
      return { showId: await showIdAt(showTime), items: [{ ticketTypeId: await priced(), count: 2 }], payment: { method: 'cash', amount: 1900, tendered: 2000 } };
    case 'payTicket': {
      const booked = await h.client.request('POST', '/ticket/book', { userName: 'Pays Later', phoneNo: phone(), showTime, items: [{ ticketTypeId: await priced(), count: 1 }] }, tokens.manager);
      return { ticketId: booked.json.ticketId, payment: { method: 'card', amount: 950, reference: 'T-1' } };
    }
    case 'refundTicket':
      return { ...(await sale(showTime, caller)), amount: 950, method: 'cash', reason: 'Left before the film' };
    case 'cashUp':
      return { day: dayFromNow(0) };
    case 'closeCashUp':
      // Each caller closes its own drawer: one close per day and device.
      return { day: dayFromNow(0), counted: 0 };
  }
}

describe('operation routes', () => {
  test('the operation table grants exactly the roles the design names', () => {
    for (const name of OPERATION_NAMES) expect([...OPERATIONS[name].roles].sort()).toEqual([...ALLOWED[name]].sort());
  });

  for (const name of OPERATION_NAMES) {
    test(`${OPERATIONS[name].path}: status for each caller`, async () => {
      const showTime = await h.showTime(600 + OPERATION_NAMES.indexOf(name) * 10);
      const later = await h.showTime(2000 + OPERATION_NAMES.indexOf(name) * 10);
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const caller of CALLERS) {
        const answer = await h.client.request('POST', OPERATIONS[name].path, await validBody(name, showTime, later, caller), tokens[caller]);
        seen[caller] = answer.status;
        if (PUBLIC.has(name)) {
          expected[caller] = OPERATIONS[name].status;
          expect(answer.json.error).toBeUndefined();
        } else if (caller === 'none' || caller === 'wrong' || caller === 'revoked') {
          expected[caller] = 401;
          expect(answer.json.error.code).toBe('UNAUTHENTICATED');
          expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
        } else if (ALLOWED[name].includes(caller)) {
          expected[caller] = OPERATIONS[name].status;
          expect(answer.json.error).toBeUndefined();
        } else {
          expected[caller] = 403;
          expect(answer.json.error.code).toBe('FORBIDDEN');
        }
      }
      expect(seen).toEqual(expected);
    });
  }
});

function openStream(token: string | undefined): Promise<{ status: number; contentType: string | undefined; firstChunk: string }> {
  const url = new URL('/show/seats/stream', h.baseUrl);
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca: h.listener.caCertPem, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ status: res.statusCode!, contentType: res.headers['content-type'], firstChunk: chunk.toString('utf8') });
        req.destroy();
      });
      res.once('end', () => resolve({ status: res.statusCode!, contentType: res.headers['content-type'], firstChunk: '' }));
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
  });
}

describe('other routes', () => {
  test.each(CALLERS)('GET /health and /openapi.json need no token (caller: %s)', async (caller) => {
    expect((await h.client.request('GET', '/health', undefined, tokens[caller])).status).toBe(200);
    expect((await h.client.request('GET', '/openapi.json', undefined, tokens[caller])).status).toBe(200);
  });

  test.each(CALLERS)('GET /show/seats/stream (caller: %s)', async (caller) => {
    const answer = await openStream(tokens[caller]);
    if (caller === 'none' || caller === 'wrong' || caller === 'revoked') {
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.firstChunk).error.code).toBe('UNAUTHENTICATED');
    } else if (caller === 'door') {
      // A door sees today's counts through /door/shows, not the seats of every show.
      expect(answer.status).toBe(403);
    } else {
      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/^text\/event-stream/);
    }
  });
});

describe('phone numbers only where the role allows', () => {
  let showTime: string;
  let booked: { ticketId: number; ticketCode: string; phoneNo: string };

  beforeAll(async () => {
    showTime = await h.showTime(5000);
    booked = await ticket(showTime);
  });

  test('the viewer sees rosters with masked phones; the manager sees them whole', async () => {
    const viewer = await h.client.request('POST', '/ticket/view/time', { showTime }, tokens.viewer);
    const manager = await h.client.request('POST', '/ticket/view/time', { showTime }, tokens.manager);
    expect(viewer.status).toBe(200);
    expect(Array.isArray(viewer.json)).toBe(true);
    expect(viewer.json).toHaveLength(1);
    expect(viewer.json[0].phoneNo).not.toContain(booked.phoneNo.slice(2, -2));
    expect(viewer.json[0].phoneNo).toMatch(/^\D+\d{2}$/);
    expect(viewer.text).not.toContain(booked.phoneNo.slice(-6));
    expect(manager.json[0].phoneNo).toBe(booked.phoneNo);
  });

  test('the viewer never sees ticket codes; the manager does', async () => {
    const viewer = await h.client.request('POST', '/ticket/view/time', { showTime }, tokens.viewer);
    const manager = await h.client.request('POST', '/ticket/view/time', { showTime }, tokens.manager);
    expect(viewer.json[0].ticketCode).toBeUndefined();
    expect(viewer.text).not.toContain(booked.ticketCode);
    expect(manager.json[0].ticketCode).toBe(booked.ticketCode);
  });

  test('the kiosk finds its own ticket only with its code, and even then sees its phone masked', async () => {
    const own = await h.client.request('POST', '/ticket/view/user', { ticketCode: booked.ticketCode }, tokens.kiosk);
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ ticketId: booked.ticketId, phoneNo: `•••• ${booked.phoneNo.slice(-2)}`, ticketCode: booked.ticketCode });
    expect(own.text).not.toContain(booked.phoneNo);
    const asManager = await h.client.request('POST', '/ticket/view/user', { ticketId: booked.ticketId }, tokens.manager);
    expect(asManager.json.phoneNo).toBe(booked.phoneNo);
    // Typed in lower case without dashes, as a guest might.
    const typed = await h.client.request('POST', '/ticket/view/user', { ticketCode: booked.ticketCode.replaceAll('-', ' ').toLowerCase() }, tokens.kiosk);
    expect(typed.status).toBe(200);

    // The phone is no longer a proof: number + the right phone is refused, and names the field wanted.
    const byPhone = await h.client.request('POST', '/ticket/view/user', { ticketId: booked.ticketId, phoneNo: booked.phoneNo }, tokens.kiosk);
    expect(byPhone.status).toBe(400);
    expect(byPhone.json.error.field).toBe('ticketCode');
    expect(byPhone.text).not.toContain(booked.phoneNo);

    // Another ticket's code with this ticket's number: no such ticket, nothing revealed.
    const other = await ticket(showTime);
    const mixed = await h.client.request('POST', '/ticket/view/user', { ticketId: booked.ticketId, ticketCode: other.ticketCode }, tokens.kiosk);
    expect(mixed.status).toBe(404);
    expect(mixed.text).not.toContain(booked.phoneNo);

    const malformed = await h.client.request('POST', '/ticket/view/user', { ticketCode: 'ABCD-EFGH-JKMN' }, tokens.kiosk);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.field).toBe('ticketCode');
  });

  test('no answer to a kiosk, from any operation it may call, holds a guest\'s full phone', async () => {
    const later = await h.showTime(5200);
    const kioskOperations = OPERATION_NAMES.filter((name) => ALLOWED[name].includes('kiosk'));
    expect(kioskOperations).toContain('lookupTicket');
    for (const name of kioskOperations) {
      const answer = await h.client.request('POST', OPERATIONS[name].path, await validBody(name, showTime, later, 'kiosk'), tokens.kiosk);
      expect(answer.status, `${name}: ${answer.text}`).toBe(OPERATIONS[name].status);
      // Every phone in this file is +1555 and seven digits.
      expect(answer.text, name).not.toMatch(/1555\d{7}/);
    }
  });

  test('the kiosk cannot move or cancel a ticket with its phone or a wrong code', async () => {
    const later = await h.showTime(5100);
    const other = await ticket(showTime);
    for (const [path, body] of [
      ['/ticket/update/time', { ticketId: booked.ticketId, showTime: later, phoneNo: booked.phoneNo }],
      ['/ticket/delete', { ticketId: booked.ticketId, phoneNo: booked.phoneNo }],
      ['/ticket/update/time', { ticketId: booked.ticketId, showTime: later, ticketCode: other.ticketCode }],
      ['/ticket/delete', { ticketId: booked.ticketId, ticketCode: other.ticketCode }],
    ] as const) {
      const answer = await h.client.request('POST', path, body, tokens.kiosk);
      expect([400, 404]).toContain(answer.status);
    }
    const still = await h.client.request('POST', '/ticket/view/user', { ticketId: booked.ticketId }, tokens.manager);
    expect(still.json.showTime).toBe(showTime.replace('Z', '+00:00'));
    // With its code the same kiosk may.
    const moved = await h.client.request('POST', '/ticket/update/time', { ticketCode: booked.ticketCode, showTime: later }, tokens.kiosk);
    expect(moved.status).toBe(200);
    expect(moved.json.ticketId).toBe(booked.ticketId);
  });

  test('the manager keeps the original API: ticket numbers, no phone, no code', async () => {
    const t = await ticket(showTime);
    const view = await h.client.request('POST', '/ticket/view/user', { ticketId: t.ticketId }, tokens.manager);
    expect(view.status).toBe(200);
    const gone = await h.client.request('POST', '/ticket/delete', { ticketId: String(t.ticketId) }, tokens.manager);
    expect(gone.status).toBe(200);
    expect(gone.json.result).toBe('Success - Ticket deleted');
  });

  test('the manager sees where the listener answers; token lists never carry secrets', async () => {
    const status = await h.client.request('POST', '/server/status', {}, tokens.manager);
    expect(status.json.listener).toEqual({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), fingerprint: h.listener.fingerprint });
    const list = await h.client.request('POST', '/token/list', {}, tokens.manager);
    expect(list.status).toBe(200);
    for (const secret of Object.values(tokens)) if (secret) expect(list.text).not.toContain(secret.slice(3));
  });

  test('no personal data in /health', async () => {
    const health = await h.client.request('GET', '/health');
    expect(Object.keys(health.json).sort()).toEqual(['cluster', 'database', 'lastSweep', 'version']);
    expect(health.text).not.toContain(booked.phoneNo);
  });
});
