// What the operation table says each operation changes, shown against the real database for
// every operation: the rows it changes are of the kind the table names, a 'seats' one makes the
// seat stream look at once, a 'seats', 'tickets' or 'program' one ends the answers the read caches keep,
// and any other one leaves both alone. The seat watcher polls
// once an hour here, and the read cache keeps a show list for a minute, so what a test sees
// right after an operation can only come from what the operation itself set off.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCore } from '../../../main/core/app';
import type { Core } from '../../../main/core/core';
import {
  changesKeptAnswers, changesSeats, isIdempotent, OPERATION_NAMES, OPERATIONS, type Actor, type Change, type OperationName,
} from '../../../main/common/operations';
import { runOperation } from '../../../main/core/operations';
import type { RunOptions } from '../../../main/core/operations/context';
import type { SeatUpdate } from '../../../main/common/schemas';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';

const manager: Actor = { role: 'manager', label: 'effects-test' };
const HOUR = 3_600_000;

let t: TestDatabase;
let core: Core;
let probeShowId: number;
const updates: SeatUpdate[] = [];
let minutes = 600;
let probeCapacity = 20;
let screens = 0;
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A fresh show time (a new show per use, so no two cases share one). */
const nextShowTime = () => showTimeFromNow(t.db, (minutes += 7));
/** A day `n` days from today, as YYYY-MM-DD (the test theatre keeps UTC). */
const dayFromNow = (n: number) => new Date(Date.now() + n * 24 * HOUR).toISOString().slice(0, 10);

/**
 * Whatever each operation needs, made beforehand through a context of its own: no poke of the
 * core's seat watcher and no end of the core's caches comes from the setup.
 */
const setup = async <K extends OperationName>(name: K, input: unknown, actor = manager) => runOperation(t.ctx, name, input, actor);
const bookedTicket = async (showTime: string) => setup('book', { userName: 'Effects Guest', phoneNo: '5550109900', showTime });

type Call = { input: unknown; actor?: Actor; options?: RunOptions };
const calls: Record<OperationName, () => Promise<Call>> = {
  book: async () => ({ input: { userName: 'Effects Guest', phoneNo: '5550109901', showTime: await nextShowTime() } }),
  move: async () => ({ input: { ticketId: (await bookedTicket(await nextShowTime())).ticketId, showTime: await nextShowTime() } }),
  cancel: async () => ({ input: { ticketId: (await bookedTicket(await nextShowTime())).ticketId } }),
  listByShowTime: async () => ({ input: { showTime: await nextShowTime() } }),
  lookupTicket: async () => ({ input: { ticketId: (await bookedTicket(await nextShowTime())).ticketId } }),
  ticketHistory: async () => ({ input: { ticketId: (await bookedTicket(await nextShowTime())).ticketId } }),
  listShows: async () => ({ input: {} }),
  createShow: async () => ({ input: { showTime: await nextShowTime() } }),
  updateShow: async () => {
    const { showTime } = await setup('createShow', { showTime: await nextShowTime() });
    return { input: { showTime, capacity: 33 } };
  },
  deleteShow: async () => ({ input: { showTime: (await setup('createShow', { showTime: await nextShowTime() })).showTime } }),
  searchTickets: async () => ({ input: { query: 'Effects' } }),
  salesReport: async () => ({ input: {} }),
  serverStatus: async () => ({ input: {} }),
  listTokens: async () => ({ input: {} }),
  createToken: async () => ({ input: { role: 'kiosk', label: 'Effects kiosk' } }),
  revokeToken: async () => ({ input: { tokenId: (await setup('createToken', { role: 'kiosk', label: 'Effects kiosk' })).tokenId } }),
  // Doors open an hour before a show: this one starts in ten minutes.
  checkIn: async () => ({ input: { ticketCode: (await bookedTicket(await showTimeFromNow(t.db, 10))).ticketCode } }),
  undoCheckIn: async () => {
    const ticket = await bookedTicket(await showTimeFromNow(t.db, 11));
    await setup('checkIn', { ticketCode: ticket.ticketCode });
    return { input: { ticketId: ticket.ticketId } };
  },
  doorShows: async () => ({ input: {} }),
  doorSnapshot: async () => ({ input: {}, actor: { role: 'door', label: 'Effects door' } }),
  checkinConflicts: async () => ({ input: {} }),
  updateToken: async () => ({
    input: { tokenId: (await setup('createToken', { role: 'door', label: 'Effects door' })).tokenId, screenIds: [(await setup('listScreens', {})).screens[0]!.screenId] },
  }),
  deviceSelf: async () => ({ input: {} }),
  createPairing: async () => ({ input: { role: 'kiosk', label: 'Effects pairing' } }),
  redeemPairing: async () => ({
    input: { code: (await setup('createPairing', { role: 'kiosk', label: 'Effects pairing' })).code },
    options: { clientAddress: 'ip:127.0.0.9' },
  }),
  createScreen: async () => ({ input: { name: `Effects screen ${++screens}`, capacity: 40 } }),
  listScreens: async () => ({ input: {} }),
  updateScreen: async () => ({ input: { screenId: (await setup('createScreen', { name: `Effects screen ${++screens}`, capacity: 40 })).screenId, capacity: 41 } }),
  deleteScreen: async () => ({ input: { screenId: (await setup('createScreen', { name: `Effects screen ${++screens}`, capacity: 40 })).screenId } }),
  createFilm: async () => ({ input: { title: 'Effects film', runtimeMinutes: 90 } }),
  listFilms: async () => ({ input: {} }),
  updateFilm: async () => ({ input: { filmId: (await setup('createFilm', { title: 'Effects film', runtimeMinutes: 90 })).filmId, rating: 'PG' } }),
  setFilmPoster: async () => ({ input: { filmId: (await setup('createFilm', { title: 'Effects film', runtimeMinutes: 90 })).filmId, image: ONE_PIXEL_PNG } }),
  scheduleShows: async () => ({
    input: {
      filmId: (await setup('createFilm', { title: 'Effects film', runtimeMinutes: 90 })).filmId,
      screenIds: [(await setup('createScreen', { name: `Effects screen ${++screens}`, capacity: 40 })).screenId],
      from: dayFromNow(30), to: dayFromNow(31), times: ['19:00'],
    },
  }),
  rescheduleShow: async () => ({ input: { showId: (await setup('createShow', { showTime: await nextShowTime() })).showId, showTime: await nextShowTime() } }),
  cancelShow: async () => ({ input: { showId: (await bookedTicket(await nextShowTime())).showId, reason: 'Projector failure' } }),
  filmReport: async () => ({ input: { from: dayFromNow(-7), to: dayFromNow(7) } }),
  listTicketTypes: async () => ({ input: {} }),
  createTicketType: async () => ({ input: { name: `Effects type ${++types}`, price: 500 } }),
  updateTicketType: async () => ({ input: { ticketTypeId: (await setup('createTicketType', { name: `Effects type ${++types}`, price: 500 })).ticketTypeId, price: 650 } }),
  deleteTicketType: async () => ({ input: { ticketTypeId: (await setup('createTicketType', { name: `Effects type ${++types}`, price: 500 })).ticketTypeId } }),
  showTicketTypes: async () => ({ input: { showId: (await setup('createShow', { showTime: await nextShowTime() })).showId } }),
  sell: async () => ({ input: { showId: (await setup('createShow', { showTime: await nextShowTime() })).showId, items: [{ ticketTypeId: await pricedType(), count: 1 }], payment: { method: 'cash', amount: 800, tendered: 1000 } } }),
  payTicket: async () => {
    const { showId } = await setup('createShow', { showTime: await nextShowTime() });
    const booked = await setup('book', { userName: 'Effects Guest', phoneNo: '5550109902', showId, items: [{ ticketTypeId: await pricedType(), count: 1 }] });
    return { input: { ticketId: booked.ticketId, payment: { method: 'cash', amount: 800 } } };
  },
  refundTicket: async () => {
    const { showId } = await setup('createShow', { showTime: await nextShowTime() });
    const sold = await setup('sell', { showId, items: [{ ticketTypeId: await pricedType(), count: 1 }], payment: { method: 'card', amount: 800 } });
    return { input: { ticketId: sold.ticketId, amount: 300, method: 'card', reason: 'Effects' } };
  },
  cashUp: async () => ({ input: { day: dayFromNow(0) } }),
  closeCashUp: async () => ({ input: { day: dayFromNow(0), counted: 1000 } }),
};
let priced: number | undefined;
const pricedType = async () => (priced ??= (await setup('createTicketType', { name: 'Effects priced', price: 800 })).ticketTypeId);
let types = 0;

/** The probe show's capacity as the core's (cached) show list gives it. */
async function listedProbeCapacity(): Promise<number | undefined> {
  return (await core.run('listShows', {}, manager)).find((s) => s.showId === probeShowId)?.capacity;
}

type Snapshot = Record<Exclude<Change, 'nothing'>, string>;

/** What others can see of seats, tickets and devices (audit rows and bookkeeping left out). */
async function snapshot(): Promise<Snapshot> {
  const json = async (sql: string) => JSON.stringify(await t.db.rows(sql));
  const deviceTables = await t.db.rows(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name IN ('api_token', 'door_screen') OR table_name LIKE 'pairing\\_%') ORDER BY 1",
  );
  return {
    // roster_version is left out: it counts ticket changes, which are the next line's.
    seats: await json('SELECT show_id, starts_at, title, capacity, booked FROM show_record ORDER BY show_id'),
    tickets: await json('SELECT ticket_id, show_id, user_id, is_expired, checked_in_at, checked_in_by, admitted, paid, comped FROM ticket_record ORDER BY ticket_id'),
    program: (await Promise.all(['screen', 'film', 'ticket_type'].map((table) => json(`SELECT * FROM ${table} ORDER BY 1`)))).join('\n'),
    devices: (await Promise.all(deviceTables.map((r) => json(`SELECT * FROM \`${String(r.name)}\` ORDER BY 1`)))).join('\n'),
  };
}

/** The widest kind of change between two snapshots: seats before tickets before program before devices. */
function observedChange(before: Snapshot, after: Snapshot): Change {
  return (['seats', 'tickets', 'program', 'devices'] as const).find((kind) => before[kind] !== after[kind]) ?? 'nothing';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await createTestDatabase({ readCacheMs: 60_000 });
  core = await startCore(t.config, { sweep: false, migrate: false, seatPollMs: HOUR });
  probeShowId = (await setup('createShow', { showTime: await showTimeFromNow(t.db, 300), capacity: 20 })).showId;
  core.onSeats((update) => updates.push(update));
  // The first look a subscription sets off: every upcoming show, the probe among them.
  while (!updates.some((u) => u.showId === probeShowId)) await sleep(20);
}, 60_000);

afterAll(async () => {
  await core?.close();
  await t?.drop();
});

describe('the table states every fact of every operation', () => {
  test.each(OPERATION_NAMES)('%s', (name) => {
    expect(['seats', 'tickets', 'program', 'devices', 'nothing']).toContain(OPERATIONS[name].changes);
    expect(typeof OPERATIONS[name].idempotent).toBe('boolean');
  });

  test('only the operations that make a ticket or move money take an Idempotency-Key', () => {
    expect(OPERATION_NAMES.filter(isIdempotent)).toEqual(['book', 'sell', 'payTicket', 'refundTicket']);
  });
});

describe('what an operation changes is what the seat stream and the read caches are told', () => {
  test.each(OPERATION_NAMES)('%s', async (name) => {
    const call = await calls[name]();
    // A show list is kept, then the probe show changes behind the core's back, as a DBA would.
    const before = await listedProbeCapacity();
    const capacity = ++probeCapacity;
    await t.db.exec('UPDATE show_record SET capacity = ? WHERE show_id = ?', [capacity, probeShowId]);
    const seen = updates.length;
    const probeUpdated = () => updates.slice(seen).some((u) => u.showId === probeShowId && u.capacity === capacity);

    const rowsBefore = await snapshot();
    await core.run(name, call.input, call.actor ?? manager, call.options);
    expect(observedChange(rowsBefore, await snapshot()), 'what the table says it changes').toBe(OPERATIONS[name].changes);

    expect(await listedProbeCapacity()).toBe(changesKeptAnswers(name) ? capacity : before);
    if (changesSeats(name)) {
      await expect.poll(probeUpdated, { timeout: 5_000 }).toBe(true);
    } else {
      await sleep(250); // a poke's poll is one query: it would have answered by now
      expect(probeUpdated()).toBe(false);
    }
  }, 30_000);
});
