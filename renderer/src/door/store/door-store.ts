// The door's whole state and every action, as plain functions over one zustand store: pairing
// (a 6-digit code from the manager, or a pasted door token), today's shows with their live
// counts (polled), and one scan → one verdict on screen.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody } from '../../../../main/common/errors';
import type { CheckIn, DoorShow } from '../../../../main/common/schemas';
import { normalizeTicketCode } from '../../../../main/common/ticket-code';
import { DEFAULT_LOCALE, nextLocale, type Locale } from '../../shared/i18n/locales';
import { cleanPairCode, PAIR_CODE_LENGTH, redeemProblem, type RedeemProblem } from '../../shared/lib/pairing-code';
import type { Transport } from '../../shared/transport';

export type RefusalReason = 'already' | 'cancelled' | 'unknown' | 'notOpen' | 'closed' | 'invalid' | 'offline' | 'forbidden' | 'error';

export type Verdict =
  | { kind: 'ok'; checkIn: CheckIn }
  | { kind: 'refused'; reason: RefusalReason; details: Record<string, string>; code: string };

export type PairProblem = 'codeIncomplete' | 'codeInvalid' | 'tooManyTries' | 'empty' | 'rejected' | 'wrongRole' | 'offline';

/** The door's words for a refused pairing code. */
const PROBLEM_OF_REDEEM: Record<RedeemProblem, PairProblem> = { tooManyTries: 'tooManyTries', unreachable: 'offline', invalidCode: 'codeInvalid' };

export type ScanSource = 'wedge' | 'camera';

export interface DoorData {
  locale: Locale;
  paired: boolean;
  /** The pairing code typed so far (digits only). */
  pairCode: string;
  pairToken: string;
  pairProblem: PairProblem | null;
  /** The role of a code or token refused for not being a door's. */
  pairRole: string | null;
  /** Which way the last pairing went, so its problem is shown by its own field. */
  pairVia: 'code' | 'token';
  shows: DoorShow[];
  /** The show of the last guest admitted, so the count follows the queue being let in. */
  lastShowTime: string | null;
  /** What the wedge scanner (or a person) has typed so far. */
  code: string;
  verdict: Verdict | null;
  busy: boolean;
}

export interface DoorActions {
  init(): Promise<void>;
  dispose(): void;
  toggleLocale(): void;
  typePairCode(value: string): void;
  /** Trades the typed pairing code for a door token. */
  pairWithCode(): Promise<void>;
  typePairToken(value: string): void;
  /** Pairs with a pasted door token. */
  pair(): Promise<void>;
  unpair(): void;
  refreshShows(): Promise<void>;
  typeCode(value: string): void;
  /** One scan: checked locally (format and check symbol), then sent once. */
  submit(raw: string, source: ScanSource): Promise<void>;
  /** Back to scanning (also after `verdictMs`). */
  dismiss(): void;
}

export type DoorState = DoorData & DoorActions;
export type DoorStore = StoreApi<DoorState>;

export interface DoorStoreOptions {
  transport: Transport;
  /** How long a ✓ or ✗ stays on screen before the door is ready for the next guest. */
  verdictMs?: number;
  /** How often the counts are asked for again (the door role has no seat stream). */
  pollMs?: number;
  /** A camera keeps seeing the ticket it just read; the same code from it is ignored this long. */
  rescanGuardMs?: number;
  now?: () => number;
  /** Called with every verdict (the app plays its sound). */
  onVerdict?: (verdict: Verdict) => void;
}

const REASONS: Partial<Record<ErrorBody['code'], RefusalReason>> = {
  ALREADY_CHECKED_IN: 'already',
  TICKET_CANCELLED: 'cancelled',
  TICKET_NOT_FOUND: 'unknown',
  CHECKIN_NOT_OPEN: 'notOpen',
  CHECKIN_CLOSED: 'closed',
  // A ticket swept after its show: the show has ended, as far as the guest is concerned.
  SHOW_EXPIRED: 'closed',
  INVALID_INPUT: 'invalid',
  DB_UNAVAILABLE: 'offline',
  FORBIDDEN: 'forbidden',
  UNAUTHENTICATED: 'forbidden',
};

export function createDoorStore(options: DoorStoreOptions): DoorStore {
  const { transport } = options;
  const verdictMs = options.verdictMs ?? 4_000;
  const pollMs = options.pollMs ?? 5_000;
  const rescanGuardMs = options.rescanGuardMs ?? 10_000;
  const now = options.now ?? Date.now;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let verdictTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCamera: { code: string; at: number } | null = null;
  let stopListening: (() => void) | null = null;

  const isPaired = () => transport.pairing?.isPaired() ?? true;

  return createStore<DoorState>()((set, get) => {
    function show(verdict: Verdict) {
      if (verdictTimer !== null) clearTimeout(verdictTimer);
      set({ verdict, code: '', busy: false });
      options.onVerdict?.(verdict);
      verdictTimer = setTimeout(() => get().dismiss(), verdictMs);
    }

    function refuse(reason: RefusalReason, code: string, details: Record<string, string> = {}) {
      show({ kind: 'refused', reason, details, code });
    }

    function startPolling() {
      if (pollTimer !== null) clearInterval(pollTimer);
      pollTimer = setInterval(() => void get().refreshShows(), pollMs);
    }

    function stopTimers() {
      if (pollTimer !== null) clearInterval(pollTimer);
      if (verdictTimer !== null) clearTimeout(verdictTimer);
      pollTimer = verdictTimer = null;
    }

    /** Back to the pairing card (unpaired here, revoked by the manager, or refused). */
    function toPairing(problem: PairProblem | null = null, role: string | null = null) {
      stopTimers();
      set({ paired: false, shows: [], verdict: null, code: '', lastShowTime: null, busy: false, pairProblem: problem, pairRole: role });
    }

    /** The role of the token now held when it is not a door's (a kiosk's or a manager's), else null. */
    async function foreignRole(): Promise<string | null> {
      const self = await transport.call('deviceSelf', {});
      return self.ok && self.value.role !== 'door' ? self.value.role : null;
    }

    async function becomePaired() {
      set({ paired: true, pairCode: '', pairToken: '', pairProblem: null, pairRole: null, busy: false });
      await get().refreshShows();
      if (get().paired) startPolling();
    }

    return {
      locale: DEFAULT_LOCALE,
      paired: isPaired(),
      pairCode: '',
      pairToken: '',
      pairProblem: null,
      pairRole: null,
      pairVia: 'code',
      shows: [],
      lastShowTime: null,
      code: '',
      verdict: null,
      busy: false,

      async init() {
        const pairing = transport.pairing;
        // Unpaired by the manager: the transport forgets the token on its first 401 (the next
        // poll at the latest) and the door is back on its pairing card at once.
        stopListening?.();
        stopListening = pairing?.onForget?.(() => toPairing()) ?? null;
        if (!get().paired) return;
        const role = pairing ? await foreignRole() : null;
        if (role !== null) {
          pairing?.forget();
          return toPairing('wrongRole', role);
        }
        await get().refreshShows();
        if (get().paired) startPolling();
      },

      dispose() {
        stopTimers();
        stopListening?.();
        stopListening = null;
      },

      toggleLocale: () => set({ locale: nextLocale(get().locale) }),

      typePairCode: (value) => set({ pairCode: cleanPairCode(value), pairProblem: null, pairRole: null }),

      async pairWithCode() {
        const pairing = transport.pairing;
        const code = get().pairCode;
        if (pairing === null || get().busy) return;
        if (code.length !== PAIR_CODE_LENGTH) return set({ pairProblem: 'codeIncomplete', pairVia: 'code' });
        set({ busy: true, pairVia: 'code' });
        const answer = await transport.call('redeemPairing', { code });
        if (!answer.ok) {
          const problem = redeemProblem(answer.error);
          return set({ busy: false, pairProblem: PROBLEM_OF_REDEEM[problem], pairRole: null, pairCode: problem === 'unreachable' ? code : '' });
        }
        // A code made for a kiosk or a sign is not taken here: this is a door.
        if (answer.value.role !== 'door') return set({ busy: false, pairProblem: 'wrongRole', pairRole: answer.value.role, pairCode: '' });
        pairing.pair(answer.value.token);
        await becomePaired();
      },

      typePairToken: (value) => set({ pairToken: value, pairProblem: null, pairRole: null }),

      async pair() {
        const pairing = transport.pairing;
        const token = get().pairToken.trim();
        if (pairing === null || get().busy) return;
        if (token === '') return set({ pairProblem: 'empty', pairVia: 'token' });
        pairing.pair(token);
        set({ busy: true, pairVia: 'token' });
        const self = await transport.call('deviceSelf', {});
        if (!self.ok || self.value.role !== 'door') {
          pairing.forget();
          const problem: PairProblem = self.ok ? 'wrongRole' : self.error.code === 'UNAUTHENTICATED' ? 'rejected' : 'offline';
          return set({ busy: false, pairProblem: problem, pairRole: self.ok ? self.value.role : null });
        }
        await becomePaired();
      },

      unpair() {
        transport.pairing?.forget();
        toPairing();
      },

      async refreshShows() {
        const answer = await transport.call('doorShows', {});
        if (answer.ok) set({ shows: answer.value });
        // A revoked token: the transport has forgotten it (and told us); a transport that does
        // not tell is answered here.
        else if (answer.error.code === 'UNAUTHENTICATED') get().unpair();
      },

      typeCode: (value) => set({ code: value }),

      async submit(raw, source) {
        const state = get();
        if (state.busy) return;
        const code = normalizeTicketCode(raw);
        if (source === 'camera') {
          // While a verdict shows, and for a while after, the ticket still in front of the
          // camera must not be read again (it would turn a ✓ into "already checked in").
          if (state.verdict !== null) return;
          if (lastCamera !== null && lastCamera.code === (code ?? raw) && now() - lastCamera.at < rescanGuardMs) return;
          lastCamera = { code: code ?? raw, at: now() };
        }
        if (raw.trim() === '') return;
        // The check symbol catches a misread or made-up code before any request.
        if (code === null) return refuse('invalid', raw.trim());
        set({ busy: true });
        const answer = await transport.call('checkIn', { ticketCode: code });
        if (answer.ok) {
          set({ lastShowTime: answer.value.showTime });
          show({ kind: 'ok', checkIn: answer.value });
          void get().refreshShows();
          return;
        }
        refuse(REASONS[answer.error.code] ?? 'error', code, answer.error.details ?? {});
        if (answer.error.code === 'UNAUTHENTICATED') get().unpair();
      },

      dismiss() {
        if (verdictTimer !== null) clearTimeout(verdictTimer);
        verdictTimer = null;
        set({ verdict: null });
      },
    };
  });
}
