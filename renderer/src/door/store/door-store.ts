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
import { hashTicketCode } from '../lib/code-hash';
import { admitOffline, admitParty, findByName, mergeSnapshot, type JournalEntry, type StoredShow, type StoredSnapshot } from '../lib/offline-snapshot';
import type { SnapshotTicket } from '../../../../main/common/schemas';
import { newScanId } from '../lib/scan-id';
import { browserVault, type DoorVault } from '../lib/vault';
import { browserSettings, readVerdictReset, writeVerdictReset, type SettingsStorage } from '../lib/verdict-reset';


export type RefusalReason =
  | 'already' | 'cancelled' | 'unknown' | 'notOpen' | 'closed' | 'invalid' | 'offline' | 'forbidden' | 'error' | 'wrongEntrance' | 'notInSnapshot'
  | 'notPaid' | 'released';

export type Verdict =
  /** `offline`: admitted from the snapshot; the journal sends it when the box office answers again. */
  | { kind: 'ok'; checkIn: CheckIn; offline: boolean }
  | { kind: 'refused'; reason: RefusalReason; details: Record<string, string>; code: string; offline: boolean };

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
  /** The box office did not answer the last call: scans are admitted from the snapshot. */
  offline: boolean;
  /** When the snapshot this door admits from offline was read (device clock), null before the first. */
  snapshotAt: number | null;
  snapshotTickets: number;
  /** Offline admissions not yet taken by the server. */
  journalPending: number;
  /** Admission by name: what is typed, and the parties of the snapshot it finds. */
  nameQuery: string;
  nameMatches: Array<{ show: StoredShow; ticket: SnapshotTicket }>;
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
  /** Looks a guest who lost their code up in the snapshot by name. */
  searchName(query: string): void;
  /** Admits a party found by name, by hand: online by its ticketId, else from the snapshot. */
  admitByName(ticketId: number): Promise<void>;
  /** Reads what changed since the last snapshot (every 30 s while online). */
  refreshSnapshot(): Promise<void>;
  /** Sends the journal's waiting admissions, oldest first, each once. */
  syncJournal(): Promise<void>;
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
  /** Where the snapshot and the journal are kept (IndexedDB in a browser). */
  vault?: DoorVault;
  /** How often the snapshot is refreshed and the journal retried. */
  snapshotEveryMs?: number;
}

/** A check-in waits this long before the door admits from its snapshot instead. */
const CHECKIN_TIMEOUT_MS = 5_000;

const REASONS: Partial<Record<ErrorBody['code'], RefusalReason>> = {
  ALREADY_CHECKED_IN: 'already',
  WRONG_ENTRANCE: 'wrongEntrance',
  TICKET_CANCELLED: 'cancelled',
  RESERVATION_RELEASED: 'released',
  NOT_PAID: 'notPaid',
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
  const vault = options.vault ?? browserVault();
  let snapshot: StoredSnapshot | null = null;
  let snapshotTimer: ReturnType<typeof setInterval> | null = null;
  let syncing: Promise<void> | null = null;
  /** A scan whose answer was lost: scanning the same code again resends its scanId. */
  let unanswered: { code: string; scanId: string } | null = null;

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
        // Nothing waits on screen for the box office; what the door admitted meanwhile is sent.
        reconnected: () => {
          set({ offline: false });
          void get().syncJournal();
          void get().refreshSnapshot();
        },
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
        stopSnapshots();
        snapshot = null;
        // The snapshot goes with the pairing; a journal still waiting is kept for the next pairing to send.
        void vault.journal().then((entries) => (entries.some((e) => e.syncedAt === null) ? undefined : vault.clear())).catch(() => undefined);
        clearVerdict();
        set({ paired: false, shows: [], showsLoaded: false, verdict: null, code: '', lastShowId: null, busy: false, outage: false });
      },
    });

    async function connectNow() {
      set({ paired: true });
      connection.connect();
      startSnapshots();
      await connection.refreshed();
    }

    /** The phone's network is back: the journal need not wait for the next timer. */
    const onOnline = () => {
      void get().syncJournal();
      void get().refreshSnapshot();
    };

    function startSnapshots() {
      stopSnapshots();
      if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
      snapshotTimer = setInterval(() => {
        void get().refreshSnapshot();
        void get().syncJournal();
      }, options.snapshotEveryMs ?? 30_000);
      void loadVault().then(() => get().refreshSnapshot()).then(() => get().syncJournal());
    }

    function stopSnapshots() {
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      if (snapshotTimer !== null) clearInterval(snapshotTimer);
      snapshotTimer = null;
    }

    async function loadVault() {
      snapshot ??= await vault.loadSnapshot().catch(() => null);
      showSnapshot();
      await countPending();
    }

    function showSnapshot() {
      set({ snapshotAt: snapshot?.fetchedAt ?? null, snapshotTickets: snapshot?.shows.reduce((n, s) => n + s.tickets.length, 0) ?? 0 });
    }

    async function countPending() {
      const entries = await vault.journal().catch(() => [] as JournalEntry[]);
      set({ journalPending: entries.filter((e) => e.syncedAt === null).length });
    }

    /** The answer did not come: admit from the snapshot, journalled under the same scanId. */
    async function admitFromSnapshot(code: string, scanId: string) {
      set({ offline: true });
      if (snapshot === null) return refuse('notInSnapshot', code, {}, true);
      const hash = await hashTicketCode(code, snapshot.hash);
      const journal = await vault.journal().catch(() => [] as JournalEntry[]);
      const at = new Date(now());
      const local = admitOffline(snapshot, journal, hash, code, at, transport.pairing ? 'this door' : 'door-app');
      if (local.kind === 'refused') {
        const details = local.reason === 'unknown' ? { snapshotAt: new Date(snapshot.fetchedAt).toISOString() } : local.details;
        return refuse(local.reason === 'unknown' ? 'notInSnapshot' : local.reason, code, details, true);
      }
      await vault.append({ ...local.entry, scanId, scannedAt: at.toISOString(), syncedAt: null, conflict: null });
      unanswered = null;
      await countPending();
      show({ kind: 'ok', checkIn: local.checkIn, offline: true });
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

    function refuse(reason: RefusalReason, code: string, details: Record<string, string> = {}, offline = false) {
      show({ kind: 'refused', reason, details, code, offline });
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
      offline: false,
      snapshotAt: null,
      snapshotTickets: 0,
      journalPending: 0,
      nameQuery: '',
      nameMatches: [],

      async init() {
        if (await pairing.start()) await connectNow();
      },

      dispose() {
        pairing.stop();
        connection.disconnect();
        stopSnapshots();
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
        const scanId = unanswered?.code === code ? unanswered.scanId : newScanId();
        unanswered = { code, scanId };
        if (get().offline && typeof navigator !== 'undefined' && navigator.onLine === false) return admitFromSnapshot(code, scanId);
        set({ busy: true });
        // Every refusal is the door's own verdict, so none goes to the common handling.
        const answer = await transport.call('checkIn', { ticketCode: code, scanId }, { timeoutMs: CHECKIN_TIMEOUT_MS });
        set({ busy: false });
        if (!answer.ok && answer.error.code === 'DB_UNAVAILABLE') {
          connection.enterOutage(async () => {});
          return admitFromSnapshot(code, scanId);
        }
        unanswered = null;
        if (answer.ok) {
          set({ lastShowId: answer.value.showId, offline: false });
          show({ kind: 'ok', checkIn: answer.value, offline: false });
          void get().refreshShows();
          void get().syncJournal();
          return;
        }
        refuse(REASONS[answer.error.code] ?? 'error', code, answer.error.details ?? {});
        if (answer.error.code === 'UNAUTHENTICATED') get().unpair();
      },

      searchName(query) {
        set({ nameQuery: query, nameMatches: snapshot === null ? [] : findByName(snapshot, query) });
      },

      async admitByName(ticketId) {
        const found = snapshot?.shows.flatMap((show) => show.tickets.map((ticket) => ({ show, ticket }))).find((m) => m.ticket.ticketId === ticketId);
        if (!found || get().busy) return;
        const scanId = newScanId();
        set({ busy: true, nameQuery: '', nameMatches: [] });
        const answer = get().offline && navigator.onLine === false
          ? null
          : await transport.call('checkIn', { ticketId, byName: true, scanId }, { timeoutMs: CHECKIN_TIMEOUT_MS });
        set({ busy: false });
        if (answer?.ok) {
          set({ lastShowId: answer.value.showId, offline: false });
          show({ kind: 'ok', checkIn: answer.value, offline: false });
          void get().refreshShows();
          return;
        }
        if (answer && answer.error.code !== 'DB_UNAVAILABLE') return refuse(REASONS[answer.error.code] ?? 'error', found.ticket.userName, answer.error.details ?? {});
        set({ offline: true });
        const journal = await vault.journal().catch(() => [] as JournalEntry[]);
        const at = new Date(now());
        const local = admitParty(snapshot!, journal, found.show, found.ticket, null, at, 'this door');
        if (local.kind === 'refused') return refuse(local.reason === 'unknown' ? 'notInSnapshot' : local.reason, found.ticket.userName, local.details, true);
        await vault.append({ ...local.entry, scanId, scannedAt: at.toISOString(), syncedAt: null, conflict: null });
        await countPending();
        show({ kind: 'ok', checkIn: local.checkIn, offline: true });
      },

      async refreshSnapshot() {
        if (!get().paired) return;
        const fetchedAt = now();
        const answer = await transport.call('doorSnapshot', snapshot ? { since: snapshot.version } : {});
        if (!answer.ok) {
          if (answer.error.code === 'DB_UNAVAILABLE') set({ offline: true });
          return;
        }
        let next = mergeSnapshot(snapshot, answer.value, fetchedAt);
        if (next === null) {
          const full = await transport.call('doorSnapshot', {});
          if (!full.ok) return;
          next = mergeSnapshot(null, full.value, fetchedAt);
        }
        snapshot = next;
        set({ offline: false });
        showSnapshot();
        if (next) await vault.saveSnapshot(next).catch(() => undefined);
      },

      syncJournal() {
        // One sender at a time: two would send one entry twice (harmless, by its scanId, but not "once").
        syncing ??= (async () => {
          try {
            for (const entry of await vault.journal()) {
              if (entry.syncedAt !== null) continue;
              const which = entry.ticketCode === null ? { ticketId: entry.ticketId, byName: true as const } : { ticketCode: entry.ticketCode };
              const answer = await transport.call('checkIn', {
                ...which, scanId: entry.scanId, scannedAt: entry.scannedAt, count: entry.count, offline: { showId: entry.showId },
              });
              // Unreachable again: the rest waits, in order, for the next try.
              if (!answer.ok && answer.error.code === 'DB_UNAVAILABLE') break;
              await vault.markSynced(entry.scanId, now(), answer.ok ? answer.value.conflict?.kind ?? null : answer.error.code);
            }
          } catch {
            // IndexedDB refused (private mode, storage full): the entries stay for the next try.
          } finally {
            syncing = null;
            await countPending();
          }
        })();
        return syncing;
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
