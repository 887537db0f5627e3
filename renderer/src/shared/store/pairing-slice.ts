// The one pairing slice of every app (kiosk, door, manager): a browser proves itself once,
// with the manager's 6-digit code (kiosk and door pages) or a pasted device token, and goes
// back to pairing when the token is dropped (revoked) or turns out to be another role's.
// Each store composes it and says what its page is and what pairing changes on its screen.
import type { Result } from '../../../../main/common/errors';
import type { OperationOutput } from '../../../../main/common/operations';
import { PAIRABLE_ROLES, type PairableRole, type Role } from '../../../../main/common/roles';
import { cleanPairCode, PAIR_CODE_LENGTH, redeemProblem, type PairProblem } from '../lib/pairing-code';
import type { Transport } from '../transport';

export type { PairProblem, PairReason } from '../lib/pairing-code';

export interface PairingData {
  /** The pairing code typed so far (digits only). */
  pairCode: string;
  /** A device token typed or pasted instead. */
  pairToken: string;
  pairProblem: PairProblem | null;
}

export interface PairingActions {
  typePairCode(value: string): void;
  /** Trades the typed code for a token of this page's code role (never a manager's: those are not paired by code). */
  pairWithCode(): Promise<void>;
  typePairToken(value: string): void;
  /** Pairs with the typed token, once the box office says it is a role this page accepts. */
  pairWithToken(): Promise<void>;
  /** Forgets this device's token: back to pairing. */
  unpair(): void;
}

/** The store fields the slice reads and writes: its own, and the shared `busy` flag. */
export type PairingHost = PairingData & { busy: boolean };

export interface PairingKit {
  set(partial: Partial<PairingHost>): void;
  get(): PairingHost;
  transport: Transport;
  /** The role a code pairs this page as (the code is redeemed with it as `expectRole`). */
  role: Role;
  /**
   * The roles a token held on this page may have (default: `role` alone). The manager page takes
   * a manager's pasted token or a counter paired by code: one screen, two sets of sections.
   */
  accepts?: readonly Role[];
  /** `deviceSelf` already asked for while the page loaded (the kiosk's head start): start() uses it. */
  firstSelf?: Promise<Result<OperationOutput<'deviceSelf'>>> | null;
  /** The box office said which role the held token has (at start-up, or on pairing). */
  knownRole?(device: { role: Role; label: string }): void;
  /** Paired now: connect and show the app. */
  paired(): void | Promise<void>;
  /** Not paired (any more): show the pairing screen (the slice has set the problem). */
  unpaired(): void;
}

export interface PairingSlice {
  initial: PairingData;
  actions: PairingActions;
  /**
   * At start-up: follows the transport dropping the token, and checks a token already held.
   * True when the page may connect now (no pairing needed, or a token of this role held).
   */
  start(): Promise<boolean>;
  stop(): void;
  /** The held token was refused an operation (FORBIDDEN): back to pairing if it is another role's. */
  recheck(): Promise<void>;
}

const isPairable = (role: Role): role is PairableRole => (PAIRABLE_ROLES as readonly Role[]).includes(role);

export function createPairingSlice(kit: PairingKit): PairingSlice {
  const { set, get, transport, role } = kit;
  const accepts: readonly Role[] = kit.accepts ?? [role];
  const accepted = (held: Role) => accepts.includes(held);
  let stopListening: (() => void) | null = null;
  let firstSelf = kit.firstSelf ?? undefined;
  /** Once: a later start (pairing again) must ask the box office anew. */
  const takeFirstSelf = () => {
    const asked = firstSelf;
    firstSelf = undefined;
    return asked;
  };

  function toPairing(problem: PairProblem | null) {
    set({ pairProblem: problem, pairCode: problem?.reason === 'unreachable' ? get().pairCode : '', busy: false });
    kit.unpaired();
  }

  /** The role of the token held now; null when the box office did not say (refused or unreachable). */
  async function heldRole(asked?: Promise<Result<OperationOutput<'deviceSelf'>>>): Promise<Role | null> {
    const self = await (asked ?? transport.call('deviceSelf', {}));
    if (!self.ok) return null;
    if (accepted(self.value.role)) kit.knownRole?.(self.value);
    return self.value.role;
  }

  /** A token of another role is forgotten at once: it must not be used for this page's work. */
  function refuseHeld(held: string, via: PairProblem['via']) {
    transport.pairing?.forget();
    toPairing({ reason: 'wrongRole', via, role: held });
  }

  async function becomePaired() {
    set({ pairCode: '', pairToken: '', pairProblem: null, busy: false });
    await kit.paired();
  }

  const actions: PairingActions = {
    typePairCode(value) {
      set({ pairCode: cleanPairCode(value), pairProblem: null });
    },

    async pairWithCode() {
      const pairing = transport.pairing;
      const code = get().pairCode;
      if (pairing === null || get().busy || !isPairable(role)) return;
      if (code.length !== PAIR_CODE_LENGTH) return set({ pairProblem: { reason: 'codeIncomplete', via: 'code' } });
      set({ busy: true });
      const answer = await transport.call('redeemPairing', { code, expectRole: role });
      if (!answer.ok) {
        const problem = redeemProblem(answer.error);
        return set({ busy: false, pairProblem: { ...problem, via: 'code' }, pairCode: problem.reason === 'unreachable' ? code : '' });
      }
      // A box office that does not know expectRole yet redeems any code: its token is not taken here.
      if (answer.value.role !== role) return set({ busy: false, pairProblem: { reason: 'wrongRole', via: 'code', role: answer.value.role }, pairCode: '' });
      pairing.pair(answer.value.token);
      kit.knownRole?.(answer.value);
      await becomePaired();
    },

    typePairToken(value) {
      set({ pairToken: value, pairProblem: null });
    },

    async pairWithToken() {
      const pairing = transport.pairing;
      const token = get().pairToken.trim();
      if (pairing === null || get().busy) return;
      if (token === '') return set({ pairProblem: { reason: 'tokenEmpty', via: 'token' } });
      pairing.pair(token);
      set({ busy: true });
      const self = await transport.call('deviceSelf', {});
      if (self.ok && accepted(self.value.role)) {
        kit.knownRole?.(self.value);
        return becomePaired();
      }
      pairing.forget();
      if (self.ok) return toPairing({ reason: 'wrongRole', via: 'token', role: self.value.role });
      set({ busy: false, pairProblem: { reason: self.error.code === 'UNAUTHENTICATED' ? 'tokenRejected' : 'unreachable', via: 'token' } });
    },

    unpair() {
      transport.pairing?.forget();
      toPairing(null);
    },
  };

  return {
    initial: { pairCode: '', pairToken: '', pairProblem: null },
    actions,

    async start() {
      const pairing = transport.pairing;
      if (pairing === null) return true;
      // Revoked by the manager: the transport forgets the token on its first 401, and the page
      // is back on pairing at once.
      stopListening?.();
      stopListening = pairing.onForget?.(() => toPairing(null)) ?? null;
      if (!pairing.isPaired()) {
        kit.unpaired();
        return false;
      }
      const held = await heldRole(takeFirstSelf());
      if (held !== null && !accepted(held)) {
        refuseHeld(held, 'token');
        return false;
      }
      // An unreachable box office says nothing against the token: the outage heals by itself.
      return pairing.isPaired();
    },

    stop() {
      stopListening?.();
      stopListening = null;
    },

    async recheck() {
      const held = transport.pairing?.isPaired() ? await heldRole() : null;
      if (held !== null && !accepted(held)) refuseHeld(held, 'token');
    },
  };
}
