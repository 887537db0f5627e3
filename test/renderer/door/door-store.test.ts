// The door's store against an in-memory box office: pairing (the shared slice; its refusals
// are tested in test/renderer/shared/pairing-slice.test.ts) brings the door's counts up, and
// the door goes back to pairing the moment the box office stops accepting its token (revoked
// by the manager). The counts are polled through the shared connection slice.
import { afterEach, describe, expect, it } from 'vitest';
import { createDoorStore, type DoorStore } from '../../../renderer/src/door/store/door-store';
import { FakeDeviceTransport } from '../shared/fake-device-transport';

const stores: DoorStore[] = [];

async function setup(transport: FakeDeviceTransport) {
  const store = createDoorStore({ transport, pollMs: 20 });
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

afterEach(() => {
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
    expect(store.getState().verdict).toEqual({ kind: 'refused', reason: 'cancelled', details: { cancelledAt }, code: 'K7QM4XWP9TX8' });
    store.getState().dismiss();

    transport.override('checkIn', () => transport.fail('SHOW_EXPIRED'));
    await store.getState().submit(code, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'refused', reason: 'closed' });
    expect(transport.callsOf('checkIn')).toHaveLength(2);
  });
});
