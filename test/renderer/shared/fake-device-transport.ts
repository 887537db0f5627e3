// An in-memory box office for a device that pairs (a door, a kiosk, a manager browser): live
// tokens with their roles, pairing codes, and the door's show counts. Like the HTTPS transport,
// it forgets its token on a 401 and tells whoever listens.
import type { Result } from '../../../main/common/errors';
import { mayRun, type OperationInput, type OperationName, type OperationOutput } from '../../../main/common/operations';
import type { PairableRole, Role } from '../../../main/common/roles';
import type { DoorShow } from '../../../main/common/schemas';
import type { Pairing, Transport } from '../../../renderer/src/shared/transport';
import { FakeBoxOffice, type Handler } from './fake-box-office';
import { showTimeIn } from './shows';

export class FakeDeviceTransport extends FakeBoxOffice<OperationName> implements Transport {
  readonly kind = 'http' as const;
  /** Live tokens and their roles; a revoked token is simply removed. */
  roles = new Map<string, Role>([['door-token', 'door'], ['kiosk-token', 'kiosk'], ['manager-token', 'manager']]);
  codes = new Map<string, PairableRole>();
  /** False: a box office from before expectRole, which redeems a code of any role. */
  checksExpectRole = true;
  private token: string | null;
  private listeners = new Set<() => void>();
  private minted = 0;
  doorShows: DoorShow[] = [
    { showId: 1, showTime: showTimeIn(20), title: 'The Night Door', screenId: 1, screenName: 'Screen 1', filmTitle: 'The Night Door', capacity: 30, booked: 2, checkedIn: 0, doorsOpen: true, cancelledAt: null },
  ];

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
      // The code of another role stays valid for the page it was made for.
      if (this.checksExpectRole && input.expectRole !== undefined && input.expectRole !== role) {
        return { ok: false, error: { code: 'WRONG_ROLE', message: 'wrong role', details: { role, expectRole: input.expectRole } } };
      }
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

