// The manager's store: the shared connection slice plus one slice per concern — pairing,
// schedule (with the new-show form), ticket, devices, reports — and the page-wide view, dialog and
// messages. Components read state and call actions. Reads retry by themselves while the box
// office is unreachable; changes are never replayed on their own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody } from '../../../../main/common/errors';
import type { Film, Screen, Show, TicketType } from '../../../../main/common/schemas';
import type { Locale } from '../../shared/i18n/locales';
import { createConnection, listShowsFeed, type ConnectionActions, type ConnectionData, type ConnectionOptions } from '../../shared/store/connection';
import type { DeviceToken, RevokeOutcome } from '../lib/operations';
import { createDoorConflictsSlice, type DoorConflictsActions, type DoorConflictsData } from './door-conflicts';
import { createDevicesSlice, type DevicesActions, type DevicesSliceData } from './devices';
import type { ManagerKit } from './kit';
import { createAccessSlice, type AccessActions, type AccessData } from './access';
import { createCatalogSlice, type CatalogActions, type CatalogData, type ScreenRefusal } from './catalog';
import { createProgramSlice, type CallList, type ProgramActions, type ProgramData, type ProgramPreview, type RescheduleProblem } from './program';
import type { WeekCopy } from '../lib/copy-week';
import { viewsFor, type ManagerView } from '../lib/views';
import { createPricesSlice, type PricesActions, type PricesData } from './prices';
import { createReportsSlice, type ReportsActions, type ReportsData } from './reports';
import { createSellSlice, type SellActions, type SellData } from './sell';
import { createCashUpSlice, type CashUpActions, type CashUpData } from './cashup';
import { createFindSlice, type FindActions, type FindData } from './find';
import { createScheduleSlice, SCHEDULE_DAYS, type ScheduleActions, type ScheduleData } from './schedule';
import { createTicketLoader, createTicketSlice, type TicketActions, type TicketData } from './ticket';
import { createTicketTypesSlice, type TicketTypeRefusal, type TicketTypesActions, type TicketTypesData } from './ticket-types';

export type { DevicesData, PairingCode } from './devices';
export type { Access } from './access';
export { saleTotal, tenderedOf, type PayMethod, type Sale, type SellProblem, type SellStep } from './sell';
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
export { filmDraftOf, screenDraftOf, validateFilm, validateScreen, type FieldProblem, type FilmDraft, type FilmField, type ScreenDraft, type ScreenField } from './catalog';
export { validateTicketType, type TicketTypeDraft, type TicketTypeField, type TicketTypeRefusal } from './ticket-types';
export { clashesOf, validateProgram, type CallList, type ProgramDraft, type ProgramField, type ProgramPreview, type RescheduleDraft, type RescheduleProblem } from './program';

export type { ManagerView } from '../lib/views';

/** Something went wrong: one calm sentence at the top of the page. */
export type Notice = {
  kind:
    | 'housefull' | 'showExpired' | 'ticketNotFound' | 'error' | 'rateLimited' | 'reconnected' | 'invalid' | 'forbidden' | 'showHasTickets' | 'showGone'
    | 'checkedIn' | 'showCancelled' | 'ticketTypeRefused';
};

/** Something went right: announced politely, then fades. */
export type Done =
  | { kind: 'showCreated'; title: string | null; showTime: string }
  | { kind: 'showUpdated'; title: string | null; showTime: string }
  | { kind: 'showDeleted'; title: string | null; showTime: string }
  | { kind: 'moved'; ticketId: number; showTime: string }
  | { kind: 'cancelled'; ticketId: number }
  | { kind: 'revoked'; label: string; outcome: RevokeOutcome }
  | { kind: 'screenSaved'; name: string }
  | { kind: 'screenDeleted'; name: string }
  | { kind: 'filmSaved'; title: string }
  | { kind: 'programmed'; count: number }
  | { kind: 'rescheduled'; title: string | null; showTime: string; movedTickets: number }
  | { kind: 'ticketTypeSaved' | 'ticketTypeDeleted' | 'ticketTypeMoved' | 'ticketTypeActivated' | 'ticketTypeDeactivated' | 'ticketTypeDefault'; name: string };

export type Dialog =
  | { kind: 'newShow' }
  | { kind: 'editShow'; show: Show }
  | { kind: 'deleteShow'; show: Show }
  | { kind: 'move' }
  | { kind: 'confirmMove'; show: Show }
  | { kind: 'cancel' }
  | { kind: 'revoke'; token: DeviceToken }
  | { kind: 'screen'; screen: Screen | null }
  | { kind: 'deleteScreen'; screen: Screen; refusal: ScreenRefusal | null }
  | { kind: 'film'; film: Film | null }
  | { kind: 'program' }
  /** `made`: shows already made when a later request of the copy was refused. */
  | { kind: 'copyWeek'; monday: string; copy: WeekCopy | null; preview: ProgramPreview | null; made?: number }
  | { kind: 'reschedule'; show: Show; problem: RescheduleProblem | null }
  | { kind: 'cancelShow'; show: Show; result: CallList | null; problem: 'empty' | 'invalid' | 'already' | null }
  | { kind: 'ticketType'; type: TicketType | null }
  | { kind: 'deleteTicketType'; type: TicketType; refusal: TicketTypeRefusal | null }
  | { kind: 'doorConflicts' }
  | { kind: 'pay' }
  | { kind: 'refund' }
  | { kind: 'countDrawer' }
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

export type ManagerData = ConnectionData & AccessData & ScheduleData & TicketData & DevicesSliceData & ReportsData & CatalogData & ProgramData & TicketTypesData & PricesData & DoorConflictsData & SellData & FindData & CashUpData & PageData;
export type ManagerActions = ConnectionActions & AccessActions & ScheduleActions & TicketActions & DevicesActions & ReportsActions & CatalogActions & ProgramActions & TicketTypesActions & PricesActions & DoorConflictsActions & SellActions & FindActions & CashUpActions & PageActions;
export type ManagerState = ManagerData & ManagerActions;
export type ManagerStore = StoreApi<ManagerState>;

export interface ManagerStoreOptions extends ConnectionOptions {
  now?: () => number;
  locale?: Locale;
  /** Seat updates for the open show re-read its roster (and today's door conflicts) after this quiet time. */
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
        refreshView();
      },
      seatsChanged: (update) => {
        rosterSeatsChanged(update.showId);
        conflictsPoked();
      },
      // Doors sync their offline journals whenever they reconnect, with no seat update to tell.
      ticked: () => {
        if (todayShown()) void get().loadDoorConflicts();
      },
      connected: () => {
        // Unreachable at start-up: who this device is is asked now.
        if (get().deviceRole === null) void access.learnRole().then(refreshView);
        refreshView();
        // Rosters and tickets show money: the currency is read once a connection is made.
        if (get().currency === null && get().view !== 'ticketTypes') void get().loadTicketTypes();
      },
      disconnected: () => {
        stopRosterTimer();
        stopConflictsTimer();
      },
    });

    /**
     * Each view reads what it shows besides the show list, on opening and after an outage; a
     * view the device's role does not see reads nothing (a counter is never sent for devices).
     */
    function refreshView(): void {
      const view = get().view;
      if (!viewsFor(get().deviceRole).includes(view)) return;
      if (view === 'devices') void get().refreshDevices();
      if (view === 'reports') void get().loadReport();
      if (view === 'week' || view === 'catalog') void get().loadCatalog();
      if (view === 'ticketTypes') void get().loadTicketTypes();
      if (view === 'cashup') void get().loadCashUp();
      if (todayShown()) void get().loadDoorConflicts();
    }

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
      async change(name, input, handle = () => false, call) {
        set({ notice: null, done: null });
        const result = await connection.request(name, input, {
          busy: true,
          onOutage: 'ask',
          handle: (error) => handle(error) || (set({ dialog: null }), false),
          ...(call ? { call } : {}),
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
    const { todayShown, conflictsPoked, stopConflictsTimer, ...doorConflicts } = createDoorConflictsSlice(kit, options.rosterDebounceMs ?? 250);
    const program = createProgramSlice(kit);

    return {
      ...connection.initial,
      ...connection.actions,
      ...access.state,
      ...schedule,
      ...createTicketSlice(kit),
      ...createDevicesSlice(kit),
      ...createReportsSlice(kit),
      ...createCatalogSlice(kit),
      ...program,
      ...createTicketTypesSlice(kit),
      ...createPricesSlice(kit),
      ...doorConflicts,
      ...createSellSlice(kit),
      ...createFindSlice(kit),
      ...createCashUpSlice(kit),
      view: 'schedule',
      dialog: null,
      notice: null,
      done: null,

      setView(view) {
        if (!viewsFor(get().deviceRole).includes(view)) return;
        set({ view, notice: null, done: null, dialog: null });
        if (get().access === 'ok') refreshView();
      },

      setTimelineDay(day) {
        const before = todayShown();
        program.setTimelineDay(day);
        // Back to today on the week: its conflict count is read afresh.
        if (!before && todayShown() && get().access === 'ok') void get().loadDoorConflicts();
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
