// The manager's store: the shared connection slice plus one slice per concern — pairing,
// schedule (with the new-show form), ticket, devices, reports — and the page-wide view, dialog and
// messages. Components read state and call actions. Reads retry by themselves while the box
// office is unreachable; changes are never replayed on their own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody } from '../../../../main/common/errors';
import type { Show } from '../../../../main/common/schemas';
import type { Locale } from '../../shared/i18n/locales';
import { createConnection, listShowsFeed, type ConnectionActions, type ConnectionData, type ConnectionOptions } from '../../shared/store/connection';
import type { DeviceToken, RevokeOutcome } from '../lib/operations';
import { createDevicesSlice, type DevicesActions, type DevicesSliceData } from './devices';
import type { ManagerKit } from './kit';
import { createAccessSlice, type AccessActions, type AccessData } from './access';
import { createReportsSlice, type ReportsActions, type ReportsData } from './reports';
import { createScheduleSlice, SCHEDULE_DAYS, type ScheduleActions, type ScheduleData } from './schedule';
import { createTicketLoader, createTicketSlice, type TicketActions, type TicketData } from './ticket';

export type { DevicesData, PairingCode } from './devices';
export type { Access } from './access';
export type { ReportField, ReportProblem } from './reports';
export {
  SCHEDULE_DAYS,
  validateEditShow,
  validateNewShow,
  type EditShowField,
  type EditShowProblem,
  type NewShowField,
  type NewShowInputs,
  type NewShowProblem,
} from './schedule';
export { moveTargets, type TicketDetail, type TicketState } from './ticket';

export type ManagerView = 'schedule' | 'reports' | 'devices';

/** Something went wrong: one calm sentence at the top of the page. */
export type Notice = {
  kind:
    | 'housefull' | 'showExpired' | 'ticketNotFound' | 'error' | 'rateLimited' | 'reconnected' | 'invalid' | 'forbidden' | 'showHasTickets' | 'showGone'
    | 'checkedIn';
};

/** Something went right: announced politely, then fades. */
export type Done =
  | { kind: 'showCreated'; title: string | null; showTime: string }
  | { kind: 'showUpdated'; title: string | null; showTime: string }
  | { kind: 'showDeleted'; title: string | null; showTime: string }
  | { kind: 'moved'; ticketId: number; showTime: string }
  | { kind: 'cancelled'; ticketId: number }
  | { kind: 'revoked'; label: string; outcome: RevokeOutcome };

export type Dialog =
  | { kind: 'newShow' }
  | { kind: 'editShow'; show: Show }
  | { kind: 'deleteShow'; show: Show }
  | { kind: 'move' }
  | { kind: 'confirmMove'; show: Show }
  | { kind: 'cancel' }
  | { kind: 'revoke'; token: DeviceToken }
  | null;

export interface PageData {
  view: ManagerView;
  dialog: Dialog;
  notice: Notice | null;
  done: Done | null;
}

export interface PageActions {
  setView(view: ManagerView): void;
  closeDialog(): void;
  dismissNotice(): void;
  dismissDone(): void;
}

export type ManagerData = ConnectionData & AccessData & ScheduleData & TicketData & DevicesSliceData & ReportsData & PageData;
export type ManagerActions = ConnectionActions & AccessActions & ScheduleActions & TicketActions & DevicesActions & ReportsActions & PageActions;
export type ManagerState = ManagerData & ManagerActions;
export type ManagerStore = StoreApi<ManagerState>;

export interface ManagerStoreOptions extends ConnectionOptions {
  now?: () => number;
  locale?: Locale;
  /** Seat updates for the open show re-read its roster after this quiet time. */
  rosterDebounceMs?: number;
}

export function createManagerStore(options: ManagerStoreOptions): ManagerStore {
  const { transport } = options;

  return createStore<ManagerState>()((set, get) => {
    const connection = createConnection(set, get, options, {
      shows: listShowsFeed(transport, () => ({ days: SCHEDULE_DAYS, includeExpired: get().includeExpired })),
      commonError: handleCommon,
      refreshFailed: handleCommon,
      reconnected(resume) {
        if (resume === 'ask') set({ notice: { kind: 'reconnected' } });
        // Every read on screen is re-read: the staff sees what is true now.
        if (get().selectedShowId !== null) void get().refreshRoster();
        const ticket = get().ticket;
        if (ticket !== null && get().panel === 'ticket') void kit.loadTicket(ticket.ticketId, ticket.row ?? undefined);
        if (get().view === 'devices') void get().refreshDevices();
        if (get().view === 'reports') void get().loadReport();
      },
      seatsChanged: (update) => rosterSeatsChanged(update.showId),
      connected() {
        if (get().view === 'devices') void get().refreshDevices();
        if (get().view === 'reports') void get().loadReport();
      },
      disconnected: () => stopRosterTimer(),
    });

    /** Errors every request treats alike: pairing again, rate limits, and a calm generic notice. */
    function handleCommon(error: ErrorBody): void {
      switch (error.code) {
        case 'UNAUTHENTICATED':
          // The transport forgets the token (and the pairing slice goes back to pairing); one
          // that does not tell is answered here.
          access.pairing.actions.unpair();
          return;
        case 'FORBIDDEN':
          // Only a browser can hold the wrong kind of token: it pairs again, told which it held.
          if (transport.pairing) {
            void access.pairing.recheck();
            return;
          }
          set({ notice: { kind: 'forbidden' } });
          return;
        case 'RATE_LIMITED':
          set({ notice: { kind: 'rateLimited' } });
          return;
        default:
          set({ notice: { kind: 'error' } });
      }
    }

    const kit: ManagerKit = {
      set,
      get,
      transport,
      now: options.now ?? Date.now,
      connection,
      handleCommon,
      loadTicket: (ticketId, from) => loadTicket(ticketId, from),
      async read(name, input, handle) {
        const result = await connection.request(name, input, { busy: false, onOutage: async () => {}, handle });
        return result.ok ? result.value : null;
      },
      async change(name, input, handle = () => false) {
        set({ notice: null, done: null });
        const result = await connection.request(name, input, {
          busy: true,
          onOutage: 'ask',
          handle: (error) => handle(error) || (set({ dialog: null }), false),
        });
        if (result.ok) return result.value;
        if (result.error.code === 'DB_UNAVAILABLE') set({ dialog: null });
        return null;
      },
      refreshAfterChange() {
        void get().refreshShows();
        if (get().selectedShowId !== null) void get().refreshRoster();
      },
    };
    const loadTicket = createTicketLoader(kit);
    const access = createAccessSlice(kit);
    const { rosterSeatsChanged, stopRosterTimer, ...schedule } = createScheduleSlice(kit, options.rosterDebounceMs ?? 250);

    return {
      ...connection.initial,
      ...connection.actions,
      ...access.state,
      ...schedule,
      ...createTicketSlice(kit),
      ...createDevicesSlice(kit),
      ...createReportsSlice(kit),
      view: 'schedule',
      dialog: null,
      notice: null,
      done: null,

      setView(view) {
        set({ view, notice: null, done: null, dialog: null });
        if (view === 'devices' && get().access === 'ok') void get().refreshDevices();
        if (view === 'reports' && get().access === 'ok') void get().loadReport();
      },

      closeDialog() {
        if (get().dialog?.kind === 'confirmMove') set({ dialog: { kind: 'move' } });
        else set({ dialog: null });
      },

      dismissNotice() {
        set({ notice: null });
      },

      dismissDone() {
        set({ done: null });
      },
    };
  });
}
