// The kiosk's pairing slice: the staff pair it with the manager's 6-digit code (or a typed
// device token), and a token of another role, or one revoked later, sends it back to the
// pairing screen. Composed into kiosk-store.ts, which hands it the few things it needs.
import { cleanPairCode, PAIR_CODE_LENGTH, redeemProblem, type RedeemProblem } from '../../shared/lib/pairing-code';
import type { Transport } from '../../shared/transport';
import type { InputField, KioskData, KioskState } from './kiosk-store';

export type PairProblem = 'codeIncomplete' | 'codeInvalid' | 'tooManyTries' | 'notKiosk' | 'unreachable';

/** The kiosk's words for a refused pairing code. */
const PROBLEM_OF_REDEEM: Record<RedeemProblem, PairProblem> = { tooManyTries: 'tooManyTries', unreachable: 'unreachable', invalidCode: 'codeInvalid' };

export interface PairingData {
  /** The pairing code typed on the pairing screen's keypad. */
  pairCode: string;
  /** Why the last pairing attempt failed; `pairRole` names the role a wrong code or token was for. */
  pairProblem: PairProblem | null;
  pairRole: string | null;
}

export interface PairingActions {
  /** Pairs with the device token typed in the token field. */
  pair(): Promise<void>;
  typePairCode(value: string): void;
  /** Trades the typed pairing code for a kiosk token. */
  pairWithCode(): Promise<void>;
}

/** What the slice needs from the rest of the kiosk store. */
export interface PairingKit {
  set: (partial: Partial<KioskState>) => void;
  get: () => KioskState;
  transport: Transport;
  connect(): void;
  disconnect(): void;
  /** Validates the given fields; records and returns whether all passed. */
  validate(...fields: InputField[]): boolean;
  /** The state of a kiosk with no guest at it. */
  guestReset(): Partial<KioskData>;
}

export interface PairingSlice {
  initial: PairingData;
  actions: PairingActions;
  /**
   * The pairing check at start-up: whether the kiosk may connect now (no pairing needed, or a
   * kiosk token held). Otherwise it is on the pairing screen.
   */
  mayConnect(): Promise<boolean>;
}

export function createPairingSlice(kit: PairingKit): PairingSlice {
  const { set, get, transport, connect, disconnect } = kit;

  /** Paired with a token of another role (a manager's, say): refuse it and say why. */
  async function refusedRole(): Promise<string | null> {
    const self = await transport.call('deviceSelf', {});
    return self.ok && self.value.role !== 'kiosk' ? self.value.role : null;
  }

  function backToPairing(problem: PairProblem | null = null, role: string | null = null) {
    disconnect();
    set({ ...kit.guestReset(), screen: 'pair', pairCode: '', pairProblem: problem, pairRole: role, busy: false });
  }

  async function mayConnect(): Promise<boolean> {
    const pairing = transport.pairing;
    if (!pairing) return true;
    // Unpaired by the manager (revoked): back to the pairing screen at once.
    pairing.onForget?.(() => backToPairing());
    if (!pairing.isPaired()) {
      set({ screen: 'pair' });
      return false;
    }
    const role = await refusedRole();
    if (role !== null) {
      pairing.forget();
      backToPairing('notKiosk', role);
      return false;
    }
    return true;
  }

  const actions: PairingActions = {
    async pair() {
      const pairing = transport.pairing;
      if (pairing === null || get().busy || !kit.validate('token')) return;
      pairing.pair(get().inputs.token);
      set({ busy: true });
      const result = await transport.call('listShows', {});
      set({ busy: false });
      if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
        pairing.forget();
        set({ errors: { token: 'invalid' } });
        return;
      }
      const role = await refusedRole();
      if (role !== null) {
        pairing.forget();
        set({ errors: {}, pairProblem: 'notKiosk', pairRole: role });
        return;
      }
      // Any other answer means the token passed the door: go on, outages heal by themselves.
      set({ ...kit.guestReset(), screen: 'start', pairProblem: null, pairRole: null });
      connect();
    },

    typePairCode(value) {
      set({ pairCode: cleanPairCode(value), pairProblem: null, pairRole: null });
    },

    async pairWithCode() {
      const pairing = transport.pairing;
      const code = get().pairCode;
      if (pairing === null || get().busy) return;
      if (code.length !== PAIR_CODE_LENGTH) return set({ pairProblem: 'codeIncomplete' });
      set({ busy: true });
      const result = await transport.call('redeemPairing', { code });
      set({ busy: false });
      if (!result.ok) {
        const problem = redeemProblem(result.error);
        return set({ pairProblem: PROBLEM_OF_REDEEM[problem], pairCode: problem === 'unreachable' ? code : '' });
      }
      // A code made for another role (a door scanner, a sign) is not taken: this is a kiosk.
      if (result.value.role !== 'kiosk') return set({ pairProblem: 'notKiosk', pairRole: result.value.role, pairCode: '' });
      pairing.pair(result.value.token);
      set({ ...kit.guestReset(), screen: 'start', pairCode: '', pairProblem: null, pairRole: null });
      connect();
    },
  };

  return { initial: { pairCode: '', pairProblem: null, pairRole: null }, actions, mayConnect };
}
