// The manager's store against an in-memory box office: pairing with the right kind of
// token, live seats, roster, ticket detail and history, move/cancel errors, outages, the
// new-show form and the device operations.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isoFromLocalInputs } from '../../../renderer/src/manager/lib/time';
import { createManagerStore, moveTargets, validateNewShow, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, KIOSK_TOKEN, MANAGER_TOKEN, makeShow, olderServer, showTimeIn } from './fake-manager-transport';
import { ONE_SEAT } from '../party-fixture';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function until(check: () => boolean, ms = 2_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function setup(transport: FakeManagerTransport): ManagerStore {
  return createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5, refreshEveryMs: 60_000 });
}

const shows = () => [
  makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40 }),
  makeShow(2, showTimeIn(240), { title: 'Harbour Lights', capacity: 2 }),
  makeShow(3, showTimeIn(360), { title: 'Paper Moons', capacity: 30 }),
];

afterEach(() => {
  vi.useRealTimers();
});

describe('pairing and access', () => {
  it('asks an unpaired browser for a token, refuses a kiosk token, accepts a manager token', async () => {
    const transport = new FakeManagerTransport(shows(), { token: null });
    const store = setup(transport);
    await store.getState().init();
    expect(store.getState().access).toBe('unpaired');

    await store.getState().pairWithToken();
    expect(store.getState().pairProblem).toEqual({ reason: 'tokenEmpty', via: 'token' });

    store.getState().typePairToken(KIOSK_TOKEN);
    await store.getState().pairWithToken();
    expect(store.getState().access).toBe('unpaired');
    expect(store.getState().pairProblem).toEqual({ reason: 'wrongRole', via: 'token', role: 'kiosk' });
    expect(transport.pairing!.token).toBeNull();

    store.getState().typePairToken('nonsense');
    await store.getState().pairWithToken();
    expect(store.getState().pairProblem).toEqual({ reason: 'tokenRejected', via: 'token' });

    store.getState().typePairToken(` ${MANAGER_TOKEN} `);
    await store.getState().pairWithToken();
    expect(store.getState().access).toBe('ok');
    expect(transport.pairing!.token).toBe(MANAGER_TOKEN);
    await until(() => store.getState().showsLoaded);
    expect(transport.callsOf('listShows')[0]!.input).toEqual({ days: 14, includeExpired: false });
  });

  it('sends a browser already paired with a kiosk token back to pairing, saying why', async () => {
    const transport = new FakeManagerTransport(shows(), { token: KIOSK_TOKEN });
    const store = setup(transport);
    await store.getState().init();
    expect(store.getState().access).toBe('unpaired');
    expect(store.getState().pairProblem).toEqual({ reason: 'wrongRole', via: 'token', role: 'kiosk' });
    expect(transport.pairing!.token).toBeNull();
  });


  it('needs no pairing in the Electron window', async () => {
    const transport = new FakeManagerTransport(shows(), { ipc: true });
    const store = setup(transport);
    await store.getState().init();
    expect(store.getState().access).toBe('ok');
    expect(store.getState().pairable).toBe(false);
    // No token to check: the box office is asked once who this window is (the manager).
    expect(transport.callsOf('deviceSelf')).toHaveLength(1);
    expect(store.getState().deviceRole).toBe('manager');
  });

  it('goes back to pairing when the token is revoked mid-session', async () => {
    const transport = new FakeManagerTransport(shows());
    const store = setup(transport);
    await store.getState().init();
    await until(() => store.getState().showsLoaded);
    transport.pairing!.token = 'revoked';
    await store.getState().refreshShows();
    expect(store.getState().access).toBe('unpaired');
    expect(store.getState().pairProblem).toBeNull();
  });
});

describe('schedule and roster', () => {
  it('applies live seat updates, refreshes for unknown shows, and re-reads the open roster', async () => {
    const transport = new FakeManagerTransport(shows());
    const store = setup(transport);
    await store.getState().init();
    await until(() => store.getState().showsLoaded);

    const listed = store.getState().shows[0]!;
    await store.getState().selectShow(listed.showId);
    expect(transport.callsOf('listByShowTime')[0]!.input).toEqual({ showId: listed.showId });
    expect(store.getState().roster).toEqual([]);

    transport.book(1, 'Ana Lima');
    transport.pushSeats({ showId: 1, showTime: listed.showTime, capacity: 40, booked: 1, seatsLeft: 39 });
    expect(store.getState().shows[0]).toMatchObject({ booked: 1, seatsLeft: 39 });
    await until(() => store.getState().roster?.length === 1);
    expect(store.getState().roster![0]).toMatchObject({ userName: 'Ana Lima', isExpired: false });

    const before = transport.callsOf('listShows').length;
    transport.pushSeats({ showId: 99, showTime: showTimeIn(30), capacity: 10, booked: 1, seatsLeft: 9 });
    await flush();
    expect(transport.callsOf('listShows').length).toBe(before + 1);
  });

  it('asks for past shows when the toggle is on', async () => {
    const transport = new FakeManagerTransport([...shows(), makeShow(9, showTimeIn(-600), { isExpired: true })]);
    const store = setup(transport);
    await store.getState().init();
    await until(() => store.getState().showsLoaded);
    expect(store.getState().shows).toHaveLength(3);
    store.getState().setIncludeExpired(true);
    await until(() => store.getState().shows.length === 4);
    expect(transport.callsOf('listShows').at(-1)!.input).toEqual({ days: 14, includeExpired: true });
  });
});

describe('ticket detail', () => {
  async function withTicket() {
    const transport = new FakeManagerTransport(shows());
    const ticketId = transport.book(1, 'Ana Lima');
    const store = setup(transport);
    await store.getState().init();
    await until(() => store.getState().showsLoaded);
    return { transport, store, ticketId };
  }

  it('opens a ticket with its history, moves it, and reports a sold-out target calmly', async () => {
    const { transport, store, ticketId } = await withTicket();
    transport.book(2, 'Bo');
    transport.book(2, 'Cy');
    await store.getState().refreshShows();
    await store.getState().openTicket(ticketId);
    expect(store.getState().ticket).toMatchObject({ ticketId, state: 'active', row: { userName: 'Ana Lima' } });
    expect(store.getState().ticket!.history!.map((e) => e.kind)).toEqual(['booked']);
    expect(moveTargets(store.getState().shows, store.getState().ticket!.row!.showTime).map((s) => s.showId)).toEqual([2, 3]);
    // A cancelled screening is no target.
    const withCancelled = store.getState().shows.map((s) => (s.showId === 3 ? { ...s, cancelledAt: '2026-11-24T18:00:00+01:00' } : s));
    expect(moveTargets(withCancelled, store.getState().ticket!.row!.showTime).map((s) => s.showId)).toEqual([2]);

    store.getState().askMove();
    store.getState().pickMoveTarget(store.getState().shows[1]!);
    expect(store.getState().dialog?.kind).toBe('move'); // sold out: not pickable

    // Sold out between reading the list and confirming: the picker comes back with a notice.
    store.setState({ dialog: { kind: 'confirmMove', show: { ...store.getState().shows[1]!, seatsLeft: 1 } } });
    await store.getState().confirmMove();
    expect(store.getState().notice).toEqual({ kind: 'housefull' });
    expect(store.getState().dialog).toEqual({ kind: 'move' });

    store.getState().pickMoveTarget(store.getState().shows[2]!);
    await store.getState().confirmMove();
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toMatchObject({ kind: 'moved', ticketId });
    expect(transport.callsOf('move').at(-1)!.input).toEqual({ ticketId, showId: store.getState().shows[2]!.showId });
    expect(store.getState().ticket!.history!.map((e) => e.kind)).toEqual(['booked', 'moved']);
    expect(store.getState().ticket!.row!.showTime).toBe(transport.shows[2]!.showTime);
  });

  it('a check-in at the door landing while the move is confirmed is said plainly; a checked-in ticket offers no move', async () => {
    const { transport, store, ticketId } = await withTicket();
    await store.getState().openTicket(ticketId);
    store.getState().askMove();
    store.getState().pickMoveTarget(store.getState().shows[2]!);
    expect(store.getState().dialog?.kind).toBe('confirmMove');
    // The door admits the guest meanwhile.
    const checkedIn = { ...transport.rowOfTicket(ticketId), checkedInAt: '2026-11-24T19:50:00+01:00', checkedInBy: 'Door A' };
    transport.override('lookupTicket', () => ({ ok: true, value: checkedIn }));
    transport.override('move', () => transport.fail('ALREADY_CHECKED_IN'));
    await store.getState().confirmMove();
    expect(store.getState().notice).toEqual({ kind: 'checkedIn' });
    expect(store.getState().dialog).toBeNull();
    await until(() => store.getState().ticket?.row?.checkedInAt === checkedIn.checkedInAt);
    store.getState().askMove();
    expect(store.getState().dialog).toBeNull();
  });

  it('cancels after confirmation and keeps showing the cancelled ticket with its history', async () => {
    const { transport, store, ticketId } = await withTicket();
    await store.getState().openTicket(ticketId);
    store.getState().askCancel();
    expect(store.getState().dialog).toEqual({ kind: 'cancel' });
    await store.getState().confirmCancel();
    expect(transport.callsOf('cancel')[0]!.input).toEqual({ ticketId });
    expect(store.getState().ticket).toMatchObject({ ticketId, state: 'cancelled', row: { userName: 'Ana Lima' } });
    expect(store.getState().ticket!.history!.map((e) => e.kind)).toEqual(['booked', 'cancelled']);
    expect(store.getState().done).toEqual({ kind: 'cancelled', ticketId });
    store.getState().askMove();
    expect(store.getState().dialog).toBeNull();
  });

  it('shows an expired ticket read-only, with the roster row it came from', async () => {
    const { transport, store, ticketId } = await withTicket();
    transport.tickets.get(ticketId)!.isExpired = true;
    const row = { ticketId, userName: 'Ana Lima', phoneNo: '+34600111222', showTime: transport.shows[0]!.showTime, isExpired: true, checkedInAt: null, checkedInBy: null, ...ONE_SEAT };
    await store.getState().openTicket(ticketId, row);
    expect(store.getState().ticket).toMatchObject({ state: 'expired', row });
  });

  it('searches by number: validates, opens, and says when there is no such ticket', async () => {
    const { store, ticketId } = await withTicket();
    store.getState().typeSearch('  ');
    await store.getState().searchTicket();
    expect(store.getState().searchProblem).toBe('empty');
    store.getState().typeSearch('a');
    await store.getState().searchTicket();
    expect(store.getState().searchProblem).toBe('tooShort');
    store.getState().typeSearch(` ${ticketId} `);
    await store.getState().searchTicket();
    expect(store.getState().searchProblem).toBeNull();
    expect(store.getState().ticket?.ticketId).toBe(ticketId);
    store.getState().typeSearch('777');
    await store.getState().searchTicket();
    expect(store.getState().notice).toEqual({ kind: 'ticketNotFound' });
    expect(store.getState().panel).toBe('roster');
  });

  it('searches by name or phone through /ticket/search and opens a hit; ticket numbers still open directly', async () => {
    const { transport, store, ticketId } = await withTicket();
    const other = transport.book(2, 'José Muñoz', '+34 612 345 678');
    store.getState().typeSearch('munoz');
    await store.getState().searchTicket();
    expect(transport.callsOf('searchTickets').at(-1)!.input).toEqual({ query: 'munoz' });
    expect(store.getState().panel).toBe('results');
    expect(store.getState().searchResults?.hits?.map((h) => [h.ticketId, h.userName, h.title])).toEqual([[other, 'José Muñoz', 'Harbour Lights']]);
    store.getState().typeSearch('612 34');
    await store.getState().searchTicket();
    expect(store.getState().searchResults).toMatchObject({ query: '612 34', hits: [{ ticketId: other }] });
    store.getState().typeSearch('Nobody');
    await store.getState().searchTicket();
    expect(store.getState().searchResults).toEqual({ query: 'Nobody', hits: [] });
    const hit = { ...transport.rowOfTicket(other), title: 'Harbour Lights' };
    await store.getState().openTicket(other, hit);
    expect(store.getState().panel).toBe('ticket');
    // A number goes straight to the ticket; no search is sent.
    const searches = transport.callsOf('searchTickets').length;
    store.getState().typeSearch(`#${ticketId}`);
    await store.getState().searchTicket();
    expect(store.getState().ticket?.ticketId).toBe(ticketId);
    expect(transport.callsOf('searchTickets')).toHaveLength(searches);
  });

  it('retries reads by itself during an outage, and asks the staff to check a change made during one', async () => {
    const { transport, store, ticketId } = await withTicket();
    await store.getState().selectShow(store.getState().shows[0]!.showId);
    await store.getState().openTicket(ticketId);
    transport.down = true;
    store.getState().askCancel();
    await store.getState().confirmCancel();
    expect(store.getState().outage).toBe(true);
    expect(store.getState().dialog).toBeNull();
    const rosterReads = transport.callsOf('listByShowTime').length;
    transport.down = false;
    await until(() => !store.getState().outage);
    expect(store.getState().notice).toEqual({ kind: 'reconnected' });
    await until(() => transport.callsOf('listByShowTime').length > rosterReads);
    expect(transport.callsOf('cancel')).toHaveLength(1); // never replayed on its own
  });
});

describe('new show', () => {
  it('validates the form and builds an ISO time with this device offset', async () => {
    expect(validateNewShow({ date: '', time: '', title: '', capacity: '' })).toEqual({ date: 'empty', time: 'empty' });
    expect(validateNewShow({ date: '2026-12-24', time: '19:30', title: 'x'.repeat(121), capacity: '0' })).toEqual({ title: 'tooLong', capacity: 'range' });
    expect(validateNewShow({ date: '2026-12-24', time: '19:30', title: '', capacity: '2.5' })).toEqual({ capacity: 'invalid' });

    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Madrid';
      expect(isoFromLocalInputs('2026-12-24', '19:30')).toBe('2026-12-24T19:30:00+01:00');
      expect(isoFromLocalInputs('2026-07-01', '09:05')).toBe('2026-07-01T09:05:00+02:00');
      process.env.TZ = 'America/St_Johns';
      expect(isoFromLocalInputs('2026-12-24', '19:30')).toBe('2026-12-24T19:30:00-03:30');
      expect(isoFromLocalInputs('2026-02-30', '19:30')).toBeNull();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('creates the show, selects it, and maps the server refusals onto the fields', async () => {
    const transport = new FakeManagerTransport(shows());
    const store = setup(transport);
    await store.getState().init();
    store.getState().openNewShow();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const date = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    store.getState().typeNewShow('date', date);
    store.getState().typeNewShow('time', '21:45');
    store.getState().typeNewShow('title', '  Night Owls ');
    store.getState().typeNewShow('capacity', '55');
    await store.getState().submitNewShow();
    const sent = transport.callsOf('createShow')[0]!.input as { showTime: string; title: string; capacity: number };
    expect(sent).toEqual({ showTime: isoFromLocalInputs(date, '21:45'), title: 'Night Owls', capacity: 55 });
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toMatchObject({ kind: 'showCreated', title: 'Night Owls' });
    await until(() => store.getState().selectedShowId !== null);
    const selected = store.getState().shows.find((s) => s.showId === store.getState().selectedShowId)!;
    expect(Date.parse(selected.showTime)).toBe(Date.parse(sent.showTime));

    store.getState().openNewShow();
    store.getState().typeNewShow('date', '2020-01-01');
    store.getState().typeNewShow('time', '10:00');
    await store.getState().submitNewShow();
    expect(store.getState().newShowErrors).toEqual({ date: 'past' });
    expect(store.getState().dialog).toEqual({ kind: 'newShow' });

    // The time of the show made above: the form says so at the time field, nothing is overwritten.
    store.getState().typeNewShow('date', date);
    store.getState().typeNewShow('time', '21:45');
    store.getState().typeNewShow('title', 'Another film');
    await store.getState().submitNewShow();
    expect(store.getState().newShowErrors).toEqual({ time: 'exists' });
    expect(store.getState().dialog).toEqual({ kind: 'newShow' });
    expect(transport.shows.filter((s) => s.title === 'Night Owls')).toHaveLength(1);
    expect(transport.shows.some((s) => s.title === 'Another film')).toBe(false);

    // Ten minutes later the screen is still busy with the film before: said at the time field.
    transport.override('createShow', () => ({ ok: false, error: { code: 'SCREEN_BUSY', message: 'That screen is taken at that time by another show.' } }));
    store.getState().typeNewShow('time', '21:55');
    await store.getState().submitNewShow();
    expect(store.getState().newShowErrors).toEqual({ time: 'busy' });
    expect(store.getState().dialog).toEqual({ kind: 'newShow' });
  });
});

describe('edit and delete a show', () => {
  it('changes title and capacity, says when fewer seats than sold are asked, and deletes only an empty show', async () => {
    const transport = new FakeManagerTransport(shows());
    transport.book(1, 'Ana Lima');
    transport.book(1, 'Bo Chen');
    const store = setup(transport);
    await store.getState().init();
    await until(() => store.getState().showsLoaded);
    const night = store.getState().shows.find((s) => s.title === 'Night Train')!;

    store.getState().openEditShow(night);
    expect(store.getState().editShow).toEqual({ title: 'Night Train', capacity: '40' });
    store.getState().typeEditShow('capacity', '');
    await store.getState().submitEditShow();
    expect(store.getState().editShowErrors).toEqual({ capacity: 'empty' });
    expect(transport.callsOf('updateShow')).toHaveLength(0);
    // Two seats are sold: one is too few, and the server's refusal lands on the field.
    store.getState().typeEditShow('capacity', '1');
    await store.getState().submitEditShow();
    expect(store.getState().editShowErrors).toEqual({ capacity: 'belowSold' });
    expect(store.getState().dialog).toMatchObject({ kind: 'editShow' });
    store.getState().typeEditShow('capacity', '2');
    store.getState().typeEditShow('title', '  ');
    await store.getState().submitEditShow();
    expect(transport.callsOf('updateShow').at(-1)!.input).toEqual({ showId: night.showId, title: null, capacity: 2 });
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toMatchObject({ kind: 'showUpdated', title: null });
    await until(() => store.getState().shows.some((s) => s.showId === night.showId && s.capacity === 2));

    store.getState().askDeleteShow(night);
    await store.getState().confirmDeleteShow();
    expect(store.getState().notice).toEqual({ kind: 'showHasTickets' });
    const moons = store.getState().shows.find((s) => s.title === 'Paper Moons')!;
    await store.getState().selectShow(moons.showId);
    store.getState().askDeleteShow(moons);
    await store.getState().confirmDeleteShow();
    expect(store.getState().done).toMatchObject({ kind: 'showDeleted', title: 'Paper Moons' });
    expect(store.getState().selectedShowId).toBeNull();
    expect(store.getState().shows.some((s) => s.showId === moons.showId)).toBe(false);
  });
});

describe('devices and server', () => {
  it('reads health and tokens, shows a new token once, and revokes after confirmation', async () => {
    const transport = new FakeManagerTransport(shows());
    const store = setup(transport);
    await store.getState().init();
    store.getState().setView('devices');
    await until(() => store.getState().devices.tokens !== null);
    expect(store.getState().devices).toMatchObject({ available: true, status: { database: 'up', listener: { fingerprint: 'AB:CD:EF:01:23:45' } } });

    await store.getState().createToken();
    expect(store.getState().tokenProblem).toBe('empty');
    store.getState().setTokenRole('viewer');
    store.getState().typeTokenLabel('  Door   sign ');
    await store.getState().createToken();
    expect(transport.callsOf('createToken')[0]!.input).toEqual({ role: 'viewer', label: 'Door sign' });
    expect(store.getState().devices.created).toMatchObject({ label: 'Door sign', role: 'viewer' });
    expect(store.getState().devices.tokens!.map((t) => t.label)).toContain('Door sign');
    store.getState().dismissCreatedToken();
    expect(store.getState().devices.created).toBeNull();

    const kiosk = store.getState().devices.tokens!.find((t) => t.label === 'Lobby kiosk')!;
    store.getState().askRevoke(kiosk);
    expect(store.getState().dialog).toEqual({ kind: 'revoke', token: kiosk });
    await store.getState().confirmRevoke();
    expect(store.getState().done).toEqual({ kind: 'revoked', label: 'Lobby kiosk', outcome: 'revoked' });
    expect(store.getState().devices.tokens!.find((t) => t.label === 'Lobby kiosk')!.revokedAt).not.toBeNull();
  });

  it('says when this box office has no device operations', async () => {
    const transport = new FakeManagerTransport(shows(), { ipc: true });
    olderServer(transport);
    const store = setup(transport);
    await store.getState().init();
    store.getState().setView('devices');
    await until(() => store.getState().devices.available === false);
  });
});
