// The manager's whole state and every staff action, as plain functions over one zustand
// store (the kiosk's pattern): components read slices and call actions. Reads retry by
// themselves while the box office is unreachable; mutations are never replayed on their own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody, ErrorCode, Result } from '../../../../main/common/errors';
import { ROLES, type OperationInput, type OperationName, type OperationOutput, type Role } from '../../../../main/common/operations';
import type { AuditEvent, SeatUpdate, Show, TicketRow } from '../../../../main/common/schemas';
import type { PairableRole } from '../../../../main/common/roles';
import { DEFAULT_LOCALE, nextLocale, type Locale } from '../../shared/i18n/locales';
import { sameInstant } from '../../shared/lib/show-time';
import { applySeatUpdate } from '../../shared/lib/shows';
import { checkTicketId } from '../../shared/lib/validation';
import { createOutageProbe, DEFAULT_OUTAGE_RETRY_MS, type OutageRetryMs } from '../../shared/store/outage';
import type { Transport } from '../../shared/transport';
import {
  type CreatedToken,
  type DeviceToken,
  type RevokeOutcome,
  type ServerStatus,
} from '../lib/operations';
import { isoFromLocalInputs, todayInput } from '../lib/time';

export type ManagerView = 'schedule' | 'devices';
/** Whether this device may use the manager: a browser proves it with a manager-role token. */
export type Access = 'checking' | 'ok' | 'unpaired';
export type PairProblem = 'empty' | 'invalid' | 'forbidden';

export const SCHEDULE_DAYS = 14;
export const CAPACITY_MAX = 1000;
export const TITLE_MAX = 120;
export const TOKEN_LABEL_MAX = 100;

export type NewShowField = 'date' | 'time' | 'title' | 'capacity';
export type NewShowProblem = 'empty' | 'invalid' | 'tooLong' | 'range' | 'past' | 'belowBooked';
export type NewShowInputs = Record<NewShowField, string>;

/** Something went wrong: one calm sentence at the top of the page. */
export type Notice = {
  kind: 'housefull' | 'showExpired' | 'ticketNotFound' | 'error' | 'rateLimited' | 'reconnected' | 'invalid' | 'forbidden';
};

/** Something went right: announced politely, then fades. */
export type Done =
  | { kind: 'showCreated'; title: string | null; showTime: string }
  | { kind: 'moved'; ticketId: number; showTime: string }
  | { kind: 'cancelled'; ticketId: number }
  | { kind: 'revoked'; label: string; outcome: RevokeOutcome };

export type Dialog =
  | { kind: 'newShow' }
  | { kind: 'move' }
  | { kind: 'confirmMove'; show: Show }
  | { kind: 'cancel' }
  | { kind: 'revoke'; token: DeviceToken }
  | null;

export type TicketState = 'loading' | 'active' | 'expired' | 'cancelled';

export interface TicketDetail {
  ticketId: number;
  /** From viewGuest, or the roster row it was opened from (expired tickets have no other source). */
  row: TicketRow | null;
  state: TicketState;
  /** Null while loading. */
  history: AuditEvent[] | null;
}

export interface DevicesData {
  /** False when this box office does not offer the device operations; null until asked. */
  available: boolean | null;
  status: ServerStatus | null;
  tokens: DeviceToken[] | null;
  /** The token just made: shown once, then forgotten. */
  created: CreatedToken | null;
  /** The pairing code just made, shown large with its QR link until it expires or is closed. */
  pairing: PairingCode | null;
  /** This browser's own token, to warn before it is revoked; null in the desktop app. */
  ownTokenId: number | null;
}

export type PairingCode = OperationOutput<'createPairing'>;

export interface ManagerData {
  locale: Locale;
  timeZone: string | undefined;
  access: Access;
  /** A browser pairs with a token; the Electron window needs none. */
  pairable: boolean;
  pairToken: string;
  pairProblem: PairProblem | null;
  view: ManagerView;

  shows: Show[];
  showsLoaded: boolean;
  includeExpired: boolean;
  /** The selected show's time exactly as listShows returned it. */
  selectedShowTime: string | null;
  roster: TicketRow[] | null;
  /** Which panel the right-hand side shows. */
  panel: 'roster' | 'ticket';
  ticket: TicketDetail | null;
  search: string;
  searchProblem: 'empty' | 'invalid' | null;

  dialog: Dialog;
  newShow: NewShowInputs;
  newShowErrors: Partial<Record<NewShowField, NewShowProblem>>;

  devices: DevicesData;
  tokenRole: Role;
  tokenLabel: string;
  tokenProblem: 'empty' | 'tooLong' | null;

  notice: Notice | null;
  done: Done | null;
  /** A change the staff is waiting for. */
  busy: boolean;
  /** The box office is unreachable; reads retry in the background. */
  outage: boolean;
}

export interface ManagerActions {
  init(): Promise<void>;
  dispose(): void;
  setLocale(locale: Locale): void;
  toggleLocale(): void;
  setView(view: ManagerView): void;
  typePairToken(value: string): void;
  pair(): Promise<void>;
  forgetPairing(): void;

  refreshShows(): Promise<void>;
  setIncludeExpired(include: boolean): void;
  seatsChanged(update: SeatUpdate): void;
  selectShow(showTime: string): Promise<void>;
  refreshRoster(): Promise<void>;
  typeSearch(value: string): void;
  searchTicket(): Promise<void>;
  openTicket(ticketId: number, from?: TicketRow): Promise<void>;
  backToRoster(): void;

  openNewShow(): void;
  typeNewShow(field: NewShowField, value: string): void;
  submitNewShow(): Promise<void>;
  askMove(): void;
  pickMoveTarget(show: Show): void;
  confirmMove(): Promise<void>;
  askCancel(): void;
  confirmCancel(): Promise<void>;
  closeDialog(): void;

  refreshDevices(): Promise<void>;
  /** Makes a one-time pairing code for a device of `role` (any but manager) named `label`. */
  createPairing(role: PairableRole, label: string): Promise<void>;
  dismissPairing(): void;
  setTokenRole(role: Role): void;
  typeTokenLabel(value: string): void;
  createToken(): Promise<void>;
  dismissCreatedToken(): void;
  askRevoke(token: DeviceToken): void;
  confirmRevoke(): Promise<void>;

  dismissNotice(): void;
  dismissDone(): void;
}

export type ManagerState = ManagerData & ManagerActions;
export type ManagerStore = StoreApi<ManagerState>;

export interface ManagerStoreOptions {
  transport: Transport;
  now?: () => number;
  locale?: Locale;
  /** Back-off of the background probe while the box office is unreachable. */
  outageRetryMs?: OutageRetryMs;
  /** How often the schedule is re-read in full, besides live seat updates (expiry, other managers). */
  refreshEveryMs?: number;
  /** Seat updates for the open show re-read its roster after this quiet time. */
  rosterDebounceMs?: number;
}

const emptyNewShow = (nowMs: number): NewShowInputs => ({ date: todayInput(nowMs), time: '', title: '', capacity: '' });

export function validateNewShow(inputs: NewShowInputs): Partial<Record<NewShowField, NewShowProblem>> {
  const errors: Partial<Record<NewShowField, NewShowProblem>> = {};
  if (inputs.date.trim() === '') errors.date = 'empty';
  if (inputs.time.trim() === '') errors.time = 'empty';
  if (!errors.date && !errors.time && isoFromLocalInputs(inputs.date, inputs.time) === null) errors.date = 'invalid';
  if (inputs.title.trim().length > TITLE_MAX) errors.title = 'tooLong';
  const capacity = inputs.capacity.trim();
  if (capacity !== '') {
    const n = Number(capacity);
    if (!/^\d+$/.test(capacity) || !Number.isInteger(n)) errors.capacity = 'invalid';
    else if (n < 1 || n > CAPACITY_MAX) errors.capacity = 'range';
  }
  return errors;
}

/** Shows a ticket may move to: not over, not its own. Sold-out ones stay listed (and disabled). */
export function moveTargets(shows: readonly Show[], currentShowTime: string | null): Show[] {
  return shows.filter((s) => !s.isExpired && (currentShowTime === null || !sameInstant(s.showTime, currentShowTime)));
}

export function createManagerStore(options: ManagerStoreOptions): ManagerStore {
  const { transport } = options;
  const now = options.now ?? Date.now;
  const outageRetry = options.outageRetryMs ?? DEFAULT_OUTAGE_RETRY_MS;
  const refreshEveryMs = options.refreshEveryMs ?? 60_000;
  const rosterDebounceMs = options.rosterDebounceMs ?? 250;

  let unsubscribeSeats: (() => void) | null = null;
  let refreshTimer: ReturnType<typeof setInterval> | null = null;
  let rosterTimer: ReturnType<typeof setTimeout> | null = null;
  /** After an outage: 'ask' when a change may not have gone through (the staff checks and repeats it). */
  let afterOutage: 'reload' | 'ask' | null = null;
  let refreshingShows: Promise<void> | null = null;
  /** Each roster or ticket read gets a number; an answer for an older one is dropped. */
  let rosterSeq = 0;
  let ticketSeq = 0;

  return createStore<ManagerState>()((set, get) => {
    const outageProbe = createOutageProbe(outageRetry, probe);
    const call = <K extends OperationName>(name: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> =>
      transport.call(name, input);

    function connect() {
      disconnect();
      unsubscribeSeats = transport.onSeats((update) => get().seatsChanged(update));
      refreshTimer = setInterval(() => void get().refreshShows(), refreshEveryMs);
      void get().refreshShows();
      if (get().view === 'devices') void get().refreshDevices();
    }

    function disconnect() {
      unsubscribeSeats?.();
      unsubscribeSeats = null;
      if (refreshTimer !== null) clearInterval(refreshTimer);
      if (rosterTimer !== null) clearTimeout(rosterTimer);
      refreshTimer = rosterTimer = null;
      outageProbe.stop();
    }

    function enterOutage(kind: 'reload' | 'ask') {
      if (afterOutage !== 'ask') afterOutage = kind;
      if (get().outage) return;
      set({ outage: true });
      outageProbe.start();
    }

    async function probe() {
      const result = await call('listShows', { days: SCHEDULE_DAYS, includeExpired: get().includeExpired });
      if (!result.ok && result.error.code === 'DB_UNAVAILABLE') return outageProbe.retry();
      set({ outage: false });
      if (!result.ok) return handleCommon(result.error);
      set({ shows: result.value, showsLoaded: true });
      const resume = afterOutage;
      afterOutage = null;
      if (resume === 'ask') set({ notice: { kind: 'reconnected' } });
      // Every read on screen is re-read: the staff sees what is true now.
      if (get().selectedShowTime !== null) void get().refreshRoster();
      const ticket = get().ticket;
      if (ticket !== null && get().panel === 'ticket') void loadTicket(ticket.ticketId, ticket.row ?? undefined);
      if (get().view === 'devices') void get().refreshDevices();
    }

    /** Errors every request treats alike: pairing again, rate limits, and a calm generic notice. */
    function handleCommon(error: ErrorBody): void {
      switch (error.code) {
        case 'UNAUTHENTICATED':
          transport.pairing?.forget();
          toPairing(null);
          return;
        case 'FORBIDDEN':
          // Only a browser can hold the wrong kind of token; it pairs again.
          if (transport.pairing) {
            toPairing('forbidden');
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

    function toPairing(problem: PairProblem | null) {
      disconnect();
      set({ access: 'unpaired', pairProblem: problem, dialog: null, busy: false, outage: false });
    }

    /** A read: outages retry by themselves; `handle` explains the errors it knows (true = handled). */
    async function read<K extends OperationName>(
      name: K,
      input: OperationInput<K>,
      handle: (error: ErrorBody) => boolean = () => false,
    ): Promise<OperationOutput<K> | null> {
      const result = await call(name, input);
      if (result.ok) return result.value;
      if (result.error.code === 'DB_UNAVAILABLE') enterOutage('reload');
      else if (!handle(result.error)) handleCommon(result.error);
      return null;
    }

    /** A change the staff waits for: busy flag; after an outage the staff checks and repeats it. */
    async function change<K extends OperationName>(
      name: K,
      input: OperationInput<K>,
      handle: (error: ErrorBody) => boolean = () => false,
    ): Promise<OperationOutput<K> | null> {
      set({ busy: true, notice: null, done: null });
      let result: Result<OperationOutput<K>>;
      try {
        result = await call(name, input);
      } finally {
        set({ busy: false });
      }
      if (result.ok) return result.value;
      if (result.error.code === 'DB_UNAVAILABLE') {
        set({ dialog: null });
        enterOutage('ask');
      } else if (!handle(result.error)) {
        set({ dialog: null });
        handleCommon(result.error);
      }
      return null;
    }

    const noticeFor = (code: ErrorCode): Notice | null => {
      switch (code) {
        case 'HOUSEFULL':
          return { kind: 'housefull' };
        case 'SHOW_EXPIRED':
          return { kind: 'showExpired' };
        case 'TICKET_NOT_FOUND':
          return { kind: 'ticketNotFound' };
        case 'INVALID_INPUT':
          return { kind: 'invalid' };
        default:
          return null;
      }
    };

    async function loadTicket(ticketId: number, from?: TicketRow): Promise<void> {
      const seq = ++ticketSeq;
      const current = get().ticket;
      const keep = current?.ticketId === ticketId ? current : null;
      set({
        panel: 'ticket',
        ticket: { ticketId, row: from ?? keep?.row ?? null, state: keep?.state ?? 'loading', history: keep?.history ?? null },
      });
      const [guest, history] = await Promise.all([call('viewGuest', { ticketId }), call('ticketHistory', { ticketId })]);
      if (seq !== ticketSeq) return;
      const outage = [guest, history].some((r) => !r.ok && r.error.code === 'DB_UNAVAILABLE');
      if (outage) return enterOutage('reload');
      const events = history.ok ? history.value : null;
      if (guest.ok) {
        set({ ticket: { ticketId, row: guest.value, state: 'active', history: events ?? [] } });
        return;
      }
      const code = guest.error.code;
      if (code === 'SHOW_EXPIRED' || (code === 'TICKET_NOT_FOUND' && events !== null)) {
        const last = events?.at(-1);
        const state: TicketState = code === 'SHOW_EXPIRED' || last?.kind === 'expired' ? 'expired' : 'cancelled';
        const row = get().ticket?.row ?? null;
        set({ ticket: { ticketId, row, state, history: events ?? [] } });
        return;
      }
      if (code === 'TICKET_NOT_FOUND') {
        set({ ticket: null, panel: 'roster', notice: { kind: 'ticketNotFound' } });
        return;
      }
      set({ ticket: null, panel: 'roster' });
      handleCommon(guest.error);
    }

    /**
     * Asks a manager-only operation: the server checks the role before anything else, so a
     * kiosk or viewer token answers FORBIDDEN. Any other answer means the token is a manager's
     * (an unreachable database included: the door check heals with the outage).
     */
    async function checkAccess(): Promise<'ok' | 'unpaired' | 'forbidden'> {
      const result = await call('serverStatus', {});
      if (result.ok) {
        set({ devices: { ...get().devices, available: true, status: result.value } });
        return 'ok';
      }
      if (result.error.code === 'UNAUTHENTICATED') return 'unpaired';
      if (result.error.code === 'FORBIDDEN') return 'forbidden';
      return 'ok';
    }

    function refreshAfterChange() {
      void get().refreshShows();
      if (get().selectedShowTime !== null) void get().refreshRoster();
    }

    return {
      locale: options.locale ?? DEFAULT_LOCALE,
      timeZone: undefined,
      access: 'checking',
      pairable: transport.pairing !== null,
      pairToken: '',
      pairProblem: null,
      view: 'schedule',
      shows: [],
      showsLoaded: false,
      includeExpired: false,
      selectedShowTime: null,
      roster: null,
      panel: 'roster',
      ticket: null,
      search: '',
      searchProblem: null,
      dialog: null,
      newShow: emptyNewShow(now()),
      newShowErrors: {},
      devices: { available: null, status: null, tokens: null, created: null, pairing: null, ownTokenId: null },
      tokenRole: 'kiosk',
      tokenLabel: '',
      tokenProblem: null,
      notice: null,
      done: null,
      busy: false,
      outage: false,

      async init() {
        set({ timeZone: await transport.theatreTimeZone() });
        const pairing = transport.pairing;
        if (pairing && !pairing.isPaired()) return toPairing(null);
        if (pairing) {
          const answer = await checkAccess();
          if (answer !== 'ok') return toPairing(answer === 'forbidden' ? 'forbidden' : null);
        }
        set({ access: 'ok' });
        connect();
      },

      dispose() {
        disconnect();
      },

      setLocale(locale) {
        set({ locale });
      },

      toggleLocale() {
        set({ locale: nextLocale(get().locale) });
      },

      setView(view) {
        set({ view, notice: null, done: null, dialog: null });
        if (view === 'devices' && get().access === 'ok') void get().refreshDevices();
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
        connect();
      },

      forgetPairing() {
        transport.pairing?.forget();
        set({ shows: [], showsLoaded: false, selectedShowTime: null, roster: null, ticket: null, panel: 'roster' });
        set({ devices: { available: null, status: null, tokens: null, created: null, pairing: null, ownTokenId: null } });
        toPairing(null);
      },

      refreshShows() {
        // Seat updates, timers and actions may ask at once; one request answers all of them.
        refreshingShows ??= (async () => {
          try {
            const includeExpired = get().includeExpired;
            const shows = await read('listShows', { days: SCHEDULE_DAYS, includeExpired });
            if (shows !== null && includeExpired === get().includeExpired) set({ shows, showsLoaded: true });
          } finally {
            refreshingShows = null;
          }
        })();
        return refreshingShows;
      },

      setIncludeExpired(include) {
        set({ includeExpired: include });
        void (async () => {
          await refreshingShows;
          await get().refreshShows();
        })();
      },

      seatsChanged(update) {
        const shows = applySeatUpdate(get().shows, update);
        if (shows === null) void get().refreshShows();
        else set({ shows });
        const selected = get().selectedShowTime;
        if (selected !== null && sameInstant(selected, update.showTime)) {
          if (rosterTimer !== null) clearTimeout(rosterTimer);
          rosterTimer = setTimeout(() => {
            rosterTimer = null;
            void get().refreshRoster();
          }, rosterDebounceMs);
        }
      },

      async selectShow(showTime) {
        const changed = get().selectedShowTime !== showTime;
        set({ selectedShowTime: showTime, panel: 'roster', roster: changed ? null : get().roster, notice: null });
        await get().refreshRoster();
      },

      async refreshRoster() {
        const showTime = get().selectedShowTime;
        if (showTime === null) return;
        const seq = ++rosterSeq;
        const roster = await read('listByShowTime', { showTime });
        if (roster !== null && seq === rosterSeq && showTime === get().selectedShowTime) set({ roster });
      },

      typeSearch(value) {
        set({ search: value, searchProblem: get().searchProblem === null ? null : checkTicketId(value) === null ? null : get().searchProblem });
      },

      async searchTicket() {
        const problem = checkTicketId(get().search);
        if (problem !== null) return set({ searchProblem: problem === 'empty' ? 'empty' : 'invalid' });
        set({ searchProblem: null, notice: null, view: 'schedule' });
        await get().openTicket(Number(get().search.trim()));
      },

      async openTicket(ticketId, from) {
        set({ notice: null, done: null });
        await loadTicket(ticketId, from);
      },

      backToRoster() {
        set({ panel: 'roster', notice: null });
        if (get().selectedShowTime === null) {
          const showTime = get().ticket?.row?.showTime;
          const show = showTime ? get().shows.find((s) => sameInstant(s.showTime, showTime)) : undefined;
          if (show) void get().selectShow(show.showTime);
        }
      },

      openNewShow() {
        set({ dialog: { kind: 'newShow' }, newShow: emptyNewShow(now()), newShowErrors: {}, notice: null, done: null });
      },

      typeNewShow(field, value) {
        const newShow = { ...get().newShow, [field]: value };
        set({ newShow });
        // An error already shown updates as the staff fixes it; a new one waits for "Create".
        if (get().newShowErrors[field] !== undefined) {
          const errors = { ...get().newShowErrors };
          const check = validateNewShow(newShow)[field];
          if (check === undefined) delete errors[field];
          else errors[field] = check;
          set({ newShowErrors: errors });
        }
      },

      async submitNewShow() {
        if (get().busy) return;
        const inputs = get().newShow;
        const errors = validateNewShow(inputs);
        set({ newShowErrors: errors });
        if (Object.keys(errors).length > 0) return;
        const showTime = isoFromLocalInputs(inputs.date, inputs.time)!;
        const title = inputs.title.trim();
        const capacity = inputs.capacity.trim();
        const created = await change(
          'createShow',
          { showTime, ...(title ? { title } : {}), ...(capacity ? { capacity: Number(capacity) } : {}) },
          (error) => {
            if (error.code === 'SHOW_EXPIRED') set({ newShowErrors: { date: 'past' } });
            else if (error.code === 'INVALID_INPUT' && error.field === 'capacity') {
              set({ newShowErrors: { capacity: /booked/.test(error.message) ? 'belowBooked' : 'range' } });
            } else if (error.code === 'INVALID_INPUT' && error.field === 'title') set({ newShowErrors: { title: 'tooLong' } });
            else if (error.code === 'INVALID_INPUT' && error.field === 'showTime') set({ newShowErrors: { date: 'invalid' } });
            else return false;
            return true;
          },
        );
        if (created === null) return;
        set({ dialog: null, done: { kind: 'showCreated', title: created.title, showTime: created.showTime } });
        await get().refreshShows();
        const listed = get().shows.find((s) => s.showId === created.showId);
        void get().selectShow(listed?.showTime ?? created.showTime);
      },

      askMove() {
        if (get().ticket?.state === 'active') set({ dialog: { kind: 'move' }, notice: null, done: null });
      },

      pickMoveTarget(show) {
        if (show.seatsLeft > 0 && !show.isExpired) set({ dialog: { kind: 'confirmMove', show } });
      },

      async confirmMove() {
        const { dialog, ticket, busy } = get();
        if (busy || dialog?.kind !== 'confirmMove' || ticket === null) return;
        const target = dialog.show;
        const moved = await change('changeShowTime', { ticketId: ticket.ticketId, showTime: target.showTime }, (error) => {
          const notice = noticeFor(error.code);
          if (notice === null) return false;
          // Sold out or over since the list was read: pick again from fresh numbers.
          set({ notice, dialog: error.code === 'TICKET_NOT_FOUND' ? null : { kind: 'move' } });
          if (error.code === 'TICKET_NOT_FOUND') void loadTicket(ticket.ticketId);
          void get().refreshShows();
          return true;
        });
        if (moved === null) return;
        set({ dialog: null, done: { kind: 'moved', ticketId: moved.ticketId, showTime: moved.showTime } });
        refreshAfterChange();
        await loadTicket(ticket.ticketId);
      },

      askCancel() {
        if (get().ticket?.state === 'active') set({ dialog: { kind: 'cancel' }, notice: null, done: null });
      },

      async confirmCancel() {
        const { dialog, ticket, busy } = get();
        if (busy || dialog?.kind !== 'cancel' || ticket === null) return;
        const deleted = await change('delete', { ticketId: ticket.ticketId }, (error) => {
          if (error.code !== 'TICKET_NOT_FOUND') return false;
          set({ dialog: null, notice: { kind: 'ticketNotFound' } });
          void loadTicket(ticket.ticketId);
          return true;
        });
        if (deleted === null) return;
        set({ dialog: null, done: { kind: 'cancelled', ticketId: deleted.ticketId } });
        refreshAfterChange();
        await loadTicket(ticket.ticketId);
      },

      closeDialog() {
        if (get().dialog?.kind === 'confirmMove') set({ dialog: { kind: 'move' } });
        else set({ dialog: null });
      },

      async refreshDevices() {
        // An older box office answers these routes with NOT_FOUND: the screen then says how
        // to manage devices on the server instead.
        const unavailable = (error: ErrorBody) => {
          if (error.code !== 'NOT_FOUND') return false;
          set({ devices: { ...get().devices, available: false } });
          return true;
        };
        const [status, tokens, self] = await Promise.all([
          read('serverStatus', {}, unavailable),
          read('listTokens', {}, unavailable),
          // An older box office does not know /device/self: no warning then, nothing else lost.
          read('deviceSelf', {}, (error) => error.code === 'NOT_FOUND'),
        ]);
        const devices = get().devices;
        set({
          devices: {
            ...devices,
            available: devices.available === false ? false : true,
            status: status ?? devices.status,
            tokens: tokens ?? devices.tokens,
            ownTokenId: self?.tokenId ?? devices.ownTokenId,
          },
        });
      },

      async createPairing(role, label) {
        if (get().busy) return;
        const problem = labelProblem(label);
        set({ tokenProblem: problem });
        if (problem !== null) return;
        const pairing = await change('createPairing', { role, label: label.trim().replace(/\s+/gu, ' ') });
        if (pairing === null) return;
        set({ devices: { ...get().devices, pairing }, tokenLabel: '' });
        await get().refreshDevices();
      },

      dismissPairing() {
        set({ devices: { ...get().devices, pairing: null } });
        void get().refreshDevices();
      },

      setTokenRole(role) {
        if ((ROLES as readonly string[]).includes(role)) set({ tokenRole: role });
      },

      typeTokenLabel(value) {
        set({ tokenLabel: value, tokenProblem: get().tokenProblem === null ? null : labelProblem(value) });
      },

      async createToken() {
        if (get().busy) return;
        const problem = labelProblem(get().tokenLabel);
        set({ tokenProblem: problem });
        if (problem !== null) return;
        const label = get().tokenLabel.trim().replace(/\s+/gu, ' ');
        const created = await change('createToken', { role: get().tokenRole, label }, (error) => {
          if (error.code !== 'INVALID_INPUT') return false;
          set({ tokenProblem: 'empty' });
          return true;
        });
        if (created === null) return;
        set({ devices: { ...get().devices, created }, tokenLabel: '' });
        await get().refreshDevices();
      },

      dismissCreatedToken() {
        set({ devices: { ...get().devices, created: null } });
      },

      askRevoke(token) {
        if (token.revokedAt === null) set({ dialog: { kind: 'revoke', token }, notice: null, done: null });
      },

      async confirmRevoke() {
        const { dialog, busy } = get();
        if (busy || dialog?.kind !== 'revoke') return;
        const revoked = await change('revokeToken', { tokenId: dialog.token.tokenId });
        if (revoked === null) return;
        set({ dialog: null, done: { kind: 'revoked', label: dialog.token.label, outcome: revoked.outcome } });
        await get().refreshDevices();
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

function labelProblem(value: string): 'empty' | 'tooLong' | null {
  const label = value.trim();
  if (label === '') return 'empty';
  return [...label].length > TOKEN_LABEL_MAX ? 'tooLong' : null;
}
