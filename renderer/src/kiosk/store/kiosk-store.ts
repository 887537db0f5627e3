// The kiosk's whole state and every guest action, as plain functions over one zustand store:
// the shared connection and pairing slices, and the guest flow here.
// Both transports drive the same store; components only read state and call actions.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorBody } from '../../../../main/common/errors';
import type { OperationInput, OperationName, OperationOutput } from '../../../../main/common/operations';
import type { Film, PartyItem, Show } from '../../../../main/common/schemas';
import { DEFAULT_LOCALE } from '../../shared/i18n/locales';
import { suggestAlternative, upcomingShows } from '../../shared/lib/shows';
import { checkPhoneNo, checkTicketCode, checkUserName, fieldOf, type FieldProblem } from '../../shared/lib/validation';
import type { KioskHeadStart } from '../lib/head-start';
import type { InputErrors, InputField, Inputs } from '../lib/inputs';
import { addLimit, afterRelease, initialCounts, itemsTotal, partyItems, partySize, type Counts, type ShowTypes } from '../lib/party';
import {
  createConnection,
  listShowsFeed,
  type ConnectionActions,
  type ConnectionData,
  type ConnectionOptions,
  type Resume,
} from '../../shared/store/connection';
import { createPairingSlice, type PairingActions, type PairingData } from '../../shared/store/pairing-slice';

export type Screen =
  | 'pair'
  | 'start'
  | 'party'
  | 'name'
  | 'phone'
  | 'review'
  | 'ticket'
  | 'lookup'
  | 'myTicket'
  | 'move'
  | 'giveBack'
  | 'cancelled';

export type { InputField, InputErrors, Inputs };

export type Notice =
  | { kind: 'housefull' | 'expired'; suggestion: Show | null }
  /**
   * The code typed was a ticket's, cancelled at `cancelledAt` (null: the server did not say when);
   * `screening` when the theatre cancelled its screening, with the reason it gave.
   */
  | { kind: 'ticketCancelled'; cancelledAt: string | null; screening: { reason: string | null } | null }
  /** The party is larger than the seats the show has left (a few are still there). */
  | { kind: 'fewSeats'; seatsLeft: number }
  /** One ticket type's seats for this show ran out (or down to `left`) while the guest chose. */
  | { kind: 'quotaFull'; name: string; left: number; atCounter?: boolean }
  /** A ticket type stopped being sold while the guest chose; `name` when the server said which. */
  | { kind: 'typeGone'; name: string | null }
  /** Some seats of a party were given back at "My ticket". */
  | { kind: 'gaveBack'; released: number }
  | { kind: 'emptyParty' | 'notFound' | 'ticketExpired' | 'error' | 'rateLimited' | 'reconnected' | 'printFailed' };

export type Confirmation = { kind: 'cancel' } | { kind: 'giveBack' } | { kind: 'move'; show: Show } | null;

/** The ticket on the ticket screen: just booked, or just moved. */
export interface IssuedTicket {
  ticketId: number;
  /** The secret the QR carries and the guest types to find the ticket again (K7QM-4XWP-9TX8). */
  ticketCode: string;
  showTime: string;
  userName: string;
  title: string | null;
  /** Where the guest goes: several screens may start at once. */
  screenName: string | null;
  moved: boolean;
  /** The party this one code admits, and what it costs (to pay at the counter: no payments yet). */
  items: PartyItem[];
  total: number;
  /** The money's currency; null when the kiosk could not learn it (the total is then not shown). */
  currency: string | null;
}

/** A ticket the guest looked up by its code. */
export type GuestTicket = OperationOutput<'lookupTicket'>;

export interface KioskData extends ConnectionData, PairingData {
  screen: Screen;
  /** A snapshot of the picked show; live seat numbers come from `shows`. */
  selectedShow: Show | null;
  /** The ticket types the picked show sells, with its prices and quotas (null: not read yet). */
  showTypes: ShowTypes | null;
  /** The party being booked: seats by ticket type. */
  counts: Counts;
  /** Seats of the looked-up ticket's party the guest chose to give back. */
  giveBack: Counts;
  /** The theatre's currency, once an answer named it. */
  currency: string | null;
  inputs: Inputs;
  errors: InputErrors;
  ticket: IssuedTicket | null;
  guestTicket: GuestTicket | null;
  /** The films of the programme, for their posters (decoration: none while they cannot be read). */
  films: Film[];
  notice: Notice | null;
  confirmation: Confirmation;
  /** This guest asked for more time: a longer idle limit until the session resets. */
  moreTime: boolean;
  /** This guest's "Aa" (larger text) and high-contrast choices, forgotten with the session. */
  largeText: boolean;
  highContrast: boolean;
}

/**
 * What to tell a guest whose ticket code names no ticket now: cancelled (and when), over, or
 * not found — the last one only when the code may really be mistyped.
 */
export function goneTicketNotice(error: ErrorBody): Notice | null {
  switch (error.code) {
    case 'TICKET_CANCELLED':
      return {
        kind: 'ticketCancelled',
        cancelledAt: error.details?.cancelledAt ?? null,
        screening: error.details?.screeningCancelledAt === undefined ? null : { reason: error.details.reason ?? null },
      };
    case 'TICKET_NOT_FOUND':
      return { kind: 'notFound' };
    default:
      return null;
  }
}

export interface KioskActions extends ConnectionActions, PairingActions {
  /** Connects: pairing check, theatre zone, show list, seat stream, periodic refresh. */
  init(): Promise<void>;
  dispose(): void;
  type(field: InputField, value: string): void;
  goTo(screen: Screen): void;
  /** Forgets the guest: after Done and after the idle timeout. */
  startOver(): void;
  /** "I need more time" on the idle warning: doubles this guest's idle limit. */
  askMoreTime(): void;
  toggleLargeText(): void;
  toggleHighContrast(): void;
  dismissNotice(): void;
  /** Opens the quantity step for the show; resolves when its ticket types are read. */
  pickShow(showId: number): Promise<void>;
  /** One seat more (+1) or less (-1) of a ticket type in the party. */
  stepParty(ticketTypeId: number, delta: 1 | -1): void;
  submitParty(): void;
  submitName(): void;
  submitPhone(): void;
  confirmBooking(): Promise<void>;
  takeSuggestion(): Promise<void>;
  printTicket(): Promise<void>;
  openLookup(): void;
  lookupTicket(): Promise<void>;
  askMove(show: Show): void;
  askCancel(): void;
  closeConfirmation(): void;
  confirmMove(): Promise<void>;
  confirmCancel(): Promise<void>;
  /** "Give back some seats": the looked-up party's steppers. */
  openGiveBack(): void;
  stepGiveBack(ticketTypeId: number, delta: 1 | -1): void;
  askGiveBack(): void;
  confirmGiveBack(): Promise<void>;
}

export type KioskState = KioskData & KioskActions;
export type KioskStore = StoreApi<KioskState>;

export interface KioskStoreOptions extends Omit<ConnectionOptions, 'firstShows'> {
  now?: () => number;
  /** The first screen's requests, sent while the page loaded (main.tsx): each is used once. */
  headStart?: KioskHeadStart;
}

const emptyInputs: Inputs = { userName: '', phoneNo: '', lookupCode: '' };

const VALIDATORS: Record<InputField, (value: string) => FieldProblem | null> = {
  userName: checkUserName,
  phoneNo: checkPhoneNo,
  lookupCode: checkTicketCode,
};

/** Where a guest fixes each field when the server rejects it. */
const SCREEN_OF_INPUT: Record<InputField, Screen> = {
  userName: 'name',
  phoneNo: 'phone',
  lookupCode: 'lookup',
};

function guestReset(): Pick<
  KioskData,
  'inputs' | 'errors' | 'selectedShow' | 'showTypes' | 'counts' | 'giveBack' | 'ticket' | 'guestTicket' | 'notice' | 'confirmation' | 'moreTime'
> {
  return {
    inputs: { ...emptyInputs },
    errors: {},
    selectedShow: null,
    showTypes: null,
    counts: {},
    giveBack: {},
    ticket: null,
    guestTicket: null,
    notice: null,
    confirmation: null,
    moreTime: false,
  };
}

/**
 * The start screen's data the head start already holds when the store is made: the kiosk's
 * first render then lists the films. Only for a token the box office knows as a kiosk's (or a
 * window without pairing); anything else waits for init(), which asks pairing first.
 */
function answersIn(headStart: KioskHeadStart | undefined): Partial<KioskData> {
  if (headStart?.answers === undefined) return {};
  const { shows, self, films } = headStart.answers;
  if (!shows?.ok) return {};
  if (headStart.self !== null && !(self?.ok && self.value.role === 'kiosk')) return {};
  return { shows: shows.value, showsLoaded: true, ...(films?.ok ? { films: films.value.films } : {}) };
}

/** How the screen looks for a new guest: "My ticket" keeps this guest's choice, the session's end forgets it. */
const DISPLAY_DEFAULTS: Pick<KioskData, 'largeText' | 'highContrast'> = { largeText: false, highContrast: false };

export function createKioskStore(options: KioskStoreOptions): KioskStore {
  const { transport, headStart } = options;
  const now = options.now ?? Date.now;
  let firstFilms = headStart?.films;

  return createStore<KioskState>()((set, get) => {
    const showsFeed = listShowsFeed(transport, () => ({}));
    const connection = createConnection(set, get, { ...options, firstShows: headStart?.shows }, {
      // Posters change rarely; reading the films with every full show list keeps them current.
      shows: {
        ...showsFeed,
        read: async () => {
          const result = await showsFeed.read();
          if (result.ok) void loadFilms();
          return result;
        },
      },
      connected: () => void loadFilms(),
      commonError: handleCommonError,
      refreshFailed: (error) => {
        if (error.code === 'UNAUTHENTICATED') handleCommonError(error);
      },
      reconnected: async (resume) => {
        if (resume === 'ask') set({ notice: { kind: 'reconnected' } });
        else if (resume !== null) await resume();
      },
    });
    const { connect, disconnect } = connection;
    /**
     * The Idempotency-Key of the booking the guest is confirming. Kept while its answer may
     * have been lost (an outage), so tapping Confirm again for the same booking returns the
     * same ticket; a new booking, or any definite answer, starts a new key.
     */
    let pendingBooking: { booking: string; key: string } | null = null;
    let loadingFilms: Promise<void> | null = null;

    function loadFilms(): Promise<void> {
      loadingFilms ??= (async () => {
        try {
          const asked = firstFilms;
          firstFilms = undefined;
          const result = await (asked ?? transport.call('listFilms', {}));
          if (result.ok) set({ films: result.value.films });
        } finally {
          loadingFilms = null;
        }
      })();
      return loadingFilms;
    }

    /** Errors every action treats alike. */
    function handleCommonError(error: ErrorBody): void {
      switch (error.code) {
        case 'UNAUTHENTICATED':
          transport.pairing?.forget();
          disconnect();
          set({ ...guestReset(), screen: transport.pairing ? 'pair' : 'start', notice: transport.pairing ? null : { kind: 'error' } });
          return;
        case 'RATE_LIMITED':
          set({ notice: { kind: 'rateLimited' } });
          return;
        case 'INVALID_INPUT': {
          const field = fieldOf(error.field);
          const target: InputField | null = field === 'ticketId' || field === 'ticketCode' ? 'lookupCode' : field;
          if (target === null) break;
          set({ errors: { ...get().errors, [target]: 'invalid' }, screen: SCREEN_OF_INPUT[target], confirmation: null });
          return;
        }
        default:
          break;
      }
      set({ notice: { kind: 'error' } });
    }

    /** Runs an operation the guest waits for: busy flag, outage handling, common errors. */
    async function request<K extends OperationName>(
      name: K,
      input: OperationInput<K>,
      onOutage: Resume,
      handle: (error: ErrorBody) => boolean = () => false,
    ): Promise<OperationOutput<K> | null> {
      const result = await connection.request(name, input, { busy: true, onOutage, handle });
      if (!result.ok) return null;
      if (get().notice?.kind === 'reconnected') set({ notice: null });
      return result.value;
    }

    /** Validates the given fields; records and returns whether all passed. */
    function validate(...fields: InputField[]): boolean {
      const errors: InputErrors = { ...get().errors };
      let ok = true;
      for (const field of fields) {
        const problem = VALIDATORS[field](get().inputs[field]);
        if (problem === null) delete errors[field];
        else {
          errors[field] = problem;
          ok = false;
        }
      }
      set({ errors });
      return ok;
    }

    function liveShow(show: Show): Show {
      return get().shows.find((s) => s.showId === show.showId) ?? show;
    }

    async function suggestInstead(kind: 'housefull' | 'expired', failed: Show, seats = 1) {
      await get().refreshShows();
      // A family of four is not helped by a show with two seats left.
      const roomy = get().shows.filter((s) => s.seatsLeft >= seats || s.showId === failed.showId);
      set({ notice: { kind, suggestion: suggestAlternative(roomy, liveShow(failed), now()) } });
    }

    /**
     * Reads the ticket types `show` sells, at its prices, and fits the party to them: what the
     * guest chose stays where the show still sells it. Resolves true once they are read.
     */
    async function loadShowTypes(show: Show): Promise<boolean> {
      const reload = async () => void (await loadShowTypes(show));
      const answer = await request('showTicketTypes', { showId: show.showId }, reload, (error) => {
        if (error.code !== 'SHOW_NOT_FOUND') return false;
        void suggestInstead('expired', show);
        return true;
      });
      // The guest may have moved on to another show meanwhile.
      if (answer === null || get().selectedShow?.showId !== show.showId) return false;
      const seatsLeft = Math.min(answer.seatsLeft, liveShow(show).seatsLeft);
      set({ showTypes: answer, currency: answer.currency, counts: initialCounts(answer, seatsLeft, get().counts) });
      // Sold out between the tap and the answer: nothing to choose, so offer the next show at once.
      if (answer.seatsLeft <= 0) await suggestInstead('housefull', show);
      return true;
    }

    /** Back to the quantity step with the show's types read again, saying why. */
    async function refitParty(show: Show, notice: Notice) {
      await loadShowTypes(show);
      set({ screen: 'party', notice });
    }

    /** The step after the quantities: the first field still to fill, else the review. */
    function afterParty(): Screen {
      const { inputs } = get();
      if (VALIDATORS.userName(inputs.userName) !== null) return 'name';
      if (VALIDATORS.phoneNo(inputs.phoneNo) !== null) return 'phone';
      return 'review';
    }

    /** Lookups do not name the currency: the ticket types' list does, once per kiosk. */
    async function learnCurrency(): Promise<void> {
      if (get().currency !== null) return;
      const result = await transport.call('listTicketTypes', {});
      if (result.ok) set({ currency: result.value.currency });
    }

    /** The door admitted this ticket meanwhile: show it as used, with Change and Cancel gone. */
    function usedAtDoor(error: ErrorBody): void {
      const ticket = get().guestTicket;
      if (ticket === null) return;
      const checkedInAt = error.details?.checkedInAt ?? ticket.checkedInAt ?? null;
      // Without details (a check-in undone since) the refusal still says the ticket was used.
      const checkedInBy = error.details?.checkedInBy ?? ticket.checkedInBy ?? '';
      set({ confirmation: null, screen: 'myTicket', guestTicket: { ...ticket, checkedInAt, checkedInBy } });
    }

    /** A cancel or a give-back the ticket refused: used at the door meanwhile, or gone (cancelled, expired). */
    function refusedByTicket(error: ErrorBody): boolean {
      if (error.code === 'ALREADY_CHECKED_IN') {
        usedAtDoor(error);
        return true;
      }
      const notice = goneTicketNotice(error);
      if (notice === null) return false;
      set({ confirmation: null, screen: 'lookup', notice });
      return true;
    }


    const pairing = createPairingSlice({
      set,
      get,
      transport,
      firstSelf: headStart?.self,
      role: 'kiosk',
      paired() {
        set({ ...guestReset(), screen: 'start' });
        connect();
      },
      unpaired() {
        disconnect();
        set({ ...guestReset(), screen: 'pair', busy: false });
      },
    });

    return {
      ...connection.initial,
      ...connection.actions,
      ...pairing.initial,
      ...pairing.actions,
      screen: 'start',
      films: [],
      currency: null,
      ...guestReset(),
      ...DISPLAY_DEFAULTS,
      ...answersIn(headStart),

      async init() {
        const timeZone = await transport.theatreTimeZone();
        set({ timeZone });
        if (await pairing.start()) connect();
      },

      dispose() {
        pairing.stop();
        disconnect();
      },

      type(field, value) {
        set({ inputs: { ...get().inputs, [field]: value } });
        // An error already shown updates as the guest fixes it; a new one waits for "Next".
        if (get().errors[field] !== undefined) validate(field);
      },

      goTo(screen) {
        set({ screen, notice: null, confirmation: null });
      },

      startOver() {
        pendingBooking = null;
        set({ ...guestReset(), ...DISPLAY_DEFAULTS, screen: transport.pairing?.isPaired() === false ? 'pair' : 'start', locale: DEFAULT_LOCALE });
      },

      askMoreTime() {
        set({ moreTime: true });
      },

      toggleLargeText() {
        set({ largeText: !get().largeText });
      },

      toggleHighContrast() {
        set({ highContrast: !get().highContrast });
      },

      dismissNotice() {
        set({ notice: null });
      },

      async pickShow(showId) {
        const show = get().shows.find((s) => s.showId === showId);
        if (!show || show.seatsLeft <= 0) return;
        set({ selectedShow: show, showTypes: null, notice: null, screen: 'party' });
        await loadShowTypes(show);
      },

      stepParty(ticketTypeId, delta) {
        const { showTypes, selectedShow, counts } = get();
        const type = showTypes?.ticketTypes.find((t) => t.ticketTypeId === ticketTypeId);
        if (!showTypes || !selectedShow || !type) return;
        const count = counts[ticketTypeId] ?? 0;
        // The fewer of the seats read with the types and the seat stream's: the server decides in the end.
        const seatsLeft = Math.min(showTypes.seatsLeft, liveShow(selectedShow).seatsLeft);
        if (delta > 0 && addLimit(type, showTypes, seatsLeft, counts) !== null) return;
        if (delta < 0 && count === 0) return;
        const notice = get().notice?.kind === 'emptyParty' ? null : get().notice;
        set({ counts: { ...counts, [ticketTypeId]: count + delta }, notice });
      },

      submitParty() {
        if (get().showTypes === null) return;
        if (partySize(get().counts) === 0) set({ notice: { kind: 'emptyParty' } });
        else set({ screen: afterParty(), notice: null });
      },

      submitName() {
        if (validate('userName')) set({ screen: 'phone', notice: null });
      },

      submitPhone() {
        if (validate('phoneNo')) set({ screen: 'review', notice: null });
      },

      async confirmBooking() {
        const { selectedShow, showTypes, counts, inputs, busy } = get();
        if (busy || selectedShow === null) return;
        if (showTypes?.showId !== selectedShow.showId || partySize(counts) === 0) {
          set({ screen: 'party' });
          if (showTypes?.showId !== selectedShow.showId) await loadShowTypes(selectedShow);
          return;
        }
        if (!validate('userName', 'phoneNo')) {
          set({ screen: get().errors.userName ? 'name' : 'phone' });
          return;
        }
        set({ notice: null });
        const items = partyItems(showTypes.ticketTypes, counts);
        const seats = partySize(counts);
        const input = { userName: inputs.userName, phoneNo: inputs.phoneNo, showId: selectedShow.showId, items };
        const booking = JSON.stringify(input);
        if (pendingBooking?.booking !== booking) pendingBooking = { booking, key: crypto.randomUUID() };
        const result = await connection.request('book', input, {
          busy: true,
          onOutage: 'ask',
          call: { idempotencyKey: pendingBooking.key },
          handle: (error) => {
            const details = error.details ?? {};
            switch (error.code) {
              case 'HOUSEFULL': {
                // Seats are left, just not enough for this party: fewer guests may still come.
                const seatsLeft = Number(details.seatsLeft ?? 0);
                if (seatsLeft > 0) void refitParty(selectedShow, { kind: 'fewSeats', seatsLeft });
                else void suggestInstead('housefull', selectedShow, seats);
                return true;
              }
              case 'QUOTA_FULL':
                // atCounter: what is left of the type is held for the box office (a wheelchair space kept back).
                void refitParty(selectedShow, {
                  kind: 'quotaFull', name: details.name ?? '', left: Number(details.left ?? 0), ...(details.atCounter === 'true' ? { atCounter: true } : {}),
                });
                return true;
              case 'TICKET_TYPE_INACTIVE':
              case 'TICKET_TYPE_NOT_FOUND':
                void refitParty(selectedShow, { kind: 'typeGone', name: details.name ?? null });
                return true;
              // A screening cancelled meanwhile can no longer be booked, like one that started long ago.
              case 'SHOW_EXPIRED':
              case 'SHOW_CANCELLED':
                void suggestInstead('expired', selectedShow, seats);
                return true;
              default:
                return false;
            }
          },
        });
        if (result.ok || result.error.code !== 'DB_UNAVAILABLE') pendingBooking = null;
        if (!result.ok) return;
        if (get().notice?.kind === 'reconnected') set({ notice: null });
        const booked = result.value;
        const shows = get().shows.map((s) => (s.showId === selectedShow.showId ? { ...s, seatsLeft: booked.seatsLeft, booked: s.capacity - booked.seatsLeft } : s));
        set({
          shows,
          screen: 'ticket',
          currency: booked.currency,
          ticket: {
            ticketId: booked.ticketId, ticketCode: booked.ticketCode, showTime: booked.showTime, userName: booked.userName,
            title: selectedShow.title, screenName: selectedShow.screenName, moved: false,
            items: booked.items, total: booked.total, currency: booked.currency,
          },
        });
      },

      async takeSuggestion() {
        const notice = get().notice;
        if (notice?.kind !== 'housefull' && notice?.kind !== 'expired') return;
        if (notice.suggestion === null) return get().goTo(get().screen === 'move' ? 'move' : 'start');
        if (get().screen === 'move') {
          set({ notice: null, confirmation: { kind: 'move', show: notice.suggestion } });
          return;
        }
        // Another show may sell other types at other prices: the party is fitted to it, and
        // the guest sees the quantities again unless they stayed as chosen.
        const before = get().counts;
        set({ notice: null, selectedShow: notice.suggestion, showTypes: null });
        if (!(await loadShowTypes(notice.suggestion))) return set({ screen: 'party' });
        const after = get().counts;
        const same = partySize(before) === partySize(after) && Object.entries(before).every(([id, n]) => (after[Number(id)] ?? 0) === n);
        set({ screen: same ? afterParty() : 'party' });
      },

      async printTicket() {
        const result = await transport.printTicket();
        if (!result.ok) set({ notice: { kind: 'printFailed' } });
      },

      openLookup() {
        set({ ...guestReset(), screen: 'lookup' });
      },

      async lookupTicket() {
        if (get().busy || !validate('lookupCode')) return;
        const { lookupCode } = get().inputs;
        set({ notice: null });
        const find = get().lookupTicket;
        const row = await request('lookupTicket', { ticketCode: lookupCode }, find, (error) => {
          const notice = error.code === 'SHOW_EXPIRED' ? { kind: 'ticketExpired' as const } : goneTicketNotice(error);
          if (notice === null) return false;
          set({ notice });
          return true;
        });
        if (row === null) return;
        if (row.total > 0) await learnCurrency();
        set({ guestTicket: row, giveBack: {}, screen: 'myTicket' });
      },

      askMove(show) {
        if (show.seatsLeft > 0) set({ confirmation: { kind: 'move', show }, notice: null });
      },

      askCancel() {
        set({ confirmation: { kind: 'cancel' }, notice: null });
      },

      closeConfirmation() {
        set({ confirmation: null });
      },

      async confirmMove() {
        const { confirmation, guestTicket, inputs, busy } = get();
        if (busy || confirmation?.kind !== 'move' || guestTicket === null) return;
        const target = confirmation.show;
        const moved = await request(
          'move',
          { ticketCode: inputs.lookupCode, showId: target.showId },
          'ask',
          (error) => {
            if (error.code === 'HOUSEFULL' || error.code === 'SHOW_EXPIRED' || error.code === 'SHOW_CANCELLED') {
              set({ confirmation: null });
              // The whole party moves: only a show with room for all of it helps.
              void suggestInstead(error.code === 'HOUSEFULL' ? 'housefull' : 'expired', target, guestTicket.seats);
            } else if (error.code === 'ALREADY_CHECKED_IN') {
              usedAtDoor(error);
            } else {
              const notice = goneTicketNotice(error);
              if (notice === null) return false;
              set({ confirmation: null, screen: 'lookup', notice });
            }
            return true;
          },
        );
        set({ confirmation: null });
        if (moved === null) return;
        void get().refreshShows();
        set({
          guestTicket: { ...guestTicket, showId: moved.showId, showTime: moved.showTime },
          screen: 'ticket',
          ticket: {
            ticketId: moved.ticketId, ticketCode: guestTicket.ticketCode ?? inputs.lookupCode, showTime: moved.showTime, userName: guestTicket.userName,
            title: target.title, screenName: target.screenName, moved: true,
            items: guestTicket.items, total: guestTicket.total, currency: get().currency,
          },
        });
      },

      async confirmCancel() {
        const { confirmation, guestTicket, inputs, busy } = get();
        if (busy || confirmation?.kind !== 'cancel' || guestTicket === null) return;
        const cancelled = await request('cancel', { ticketCode: inputs.lookupCode }, 'ask', refusedByTicket);
        set({ confirmation: null });
        if (cancelled === null) return;
        void get().refreshShows();
        set({ screen: 'cancelled' });
      },

      openGiveBack() {
        set({ giveBack: {}, screen: 'giveBack', notice: null, confirmation: null });
      },

      stepGiveBack(ticketTypeId, delta) {
        const item = get().guestTicket?.items.find((i) => i.ticketTypeId === ticketTypeId);
        if (!item) return;
        const count = Math.max(0, Math.min(item.count, (get().giveBack[ticketTypeId] ?? 0) + delta));
        set({ giveBack: { ...get().giveBack, [ticketTypeId]: count }, notice: null });
      },

      askGiveBack() {
        if (partySize(get().giveBack) > 0) set({ confirmation: { kind: 'giveBack' }, notice: null });
      },

      async confirmGiveBack() {
        const { confirmation, guestTicket, giveBack, inputs, busy } = get();
        if (busy || confirmation?.kind !== 'giveBack' || guestTicket === null) return;
        const items = guestTicket.items
          .filter((i) => (giveBack[i.ticketTypeId] ?? 0) > 0)
          .map((i) => ({ ticketTypeId: i.ticketTypeId, count: Math.min(i.count, giveBack[i.ticketTypeId]!) }));
        const given = await request('cancel', { ticketCode: inputs.lookupCode, items }, 'ask', refusedByTicket);
        set({ confirmation: null });
        if (given === null) return;
        void get().refreshShows();
        // Giving back the whole party is cancelling the ticket.
        if (given.seats === 0) return set({ screen: 'cancelled' });
        const left = afterRelease(guestTicket.items, Object.fromEntries(items.map((i) => [i.ticketTypeId, i.count])));
        set({
          guestTicket: { ...guestTicket, items: left, seats: given.seats, total: itemsTotal(left) },
          giveBack: {},
          screen: 'myTicket',
          notice: { kind: 'gaveBack', released: given.released },
        });
      },
    };
  });
}

/** Shows a guest may move a ticket to: upcoming, with seats, not the ticket's own (another screen at its time is). */
export function moveTargets(state: Pick<KioskData, 'shows' | 'guestTicket'>, nowMs: number): Show[] {
  const current = state.guestTicket?.showId;
  return upcomingShows(state.shows, nowMs).filter((s) => s.seatsLeft > 0 && s.showId !== current);
}

/** The show of the guest's ticket, from the live list (null: no longer listed). */
export function guestShow(state: Pick<KioskData, 'shows' | 'guestTicket'>): Show | null {
  const id = state.guestTicket?.showId;
  return id === undefined ? null : (state.shows.find((s) => s.showId === id) ?? null);
}

/** A film's poster path, or null (no film, no poster, or the films not read yet). */
export function posterOf(films: readonly Film[], filmId: number | null): string | null {
  return filmId === null ? null : (films.find((f) => f.filmId === filmId)?.posterUrl ?? null);
}
