// The pairing slice: whether this device may use the manager. A browser proves it with a
// manager-role token; the Electron window needs none.
import { emptyDevices } from './devices';
import type { ManagerKit } from './kit';

export type Access = 'checking' | 'ok' | 'unpaired';
export type PairProblem = 'empty' | 'invalid' | 'forbidden';

export interface PairingData {
  access: Access;
  /** A browser pairs with a token; the Electron window needs none. */
  pairable: boolean;
  pairToken: string;
  pairProblem: PairProblem | null;
}

export interface PairingActions {
  init(): Promise<void>;
  dispose(): void;
  typePairToken(value: string): void;
  pair(): Promise<void>;
  forgetPairing(): void;
}

export function createPairingSlice(kit: ManagerKit): PairingData & PairingActions {
  const { set, get, transport, connection } = kit;

  /**
   * Asks a manager-only operation: the server checks the role before anything else, so a
   * kiosk or viewer token answers FORBIDDEN. Any other answer means the token is a manager's
   * (an unreachable database included: the door check heals with the outage).
   */
  async function checkAccess(): Promise<'ok' | 'unpaired' | 'forbidden'> {
    const result = await transport.call('serverStatus', {});
    if (result.ok) {
      set({ devices: { ...get().devices, available: true, status: result.value } });
      return 'ok';
    }
    if (result.error.code === 'UNAUTHENTICATED') return 'unpaired';
    if (result.error.code === 'FORBIDDEN') return 'forbidden';
    return 'ok';
  }

  return {
    access: 'checking',
    pairable: transport.pairing !== null,
    pairToken: '',
    pairProblem: null,

    async init() {
      set({ timeZone: await transport.theatreTimeZone() });
      const pairing = transport.pairing;
      if (pairing && !pairing.isPaired()) return kit.toPairing(null);
      if (pairing) {
        const answer = await checkAccess();
        if (answer !== 'ok') return kit.toPairing(answer === 'forbidden' ? 'forbidden' : null);
      }
      set({ access: 'ok' });
      connection.connect();
    },

    dispose() {
      connection.disconnect();
    },

    typePairToken(value) {
      set({ pairToken: value, pairProblem: get().pairProblem === 'empty' && value.trim() !== '' ? null : get().pairProblem });
    },

    async pair() {
      const pairing = transport.pairing;
      if (pairing === null || get().busy) return;
      const token = get().pairToken.trim();
      if (token === '') return set({ pairProblem: 'empty' });
      pairing.pair(token);
      set({ busy: true });
      const answer = await checkAccess();
      set({ busy: false });
      if (answer !== 'ok') {
        pairing.forget();
        set({ pairProblem: answer === 'forbidden' ? 'forbidden' : 'invalid' });
        return;
      }
      set({ access: 'ok', pairToken: '', pairProblem: null, notice: null });
      connection.connect();
    },

    forgetPairing() {
      transport.pairing?.forget();
      set({ shows: [], showsLoaded: false, selectedShowTime: null, roster: null, ticket: null, panel: 'roster' });
      set({ devices: emptyDevices(), report: null });
      kit.toPairing(null);
    },
  };
}
