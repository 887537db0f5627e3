// The door's store against an in-memory box office: pairing (the shared slice; its refusals
// are tested in test/renderer/shared/pairing-slice.test.ts) brings the door's counts up, and
// the door goes back to pairing the moment the box office stops accepting its token (revoked
// by the manager). The counts are polled through the shared connection slice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTicketCode, ticketCodeFromBits } from '../../../main/common/ticket-code';
import { VERDICT_RESET_KEY, type SettingsStorage } from '../../../renderer/src/door/lib/verdict-reset';
import { createDoorStore, type DoorStore, type DoorStoreOptions } from '../../../renderer/src/door/store/door-store';
import { FakeDeviceTransport } from '../shared/fake-device-transport';
import { ONE_GUEST } from './checkin-fixture';

const stores: DoorStore[] = [];

async function setup(transport: FakeDeviceTransport, options: Partial<DoorStoreOptions> = {}) {
  const store = createDoorStore({ transport, pollMs: 20, ...options });
  stores.push(store);
  await store.getState().init();
  return store;
}

async function until(check: () => boolean, ms = 2_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A browser's localStorage, as far as the door uses it. */
function memoryStorage(): SettingsStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

afterEach(() => {
  vi.useRealTimers();
  for (const store of stores.splice(0)) store.getState().dispose();
});

describe('door store: pairing', () => {
  it('a door code pairs the door as a door (expectRole) and lists today’s shows at once', async () => {
    const transport = new FakeDeviceTransport();
    transport.codes.set('482913', 'door');
    const store = await setup(transport);
    expect(store.getState().paired).toBe(false);
    expect(transport.callsOf('doorShows')).toHaveLength(0);

    store.getState().typePairCode('482-9134');
    await store.getState().pairWithCode();
    expect(transport.callsOf('redeemPairing').map((c) => c.input)).toEqual([{ code: '482913', expectRole: 'door' }]);
    expect(store.getState()).toMatchObject({ paired: true, pairCode: '', pairProblem: null, busy: false });
    expect(transport.heldToken).toBe('minted-1');
    expect(store.getState().shows.map((s) => s.title)).toEqual(['The Night Door']);
  });

  it('a kiosk code is refused as WRONG_ROLE and the door stays unpaired, the code still good for a kiosk', async () => {
    const transport = new FakeDeviceTransport();
    transport.codes.set('111111', 'kiosk');
    const store = await setup(transport);
    store.getState().typePairCode('111111');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ paired: false, pairProblem: { reason: 'wrongRole', via: 'code', role: 'kiosk' }, pairCode: '' });
    expect(transport.codes.get('111111')).toBe('kiosk');
    expect(transport.pairing.isPaired()).toBe(false);
  });

  it('a pasted door token pairs and polls the counts', async () => {
    const transport = new FakeDeviceTransport();
    const store = await setup(transport);
    store.getState().typePairToken('  door-token ');
    await store.getState().pairWithToken();
    expect(store.getState()).toMatchObject({ paired: true, pairProblem: null, pairToken: '' });
    const polls = transport.callsOf('doorShows').length;
    await until(() => transport.callsOf('doorShows').length > polls);
  });

  it('a browser that already holds a manager token is sent to pairing, saying why, and asks for no counts', async () => {
    const transport = new FakeDeviceTransport('manager-token');
    const store = await setup(transport);
    expect(store.getState()).toMatchObject({ paired: false, pairProblem: { reason: 'wrongRole', via: 'token', role: 'manager' } });
    expect(transport.pairing.isPaired()).toBe(false);
    expect(transport.callsOf('doorShows')).toHaveLength(0);
  });
});

describe('door store: unpairing', () => {
  it('revoked by the manager: the next poll is refused and the door is back on pairing at once, counts gone', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const store = await setup(transport);
    expect(store.getState().paired).toBe(true);
    expect(store.getState().shows).toHaveLength(1);
    transport.roles.delete('door-token');
    await until(() => !store.getState().paired);
    expect(store.getState()).toMatchObject({ shows: [], verdict: null, pairProblem: null });
    expect(transport.heldToken).toBeNull();
    // And it stops asking.
    const polls = transport.callsOf('doorShows').length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(transport.callsOf('doorShows')).toHaveLength(polls);
  });

  it('a 401 on a scan also returns to pairing; the door can pair again with a new code', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const store = createDoorStore({ transport, pollMs: 60_000 });
    stores.push(store);
    await store.getState().init();
    transport.roles.delete('door-token');
    await store.getState().submit('K7QM-4XWP-9TX8', 'wedge');
    expect(store.getState().paired).toBe(false);

    transport.codes.set('654321', 'door');
    store.getState().typePairCode('654321');
    await store.getState().pairWithCode();
    expect(store.getState().paired).toBe(true);
  });

  it('the door’s own Unpair forgets the token', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const store = await setup(transport);
    store.getState().unpair();
    expect(store.getState().paired).toBe(false);
    expect(transport.pairing.isPaired()).toBe(false);
  });
});

describe('door store: a gone ticket', () => {
  const code = 'K7QM-4XWP-9TX8';

  it('a cancelled ticket is refused as cancelled, carrying when; a swept one as a show that has ended', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const store = await setup(transport);
    const cancelledAt = '2026-03-03T19:05:00+01:00';
    transport.override('checkIn', () => ({
      ok: false,
      error: { code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.', details: { cancelledAt } },
    }));
    await store.getState().submit(code, 'wedge');
    expect(store.getState().verdict).toEqual({ kind: 'refused', reason: 'cancelled', details: { cancelledAt }, code: 'K7QM4XWP9TX8', offline: false });
    store.getState().dismiss();

    transport.override('checkIn', () => transport.fail('SHOW_EXPIRED'));
    await store.getState().submit(code, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'refused', reason: 'closed' });
    expect(transport.callsOf('checkIn')).toHaveLength(2);
  });
});

describe('door store: the verdict stays', () => {
  const code = 'K7QM-4XWP-9TX8';
  const other = formatTicketCode(ticketCodeFromBits(424242n));
  const admitted = (transport: FakeDeviceTransport, userName: string) =>
    transport.override('checkIn', (input) => ({
      ok: true,
      value: {
        ticketId: 1, ticketCode: input.ticketCode ?? '', userName, showId: 1, showTime: '2026-03-03T20:00:00+01:00',
        title: 'The Night Door', screenName: 'Screen 1', checkedInAt: '2026-03-03T19:40:00+01:00', checkedInBy: 'Door A', ...ONE_GUEST,
      },
    }));

  it('by default a verdict stays however long it waits, until the next scan replaces it or Next guest clears it', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const store = await setup(transport, { settings: memoryStorage(), pollMs: 60_000 });
    expect(store.getState().verdictResetSeconds).toBeNull();
    admitted(transport, 'Ana Torres');
    vi.useFakeTimers();
    await store.getState().submit(code, 'wedge');
    vi.advanceTimersByTime(10 * 60_000);
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', checkIn: { userName: 'Ana Torres' } });

    admitted(transport, 'Kim Novak');
    await store.getState().submit(other, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', checkIn: { userName: 'Kim Novak' } });
    store.getState().dismiss();
    expect(store.getState().verdict).toBeNull();
  });

  it('the door setting clears a verdict after its seconds, is kept in this browser, and turns off again', async () => {
    const settings = memoryStorage();
    const transport = new FakeDeviceTransport('door-token');
    const store = await setup(transport, { settings, pollMs: 60_000 });
    store.getState().setVerdictReset(5);
    expect(settings.getItem(VERDICT_RESET_KEY)).toBe('5');
    admitted(transport, 'Ana Torres');
    vi.useFakeTimers();
    await store.getState().submit(code, 'wedge');
    vi.advanceTimersByTime(4_999);
    expect(store.getState().verdict).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(store.getState().verdict).toBeNull();
    vi.useRealTimers();

    // The door opened again in this browser remembers; turned off, nothing is kept.
    expect(createDoorStore({ transport, settings }).getState().verdictResetSeconds).toBe(5);
    store.getState().setVerdictReset(null);
    expect(settings.getItem(VERDICT_RESET_KEY)).toBeNull();
    expect(createDoorStore({ transport, settings }).getState().verdictResetSeconds).toBeNull();
  });

  it('a kept value the door does not offer counts as off', () => {
    const settings = memoryStorage();
    settings.setItem(VERDICT_RESET_KEY, '0.5');
    expect(createDoorStore({ transport: new FakeDeviceTransport('door-token'), settings }).getState().verdictResetSeconds).toBeNull();
  });

  it('the camera never re-reads the ticket whose verdict stays, even long after; another ticket replaces the verdict', async () => {
    let clock = 0;
    const transport = new FakeDeviceTransport('door-token');
    const store = await setup(transport, { settings: memoryStorage(), pollMs: 60_000, rescanGuardMs: 10_000, now: () => clock });
    admitted(transport, 'Ana Torres');
    await store.getState().submit(code, 'camera');
    clock += 60_000;
    await store.getState().submit(code, 'camera');
    expect(transport.callsOf('checkIn')).toHaveLength(1);
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', checkIn: { userName: 'Ana Torres' } });

    admitted(transport, 'Kim Novak');
    await store.getState().submit(other, 'camera');
    expect(transport.callsOf('checkIn')).toHaveLength(2);
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', checkIn: { userName: 'Kim Novak' } });
  });
});
