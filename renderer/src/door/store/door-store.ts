// The door's whole state and every action, as plain functions over one zustand store: the
// shared connection slice (today's shows with their counts, polled: the door role has no seat
// stream), the shared pairing slice (a 6-digit code from the manager, or a pasted door token),
// and one scan → one verdict on screen.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody } from '../../../../main/common/errors';
import type { CheckIn, DoorShow } from '../../../../main/common/schemas';
import { normalizeTicketCode } from '../../../../main/common/ticket-code';
import { createConnection, type ConnectionActions, type ConnectionData } from '../../shared/store/connection';
import { createPairingSlice, type PairingActions, type PairingData } from '../../shared/store/pairing-slice';
import type { Transport } from '../../shared/transport';
import { browserSettings, readVerdictReset, writeVerdictReset, type SettingsStorage } from '../lib/verdict-reset';


export type RefusalReason = 'already' | 'cancelled' | 'unknown' | 'notOpen' | 'closed' | 'invalid' | 'offline' | 'forbidden' | 'error';

export type Verdict =
  | { kind: 'ok'; checkIn: CheckIn }
  | { kind: 'refused'; reason: RefusalReason; details: Record<string, string>; code: string };

export type ScanSource = 'wedge' | 'camera';

export interface DoorData extends ConnectionData<DoorShow>, PairingData {
  paired: boolean;
  /** The show of the last guest admitted, so the count follows the queue being let in. */
  lastShowId: number | null;
  /** What the wedge scanner (or a person) has typed so far. */
  code: string;
  /** Stays until the next scan or `dismiss`, unless `verdictResetSeconds` is set. */
  verdict: Verdict | null;
  /** The door's setting: seconds before a verdict clears itself, null for never (the default). */
  verdictResetSeconds: number | null;
}

export interface DoorActions extends ConnectionActions, PairingActions {
  init(): Promise<void>;
  dispose(): void;
  typeCode(value: string): void;
  /** One scan: checked locally (format and check symbol), then sent once. */
  submit(raw: string, source: ScanSource): Promise<void>;
  /** Back to scanning (also after `verdictResetSeconds`, when set). */
  dismiss(): void;
  /** Chooses (and keeps in this browser) the automatic reset; null turns it off. */
  setVerdictReset(seconds: number | null): void;
}

export type DoorState = DoorData & DoorActions;
export type DoorStore = StoreApi<DoorState>;

export interface DoorStoreOptions {
  transport: Transport;
  /** Where the door's setting is kept; the browser's localStorage unless given. */
  settings?: SettingsStorage;
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
  const settings = 'settings' in options ? options.settings : browserSettings();
  const rescanGuardMs = options.rescanGuardMs ?? 10_000;
  const now = options.now ?? Date.now;
  let verdictTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCamera: { code: string; at: number } | null = null;

  return createStore<DoorState>()((set, get) => {
    const connection = createConnection<DoorShow>(
      set,
      get,
      { transport, refreshEveryMs: options.pollMs ?? 5_000 },
      {
        shows: { read: () => transport.call('doorShows', {}), key: () => '' },
        // A revoked token: the transport has forgotten it (and told the pairing slice); a
        // transport that does not tell is answered here.
        commonError: (error) => {
          if (error.code === 'UNAUTHENTICATED') get().unpair();
        },
        refreshFailed: (error) => {
          if (error.code === 'UNAUTHENTICATED') get().unpair();
        },
        // Nothing waits on screen for the box office: the next scan simply goes through.
        reconnected: () => {},
      },
    );

    const pairing = createPairingSlice({
      set,
      get,
      transport,
      role: 'door',
      paired: () => connectNow(),
      unpaired() {
        connection.disconnect();
        clearVerdict();
        set({ paired: false, shows: [], showsLoaded: false, verdict: null, code: '', lastShowId: null, busy: false, outage: false });
      },
    });

    async function connectNow() {
      set({ paired: true });
      connection.connect();
      await connection.refreshed();
    }

    function clearVerdict() {
      if (verdictTimer !== null) clearTimeout(verdictTimer);
      verdictTimer = null;
    }

    function show(verdict: Verdict) {
      clearVerdict();
      set({ verdict, code: '', busy: false });
      options.onVerdict?.(verdict);
      const seconds = get().verdictResetSeconds;
      if (seconds !== null) verdictTimer = setTimeout(() => get().dismiss(), seconds * 1_000);
    }

    function refuse(reason: RefusalReason, code: string, details: Record<string, string> = {}) {
      show({ kind: 'refused', reason, details, code });
    }

    return {
      ...connection.initial,
      ...connection.actions,
      ...pairing.initial,
      ...pairing.actions,
      paired: transport.pairing?.isPaired() ?? true,
      lastShowId: null,
      code: '',
      verdict: null,
      verdictResetSeconds: readVerdictReset(settings),

      async init() {
        if (await pairing.start()) await connectNow();
      },

      dispose() {
        pairing.stop();
        connection.disconnect();
        clearVerdict();
      },

      typeCode: (value) => set({ code: value }),

      async submit(raw, source) {
        const state = get();
        if (state.busy) return;
        const code = normalizeTicketCode(raw);
        if (source === 'camera') {
          // The ticket still in front of the camera must not be read again (it would turn a ✓
          // into "already checked in"): not while its verdict stays, nor for a while after it
          // went. Another ticket is the next guest, and replaces the verdict.
          const key = code ?? raw;
          if (lastCamera !== null && lastCamera.code === key) {
            if (state.verdict !== null) lastCamera.at = now();
            if (state.verdict !== null || now() - lastCamera.at < rescanGuardMs) return;
          }
          lastCamera = { code: key, at: now() };
        }
        if (raw.trim() === '') return;
        // The check symbol catches a misread or made-up code before any request.
        if (code === null) return refuse('invalid', raw.trim());
        // Every refusal is the door's own verdict, so none goes to the common handling.
        const answer = await connection.request('checkIn', { ticketCode: code }, { busy: true, onOutage: 'ask', handle: () => true });
        if (answer.ok) {
          set({ lastShowId: answer.value.showId });
          show({ kind: 'ok', checkIn: answer.value });
          void get().refreshShows();
          return;
        }
        refuse(REASONS[answer.error.code] ?? 'error', code, answer.error.details ?? {});
        if (answer.error.code === 'UNAUTHENTICATED') get().unpair();
      },

      dismiss() {
        clearVerdict();
        set({ verdict: null });
      },

      setVerdictReset(seconds) {
        writeVerdictReset(settings, seconds);
        set({ verdictResetSeconds: seconds });
      },
    };
  });
}
