// The door's store against an in-memory box office: pairing by a 6-digit code or a pasted
// token, refusing a code or token of another role, and going back to pairing the moment the
// box office stops accepting the token (revoked by the manager). Like the HTTPS transport,
// the fake forgets its token on a 401 and tells whoever listens.
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../main/common/errors';
import { mayRun, type OperationInput, type OperationName, type OperationOutput } from '../../../main/common/operations';
import type { PairableRole, Role } from '../../../main/common/roles';
import type { DoorShow } from '../../../main/common/schemas';
import { createDoorStore, type DoorStore } from '../../../renderer/src/door/store/door-store';
import type { Pairing, Transport } from '../../../renderer/src/shared/transport';
import { FakeBoxOffice, type Handler } from '../shared/fake-box-office';
import { showTimeIn } from '../shared/shows';

class FakeDoorTransport extends FakeBoxOffice<OperationName> implements Transport {
  readonly kind = 'http' as const;
  /** Live tokens and their roles; a revoked token is simply removed. */
  roles = new Map<string, Role>([['door-token', 'door'], ['kiosk-token', 'kiosk'], ['manager-token', 'manager']]);
  codes = new Map<string, PairableRole>();
  private token: string | null;
  private listeners = new Set<() => void>();
  private minted = 0;
  doorShows: DoorShow[] = [{ showId: 1, showTime: showTimeIn(20), title: 'The Night Door', capacity: 30, booked: 2, checkedIn: 0, doorsOpen: true }];

  readonly pairing: Pairing = {
    isPaired: () => this.token !== null,
    pair: (token) => void (this.token = token),
    forget: () => {
      const was = this.token !== null;
      this.token = null;
      if (was) for (const listener of this.listeners) listener();
    },
    onForget: (listener) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };

  constructor(token: string | null = null) {
    super([]);
    this.token = token;
  }

  /** Replaces one operation's behaviour until cleared with `undefined`. */
  override<K extends OperationName>(name: K, handler: ((input: OperationInput<K>) => Result<OperationOutput<K>>) | undefined) {
    this.setOverride(name, handler as Handler | undefined);
  }

  get heldToken() {
    return this.token;
  }

  async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> {
    this.calls.push({ name, input });
    if (this.down) return this.fail('DB_UNAVAILABLE');
    if (name !== 'redeemPairing') {
      const role = this.token === null ? undefined : this.roles.get(this.token);
      if (role === undefined) {
        this.pairing.forget();
        return this.fail('UNAUTHENTICATED');
      }
      if (!mayRun(role, name)) return this.fail('FORBIDDEN');
    }
    return this.dispatch(name, input, this.handlers as Record<string, Handler>, 'FORBIDDEN');
  }

  private handlers = {
    doorShows: () => ({ ok: true, value: this.doorShows.map((s) => ({ ...s })) }),
    deviceSelf: () => ({ ok: true, value: { role: this.roles.get(this.token!)!, label: 'Door A', tokenId: 7 } }),
    redeemPairing: (input: OperationInput<'redeemPairing'>) => {
      const role = this.codes.get(String(input.code));
      if (role === undefined) return this.fail('PAIRING_CODE_INVALID');
      this.codes.delete(String(input.code));
      const token = `minted-${++this.minted}`;
      this.roles.set(token, role);
      return { ok: true, value: { tokenId: 10 + this.minted, label: 'Door A', role, token } };
    },
  };

  async printTicket(): Promise<Result<null>> {
    return { ok: true, value: null };
  }

  async theatreTimeZone() {
    return undefined;
  }
}

const stores: DoorStore[] = [];

async function setup(transport: FakeDoorTransport) {
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
  it('pairs with a door code: keeps only digits, refuses an incomplete code without asking, then lists the shows', async () => {
    const transport = new FakeDoorTransport();
    transport.codes.set('482913', 'door');
    const store = await setup(transport);
    expect(store.getState().paired).toBe(false);

    store.getState().typePairCode('482 91');
    expect(store.getState().pairCode).toBe('48291');
    await store.getState().pairWithCode();
    expect(store.getState().pairProblem).toBe('codeIncomplete');
    expect(transport.callsOf('redeemPairing')).toHaveLength(0);

    store.getState().typePairCode('482-9134');
    expect(store.getState().pairCode).toBe('482913');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ paired: true, pairCode: '', pairProblem: null, busy: false });
    expect(transport.heldToken).toBe('minted-1');
    expect(store.getState().shows.map((s) => s.title)).toEqual(['The Night Door']);
  });

  it('a wrong or used code is refused and cleared; a kiosk code is refused saying what it was, and nothing is kept', async () => {
    const transport = new FakeDoorTransport();
    transport.codes.set('111111', 'kiosk');
    const store = await setup(transport);
    store.getState().typePairCode('999999');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ paired: false, pairProblem: 'codeInvalid', pairCode: '' });

    store.getState().typePairCode('111111');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ paired: false, pairProblem: 'wrongRole', pairRole: 'kiosk', pairCode: '' });
    expect(transport.pairing.isPaired()).toBe(false);

    transport.override('redeemPairing', () => transport.fail('RATE_LIMITED'));
    store.getState().typePairCode('222222');
    await store.getState().pairWithCode();
    expect(store.getState().pairProblem).toBe('tooManyTries');

    // Unreachable: the code stays typed, to send again.
    transport.override('redeemPairing', undefined);
    transport.down = true;
    store.getState().typePairCode('333333');
    await store.getState().pairWithCode();
    expect(store.getState()).toMatchObject({ pairProblem: 'offline', pairCode: '333333' });
  });

  it('a pasted token must be a door token: a manager or kiosk token is refused with its role, an unknown one as rejected', async () => {
    const transport = new FakeDoorTransport();
    const store = await setup(transport);
    for (const [token, role] of [['manager-token', 'manager'], ['kiosk-token', 'kiosk']] as const) {
      store.getState().typePairToken(token);
      await store.getState().pair();
      expect(store.getState()).toMatchObject({ paired: false, pairProblem: 'wrongRole', pairRole: role, pairVia: 'token' });
      expect(transport.pairing.isPaired()).toBe(false);
    }
    store.getState().typePairToken('made-up');
    await store.getState().pair();
    expect(store.getState()).toMatchObject({ paired: false, pairProblem: 'rejected' });

    store.getState().typePairToken('  door-token ');
    await store.getState().pair();
    expect(store.getState()).toMatchObject({ paired: true, pairProblem: null, pairToken: '' });
    expect(transport.heldToken).toBe('door-token');
  });

  it('a browser that already holds a manager token is sent to pairing, saying why', async () => {
    const transport = new FakeDoorTransport('manager-token');
    const store = await setup(transport);
    expect(store.getState()).toMatchObject({ paired: false, pairProblem: 'wrongRole', pairRole: 'manager' });
    expect(transport.pairing.isPaired()).toBe(false);
    expect(transport.callsOf('doorShows')).toHaveLength(0);
  });
});

describe('door store: unpairing', () => {
  it('revoked by the manager: the next poll is refused and the door is back on pairing at once, counts gone', async () => {
    const transport = new FakeDoorTransport('door-token');
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
    const transport = new FakeDoorTransport('door-token');
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
    const transport = new FakeDoorTransport('door-token');
    const store = await setup(transport);
    store.getState().unpair();
    expect(store.getState().paired).toBe(false);
    expect(transport.pairing.isPaired()).toBe(false);
  });
});
