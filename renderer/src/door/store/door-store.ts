// The door's whole state and every action, as plain functions over one zustand store: pairing,
// today's shows with their live counts (polled), and one scan → one verdict on screen.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody } from '../../../../main/common/errors';
import type { CheckIn, DoorShow } from '../../../../main/common/schemas';
import { normalizeTicketCode } from '../../../../main/common/ticket-code';
import { DEFAULT_LOCALE, nextLocale, type Locale } from '../../shared/i18n/locales';
import type { Transport } from '../../shared/transport';

export type RefusalReason = 'already' | 'unknown' | 'notOpen' | 'closed' | 'invalid' | 'offline' | 'forbidden' | 'error';

export type Verdict =
  | { kind: 'ok'; checkIn: CheckIn }
  | { kind: 'refused'; reason: RefusalReason; details: Record<string, string>; code: string };

export type PairProblem = 'empty' | 'rejected' | 'wrongRole' | 'offline';

export type ScanSource = 'wedge' | 'camera';

export interface DoorData {
  locale: Locale;
  paired: boolean;
  pairToken: string;
  pairProblem: PairProblem | null;
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
  typePairToken(value: string): void;
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
  TICKET_NOT_FOUND: 'unknown',
  CHECKIN_NOT_OPEN: 'notOpen',
  CHECKIN_CLOSED: 'closed',
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

    return {
      locale: DEFAULT_LOCALE,
      paired: isPaired(),
      pairToken: '',
      pairProblem: null,
      shows: [],
      lastShowTime: null,
      code: '',
      verdict: null,
      busy: false,

      async init() {
        if (!get().paired) return;
        await get().refreshShows();
        startPolling();
      },

      dispose() {
        if (pollTimer !== null) clearInterval(pollTimer);
        if (verdictTimer !== null) clearTimeout(verdictTimer);
        pollTimer = verdictTimer = null;
      },

      toggleLocale: () => set({ locale: nextLocale(get().locale) }),

      typePairToken: (value) => set({ pairToken: value, pairProblem: null }),

      async pair() {
        const token = get().pairToken.trim();
        if (token === '') return set({ pairProblem: 'empty' });
        transport.pairing?.pair(token);
        set({ busy: true });
        // Listing today's shows is the one question only a door (or a manager) may ask.
        const answer = await transport.call('doorShows', {});
        if (answer.ok) {
          set({ paired: true, pairToken: '', pairProblem: null, busy: false, shows: answer.value });
          startPolling();
          return;
        }
        transport.pairing?.forget();
        const code = answer.error.code;
        set({ busy: false, pairProblem: code === 'UNAUTHENTICATED' ? 'rejected' : code === 'FORBIDDEN' ? 'wrongRole' : 'offline' });
      },

      unpair() {
        get().dispose();
        transport.pairing?.forget();
        set({ paired: false, shows: [], verdict: null, code: '', lastShowTime: null });
      },

      async refreshShows() {
        const answer = await transport.call('doorShows', {});
        if (answer.ok) set({ shows: answer.value });
        // A revoked token is forgotten by the transport: back to the pairing card.
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
