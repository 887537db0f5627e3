// The one pairing slice every app composes, on a bare store against an in-memory box office:
// a good code, an incomplete one, a wrong one, a code of another role (WRONG_ROLE), too many
// tries with the box office's Retry-After, an unreachable box office (the code stays typed),
// tokens of this and other roles, and unpairing. Also the sentence each refusal gets.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../main/common/roles';
import { createStore } from 'zustand/vanilla';
import { pairProblemText } from '../../../renderer/src/shared/i18n/pairing-words';
import { createPairingSlice, type PairingActions, type PairingHost, type PairingSlice } from '../../../renderer/src/shared/store/pairing-slice';
import { FakeDeviceTransport } from './fake-device-transport';

type Host = PairingHost & PairingActions & { screen: 'pair' | 'app' };

function setup(transport: FakeDeviceTransport, role: Role = 'kiosk') {
  let slice: PairingSlice | null = null;
  const store = createStore<Host>()((set, get) => {
    slice = createPairingSlice({
      set,
      get,
      transport,
      role,
      paired: () => set({ screen: 'app' }),
      unpaired: () => set({ screen: 'pair' }),
    });
    return { ...slice.initial, ...slice.actions, busy: false, screen: 'pair' };
  });
  return { store, slice: slice! };
}

describe('pairing slice: codes', () => {
  it('a good code: digits kept, redeemed once for this page’s role, its token held', async () => {
    const transport = new FakeDeviceTransport();
    transport.codes.set('482913', 'kiosk');
    const { store } = setup(transport);
    store.getState().typePairCode('482-9134');
    expect(store.getState().pairCode).toBe('482913');
    await store.getState().pairWithCode();
    expect(transport.callsOf('redeemPairing').map((c) => c.input)).toEqual([{ code: '482913', expectRole: 'kiosk' }]);
    expect(store.getState()).toMatchObject({ screen: 'app', pairCode: '', pairProblem: null, busy: false });
    expect(transport.heldToken).toBe('minted-1');
  });

  it('an incomplete code is refused without asking the box office', async () => {
    const transport = new FakeDeviceTransport();
    const { store } = setup(transport);
    store.getState().typePairCode('482 91');
    await store.getState().pairWithCode();
    expect(store.getState().pairProblem).toEqual({ reason: 'codeIncomplete', via: 'code' });
    expect(store.getState().pairCode).toBe('48291');
    expect(transport.callsOf('redeemPairing')).toHaveLength(0);
    // Typing again clears the problem.
    store.getState().typePairCode('482913');
    expect(store.getState().pairProblem).toBeNull();
  });

  it('a wrong code is refused and cleared', async () => {
    const transport = new FakeDeviceTransport();
    const { store } = setup(transport);
    store.getState().typePairCode('999999');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ screen: 'pair', pairProblem: { reason: 'codeInvalid', via: 'code' }, pairCode: '' });
    expect(transport.pairing.isPaired()).toBe(false);
  });

  it('a code of another role is refused as WRONG_ROLE, naming the role, and stays valid for its own page', async () => {
    const transport = new FakeDeviceTransport();
    transport.codes.set('111111', 'door');
    const kiosk = setup(transport, 'kiosk').store;
    kiosk.getState().typePairCode('111111');
    await kiosk.getState().pairWithCode();
    expect(kiosk.getState()).toMatchObject({ screen: 'pair', pairProblem: { reason: 'wrongRole', via: 'code', role: 'door' }, pairCode: '' });
    expect(transport.pairing.isPaired()).toBe(false);

    const door = setup(transport, 'door').store;
    door.getState().typePairCode('111111');
    await door.getState().pairWithCode();
    expect(door.getState().screen).toBe('app');
  });

  it('a box office from before expectRole mints the other role’s token: it is not kept', async () => {
    const transport = new FakeDeviceTransport();
    transport.checksExpectRole = false;
    transport.codes.set('111111', 'door');
    const { store } = setup(transport, 'kiosk');
    store.getState().typePairCode('111111');
    await store.getState().pairWithCode();
    expect(store.getState().pairProblem).toEqual({ reason: 'wrongRole', via: 'code', role: 'door' });
    expect(transport.pairing.isPaired()).toBe(false);
  });

  it('too many tries: refused with the wait the box office asked for, and the code cleared', async () => {
    const transport = new FakeDeviceTransport();
    const { store } = setup(transport);
    transport.override('redeemPairing', () => ({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down', details: { retryAfter: '540' } } }));
    store.getState().typePairCode('123456');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ pairProblem: { reason: 'tooManyTries', via: 'code', retryAfterS: 540 }, pairCode: '' });

    transport.override('redeemPairing', () => transport.fail('RATE_LIMITED'));
    store.getState().typePairCode('123456');
    await store.getState().pairWithCode();
    expect(store.getState().pairProblem).toEqual({ reason: 'tooManyTries', via: 'code' });
  });

  it('an unreachable box office keeps the code typed, to send again', async () => {
    const transport = new FakeDeviceTransport();
    transport.codes.set('333333', 'kiosk');
    const { store } = setup(transport);
    transport.down = true;
    store.getState().typePairCode('333333');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ pairProblem: { reason: 'unreachable', via: 'code' }, pairCode: '333333', busy: false });
    transport.down = false;
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ screen: 'app', pairProblem: null });
  });

  it('a manager page never redeems a code (managers are not paired by code)', async () => {
    const transport = new FakeDeviceTransport();
    const { store } = setup(transport, 'manager');
    store.getState().typePairCode('123456');
    await store.getState().pairWithCode();
    expect(transport.callsOf('redeemPairing')).toHaveLength(0);
  });
});

describe('pairing slice: tokens and unpairing', () => {
  it('a token must be this page’s role: another role’s is refused with its role, an unknown one as rejected, an empty one before asking', async () => {
    const transport = new FakeDeviceTransport();
    const { store } = setup(transport, 'door');
    await store.getState().pairWithToken();
    expect(store.getState().pairProblem).toEqual({ reason: 'tokenEmpty', via: 'token' });
    expect(transport.callsOf('deviceSelf')).toHaveLength(0);

    for (const [token, role] of [['manager-token', 'manager'], ['kiosk-token', 'kiosk']] as const) {
      store.getState().typePairToken(token);
      await store.getState().pairWithToken();
      expect(store.getState()).toMatchObject({ screen: 'pair', pairProblem: { reason: 'wrongRole', via: 'token', role } });
      expect(transport.pairing.isPaired()).toBe(false);
    }
    store.getState().typePairToken('made-up');
    await store.getState().pairWithToken();
    expect(store.getState().pairProblem).toEqual({ reason: 'tokenRejected', via: 'token' });

    transport.down = true;
    store.getState().typePairToken('door-token');
    await store.getState().pairWithToken();
    expect(store.getState()).toMatchObject({ pairProblem: { reason: 'unreachable', via: 'token' }, pairToken: 'door-token' });
    expect(transport.pairing.isPaired()).toBe(false);

    transport.down = false;
    await store.getState().pairWithToken();
    expect(store.getState()).toMatchObject({ screen: 'app', pairProblem: null, pairToken: '' });
    expect(transport.heldToken).toBe('door-token');
  });

  it('start: a held token of another role is forgotten with its reason; a revoked one sends the page back to pairing', async () => {
    const foreign = new FakeDeviceTransport('kiosk-token');
    const refused = setup(foreign, 'door');
    expect(await refused.slice.start()).toBe(false);
    expect(refused.store.getState().pairProblem).toEqual({ reason: 'wrongRole', via: 'token', role: 'kiosk' });
    expect(foreign.pairing.isPaired()).toBe(false);

    const own = new FakeDeviceTransport('door-token');
    const { store, slice } = setup(own, 'door');
    expect(await slice.start()).toBe(true);
    store.setState({ screen: 'app' });
    // Revoked: the transport forgets the token on a 401 and the page is back on pairing.
    own.roles.delete('door-token');
    await own.call('doorShows', {});
    expect(store.getState()).toMatchObject({ screen: 'pair', pairProblem: null });
    slice.stop();
  });

  it('unpair forgets the token and shows the pairing screen', async () => {
    const transport = new FakeDeviceTransport('kiosk-token');
    const { store, slice } = setup(transport, 'kiosk');
    await slice.start();
    store.setState({ screen: 'app' });
    store.getState().unpair();
    expect(store.getState().screen).toBe('pair');
    expect(transport.pairing.isPaired()).toBe(false);
  });
});

describe('pairing words', () => {
  it('words each refusal once, for the page it is shown on', () => {
    expect(pairProblemText('en', 'kiosk', { reason: 'wrongRole', via: 'code', role: 'door' }, 'hint')).toBe(
      'This code is for a door. Open the door page, or ask the manager for a kiosk code.',
    );
    expect(pairProblemText('es', 'door', { reason: 'wrongRole', via: 'code', role: 'kiosk' }, 'pista')).toBe(
      'Este código es de quiosco. Abre la página de quiosco o pide al gerente un código de puerta.',
    );
    // A viewer has no page to open.
    expect(pairProblemText('en', 'kiosk', { reason: 'wrongRole', via: 'code', role: 'viewer' }, 'hint')).toBe('This code is for a viewer. Ask the manager for a kiosk code.');
    expect(pairProblemText('en', 'door', { reason: 'wrongRole', via: 'token', role: 'manager' }, 'Make a door code.')).toBe(
      'That was a manager token, and this page only takes a door token. Make a door code.',
    );
    expect(pairProblemText('en', 'kiosk', { reason: 'tooManyTries', via: 'code', retryAfterS: 540 }, '')).toBe('Too many wrong codes. Please wait 9 minutes, then try again.');
    expect(pairProblemText('en', 'kiosk', { reason: 'tooManyTries', via: 'code', retryAfterS: 30 }, '')).toBe('Too many wrong codes. Please wait 1 minute, then try again.');
    expect(pairProblemText('es', 'kiosk', { reason: 'tooManyTries', via: 'code' }, '')).toBe('Demasiados códigos incorrectos. Espera unos minutos y vuelve a intentarlo.');
    expect(pairProblemText('en', 'manager', { reason: 'tokenEmpty', via: 'token' }, '')).toBe('Enter the manager token.');
  });
});
