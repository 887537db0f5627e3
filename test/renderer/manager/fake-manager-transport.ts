// An in-memory box office for the manager's store and component tests, behind the same
// Transport interface as test/renderer/fake-transport.ts (whose show helpers it reuses).
// It knows roles (a kiosk token is refused manager operations), the audit trail, and the
// device/server operations the manager screen is written against.
import type { Result } from '../../../main/common/errors';
import { isPublic, OPERATIONS, type CallOptions, type OperationInput, type OperationName, type OperationOutput, type Role } from '../../../main/common/operations';
import type { AuditEvent, CheckinConflictRow, Film, PartyItem, Screen, ScheduleClash, Show, TicketType } from '../../../main/common/schemas';
import type { CreatedToken, DeviceToken, ServerStatus } from '../../../renderer/src/manager/lib/operations';
import type { Transport } from '../../../renderer/src/shared/transport';
import { FakeBoxOffice, fakePairing, type FakePairing, type Handler } from '../shared/fake-box-office';
import { makeShow } from '../shared/shows';
import { ONE_SEAT } from '../party-fixture';

export { makeShow, showTimeIn } from '../shared/shows';

export const MANAGER_TOKEN = 'manager-token';
export const KIOSK_TOKEN = 'kiosk-token';
export const COUNTER_TOKEN = 'counter-token';

export interface FakeTicket {
  ticketId: number;
  showId: number;
  userName: string;
  phoneNo: string;
  isExpired: boolean;
  deleted: boolean;
  events: AuditEvent[];
  /** The party by type; absent: one seat of the default type, as the seed's clients book. */
  items?: PartyItem[];
}

/** The fake's party answer for a ticket: its seats, items and total (ONE_SEAT without items). */
export function partyOf(items: PartyItem[] | undefined) {
  if (!items) return ONE_SEAT;
  const total = items.reduce((n, i) => n + i.count * i.unitPrice, 0);
  // Nothing paid yet: a booking with a price is a reservation (the counter takes its payment).
  return { seats: items.reduce((n, i) => n + i.count, 0), admitted: 0, items, total, paid: total === 0, amountDue: total, refundable: 0 };
}


/** An offline admission of show 1 that collided, as /checkin/conflicts lists it (the fake's shows are at +01:00). */
export function doorConflict(scanId: string, userName: string | null, conflict: CheckinConflictRow['conflict']): CheckinConflictRow {
  return {
    scanId, ticketId: 7, ticketCode: 'K7P2-9XQD', userName, showId: 1, showTime: '2030-03-04T19:30:00+01:00', title: 'Casablanca',
    door: 'Door 2', scannedAt: '2030-03-04T19:21:00+01:00', recordedAt: '2030-03-04T19:40:00+01:00', admittedNow: 2, conflict,
  };
}

/**
 * Makes the device/server operations present (or absent) in the contract table for a test,
 * whichever the contract says today; returns the function that puts the table back.
 */
/** A box office from before the device operations: those routes answer NOT_FOUND. */
export function olderServer(transport: FakeManagerTransport): void {
  const notFound = () => ({ ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'No such route.' } });
  for (const name of ['serverStatus', 'listTokens', 'createToken', 'revokeToken'] as const) transport.override(name, notFound);
}

export class FakeManagerTransport extends FakeBoxOffice<string> implements Transport {
  readonly kind: 'http' | 'ipc';
  readonly pairing: FakePairing | null;
  tickets = new Map<number, FakeTicket>();
  tokens: DeviceToken[] = [
    { tokenId: 1, label: 'Office', role: 'manager', createdAt: '2026-11-01T09:00:00+01:00', revokedAt: null, lastUsedAt: null },
    { tokenId: 2, label: 'Lobby kiosk', role: 'kiosk', createdAt: '2026-11-02T10:30:00+01:00', revokedAt: null, lastUsedAt: null },
  ];
  status: ServerStatus = {
    database: 'up',
    version: '0.1.0',
    lastSweep: { at: '2026-11-20T03:00:00+01:00', marked: 12, deleted: 3, released: 0, batches: 1, durationMs: 840, error: null },
    listener: { url: 'https://192.168.1.20:8443', fingerprint: 'AB:CD:EF:01:23:45' },
    backup: { last: null, stale: true, lastFailure: null, schedule: '30 3 * * *' },
  };
  screens: Screen[] = [
    { screenId: 1, name: 'Screen 1', capacity: 80, notes: null },
    { screenId: 2, name: 'Screen 2', capacity: 40, notes: 'Wheelchair spaces in row A' },
  ];
  films: Film[] = [{ filmId: 1, title: 'Casablanca', runtimeMinutes: 102, rating: 'PG', description: null, posterUrl: null }];
  /** The theatre's zone for schedule requests: the fake's shows are at +01:00. */
  readonly offset = '+01:00';
  private nextScreen = 3;
  private nextFilm = 2;
  private nextShow = 500;
  private nextTicket = 1;
  private nextEvent = 1;
  private nextToken = 3;
  currency = 'EUR';
  ticketTypes: TicketType[] = [
    { ticketTypeId: 1, name: 'Standard', price: 0, quotaPerShow: null, active: true, sortOrder: 0, isDefault: true, accessible: false, heldForCounter: 0, inUse: false },
    { ticketTypeId: 2, name: 'Adult', price: 950, quotaPerShow: null, active: true, sortOrder: 1, isDefault: false, accessible: false, heldForCounter: 0, inUse: false },
    { ticketTypeId: 3, name: 'Child', price: 600, quotaPerShow: null, active: true, sortOrder: 2, isDefault: false, accessible: false, heldForCounter: 0, inUse: false },
  ];
  /** Today's offline admissions that collided (/checkin/conflicts); tests push rows as doors sync. */
  doorConflicts: CheckinConflictRow[] = [];
  /** Per show, its own prices by type (/show/update and /show/schedule `prices`). */
  showPrices = new Map<number, Map<number, number>>();
  private nextType = 4;

  constructor(shows: Show[], options: { token?: string | null; ipc?: boolean } = {}) {
    super(shows);
    this.kind = options.ipc ? 'ipc' : 'http';
    this.pairing = options.ipc ? null : fakePairing(options.token === undefined ? MANAGER_TOKEN : options.token);
  }

  /** Replaces one operation's behaviour until cleared with `undefined`. */
  override<K extends OperationName>(name: K, handler: ((input: OperationInput<K>) => Result<OperationOutput<K>>) | undefined): void;
  override(name: string, handler: Handler | undefined) {
    this.setOverride(name, handler);
  }

  private role(): Role | null {
    if (this.pairing === null) return 'manager';
    if (this.pairing.token === MANAGER_TOKEN) return 'manager';
    if (this.pairing.token === KIOSK_TOKEN) return 'kiosk';
    if (this.pairing.token === COUNTER_TOKEN) return 'counter';
    return null;
  }

  /** The options of each call, in order (a sale's Idempotency-Key). */
  callOptions: Array<{ name: string; options: CallOptions | undefined }> = [];
  /** Sales made, by Idempotency-Key: a retried key answers the same sale. */
  sales = new Map<string, OperationOutput<'sell'>>();

  async call<K extends OperationName>(name: K, input: OperationInput<K>, options?: CallOptions): Promise<Result<OperationOutput<K>>> {
    this.calls.push({ name, input });
    this.callOptions.push({ name, options });
    if (this.gate) await this.gate;
    // Trading a pairing code needs no token (the one public operation).
    if (isPublic(name)) return this.dispatch(name, input, this.handlers, 'NOT_FOUND');
    const role = this.role();
    if (role === null) {
      this.pairing?.forget();
      return this.fail('UNAUTHENTICATED');
    }
    if (!(OPERATIONS[name].roles as readonly Role[]).includes(role)) return this.fail('FORBIDDEN');
    if (this.down) return this.fail('DB_UNAVAILABLE');
    return this.dispatch(name, input, this.handlers, 'NOT_FOUND');
  }

  async printTicket(): Promise<Result<null>> {
    return { ok: true, value: null };
  }

  async theatreTimeZone() {
    return undefined;
  }

  private event(ticket: FakeTicket, kind: AuditEvent['kind'], actor: string, showTime: string | null, fromShowTime: string | null = null) {
    ticket.events.push({ eventId: this.nextEvent++, kind, actor, userName: ticket.userName, phoneNo: ticket.phoneNo, at: '2026-11-24T18:00:00+01:00', showTime, fromShowTime });
  }

  private rowOf(ticket: FakeTicket) {
    const show = this.shows.find((s) => s.showId === ticket.showId)!;
    return {
      ticketId: ticket.ticketId, userName: ticket.userName, phoneNo: ticket.phoneNo, showTime: show.showTime,
      isExpired: ticket.isExpired || show.isExpired, checkedInAt: null, checkedInBy: null, ...partyOf(ticket.items),
    };
  }

  /** A ticket as the server would send it to a lookup: its roster row and its show. */
  rowOfTicket(ticketId: number) {
    const ticket = this.tickets.get(ticketId)!;
    return { ...this.rowOf(ticket), showId: ticket.showId };
  }

  /** Books directly, as a kiosk would; returns the ticket number. */
  book(showId: number, userName: string, phoneNo = '+34600111222', party?: Array<{ ticketTypeId: number; count: number }>): number {
    const show = this.shows.find((s) => s.showId === showId)!;
    const items = party?.map(({ ticketTypeId, count }) => {
      const type = this.ticketTypes.find((t) => t.ticketTypeId === ticketTypeId)!;
      type.inUse = true;
      return { ticketTypeId, name: type.name, count, unitPrice: this.priceAt(showId, type) };
    });
    this.seat(show, partyOf(items).seats);
    const ticket: FakeTicket = { ticketId: this.nextTicket++, showId, userName, phoneNo, isExpired: false, deleted: false, events: [], items };
    this.event(ticket, 'booked', 'Lobby kiosk', show.showTime);
    this.tickets.set(ticket.ticketId, ticket);
    return ticket.ticketId;
  }

  private priceAt(showId: number, type: TicketType): number {
    return this.showPrices.get(showId)?.get(type.ticketTypeId) ?? type.price;
  }

  private setPrices(showId: number, prices: Array<{ ticketTypeId: number | string; price: number | null }> | undefined) {
    if (!prices) return;
    const own = this.showPrices.get(showId) ?? new Map<number, number>();
    for (const { ticketTypeId, price } of prices) {
      if (price === null) own.delete(Number(ticketTypeId));
      else own.set(Number(ticketTypeId), price);
    }
    this.showPrices.set(showId, own);
  }

  private sortTypes() {
    this.ticketTypes.sort((a, b) => a.sortOrder - b.sortOrder || a.ticketTypeId - b.ticketTypeId);
  }

  private live(ticketId: number | string | undefined) {
    const ticket = this.tickets.get(Number(ticketId));
    return ticket && !ticket.deleted ? ticket : undefined;
  }

  /** The value of the seats a show's live tickets hold, at the prices they were sold at. */
  private revenueOf(showId: number): number {
    return [...this.tickets.values()].filter((t) => !t.deleted && t.showId === showId).reduce((n, t) => n + partyOf(t.items).total, 0);
  }

  /** A show of `filmId` on `screenId` at a theatre-local day and time, as /show/schedule makes it. */
  private scheduled(filmId: number, screenId: number, day: string, time: string, showId: number | null): Show {
    const film = this.films.find((f) => f.filmId === filmId)!;
    const screen = this.screens.find((s) => s.screenId === screenId)!;
    const showTime = `${day}T${time}:00${this.offset}`;
    const end = new Date(Date.parse(showTime) + (film.runtimeMinutes + 15) * 60_000 + 3_600_000).toISOString().slice(0, 19) + this.offset;
    return makeShow(showId ?? 0, showTime, {
      title: null, filmId, filmTitle: film.title, runtimeMinutes: film.runtimeMinutes, rating: film.rating,
      screenId, screenName: screen.name, capacity: screen.capacity, endsAt: end,
    });
  }

  /** The show already on `show`'s screen that overlaps it (the database's rule in small). */
  private inTheWay(show: Show, among: readonly Show[] = this.shows): Show | undefined {
    const [start, end] = [Date.parse(show.showTime), Date.parse(show.endsAt)];
    return among.find((other) => other.showId !== show.showId && other.screenId === show.screenId && other.cancelledAt === null
      && Date.parse(other.showTime) <= end && start <= Date.parse(other.endsAt));
  }

  private handlers: Record<string, Handler> = {
    sell: (input: OperationInput<'sell'>) => {
      const key = this.callOptions.at(-1)?.options?.idempotencyKey;
      if (key !== undefined && this.sales.has(key)) return { ok: true, value: structuredClone(this.sales.get(key)!) };
      const show = this.shows.find((s) => s.showId === Number(input.showId));
      if (!show) return this.fail('SHOW_NOT_FOUND');
      if (input.payment.method === 'comp' && this.role() !== 'manager') return this.fail('FORBIDDEN', 'payment');
      const items: PartyItem[] = input.items.map((item) => {
        const type = this.ticketTypes.find((t) => t.ticketTypeId === Number(item.ticketTypeId))!;
        return { ticketTypeId: type.ticketTypeId, name: type.name, count: item.count, unitPrice: this.priceAt(show.showId, type) };
      });
      const seats = items.reduce((n, i) => n + i.count, 0);
      if (seats > show.seatsLeft) return { ok: false, error: { code: 'HOUSEFULL', message: 'sold out', details: { seatsLeft: String(show.seatsLeft) } } };
      const total = items.reduce((n, i) => n + i.count * i.unitPrice, 0);
      if (input.payment.method !== 'comp' && input.payment.amount !== total) return { ok: false, error: { code: 'AMOUNT_MISMATCH', message: 'amount', details: { amountDue: String(total) } } };
      show.booked += seats;
      show.seatsLeft -= seats;
      const ticketId = this.nextTicket++;
      const tendered = input.payment.tendered;
      const sale: OperationOutput<'sell'> = {
        ticketId, ticketCode: `K7P29XQD${String(ticketId).padStart(4, '0')}`, showId: show.showId, showTime: show.showTime, userName: input.userName ?? 'Walk-in',
        seats, items, total, currency: this.currency, paid: true, paymentId: input.payment.method === 'comp' ? null : ticketId,
        change: input.payment.method === 'cash' && tendered !== undefined ? tendered - total : 0,
      };
      if (key !== undefined) this.sales.set(key, sale);
      return { ok: true, value: structuredClone(sale) };
    },
    // A day with no money yet (tests that count a drawer give their own figures).
    cashUp: (input: OperationInput<'cashUp'>) => ({
      ok: true,
      value: { day: input.day, currency: this.currency, devices: [], totals: { cash: { sales: 0, refunds: 0, expected: 0 }, card: { sales: 0, refunds: 0 }, comp: { count: 0 } } },
    }),
    listTicketTypes: (input: OperationInput<'listTicketTypes'>) => ({
      ok: true,
      value: { currency: this.currency, ticketTypes: this.ticketTypes.filter((t) => input.includeInactive || t.active).map((t) => ({ ...t })) },
    }),
    createTicketType: (input: OperationInput<'createTicketType'>) => {
      if (this.ticketTypes.some((t) => t.name === input.name)) return this.fail('TICKET_TYPE_EXISTS', 'name');
      const sortOrder = input.sortOrder ?? Math.max(0, ...this.ticketTypes.map((t) => t.sortOrder)) + 1;
      const type: TicketType = { ticketTypeId: this.nextType++, name: input.name, price: input.price, quotaPerShow: input.quotaPerShow ?? null, active: true, sortOrder, isDefault: false,
        accessible: input.accessible ?? false, heldForCounter: input.heldForCounter ?? 0, inUse: false,
      };
      this.ticketTypes.push(type);
      this.sortTypes();
      return { ok: true, value: { ...type } };
    },
    updateTicketType: (input: OperationInput<'updateTicketType'>) => {
      const type = this.ticketTypes.find((t) => t.ticketTypeId === Number(input.ticketTypeId));
      if (!type) return this.fail('TICKET_TYPE_NOT_FOUND');
      if (input.name !== undefined && this.ticketTypes.some((t) => t !== type && t.name === input.name)) return this.fail('TICKET_TYPE_EXISTS', 'name');
      if (input.active === false && (type.isDefault || input.isDefault)) return this.fail('DEFAULT_TICKET_TYPE', 'active');
      if (input.isDefault) for (const t of this.ticketTypes) t.isDefault = false;
      const { ticketTypeId: _id, ...changes } = input;
      Object.assign(type, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      this.sortTypes();
      return { ok: true, value: { ...type } };
    },
    deleteTicketType: (input: OperationInput<'deleteTicketType'>) => {
      const type = this.ticketTypes.find((t) => t.ticketTypeId === Number(input.ticketTypeId));
      if (!type) return this.fail('TICKET_TYPE_NOT_FOUND');
      if (type.isDefault) return this.fail('DEFAULT_TICKET_TYPE');
      if (type.inUse) return this.fail('TICKET_TYPE_IN_USE');
      this.ticketTypes = this.ticketTypes.filter((t) => t !== type);
      return { ok: true, value: { ticketTypeId: type.ticketTypeId } };
    },
    showTicketTypes: (input: OperationInput<'showTicketTypes'>) => {
      const show = this.shows.find((s) => s.showId === Number(input.showId));
      if (!show) return this.fail('SHOW_NOT_FOUND');
      const ticketTypes = this.ticketTypes.filter((t) => t.active).map((t) => ({ ticketTypeId: t.ticketTypeId, name: t.name, price: this.priceAt(show.showId, t), quotaPerShow: t.quotaPerShow, left: null,
        accessible: t.accessible, heldForCounter: t.heldForCounter, atCounter: false }));
      return { ok: true, value: { showId: show.showId, currency: this.currency, seatsLeft: show.seatsLeft, maxParty: 10, ticketTypes } };
    },
    listScreens: () => ({ ok: true, value: { screens: this.screens.map((s) => ({ ...s })) } }),
    createScreen: (input: OperationInput<'createScreen'>) => {
      if (this.screens.some((s) => s.name === input.name)) return this.fail('SCREEN_EXISTS');
      const screen: Screen = { screenId: this.nextScreen++, name: input.name, capacity: input.capacity, notes: input.notes ?? null };
      this.screens.push(screen);
      return { ok: true, value: { ...screen } };
    },
    updateScreen: (input: OperationInput<'updateScreen'>) => {
      const screen = this.screens.find((s) => s.screenId === Number(input.screenId));
      if (!screen) return this.fail('SCREEN_NOT_FOUND');
      Object.assign(screen, { ...(input.name !== undefined && { name: input.name }), ...(input.capacity !== undefined && { capacity: input.capacity }), ...(input.notes !== undefined && { notes: input.notes }) });
      return { ok: true, value: { ...screen } };
    },
    deleteScreen: (input: OperationInput<'deleteScreen'>) => {
      const screenId = Number(input.screenId);
      const future = this.shows.filter((s) => s.screenId === screenId && !s.isExpired).length;
      if (future > 0) return { ok: false, error: { code: 'SCREEN_HAS_SHOWS', message: 'This screen has shows still to come.', details: { futureShows: String(future) } } };
      if (this.screens.length === 1) return this.fail('LAST_SCREEN');
      this.screens = this.screens.filter((s) => s.screenId !== screenId);
      return { ok: true, value: { screenId, outcome: 'deleted' } };
    },
    listFilms: () => ({ ok: true, value: { films: this.films.map((f) => ({ ...f })) } }),
    createFilm: (input: OperationInput<'createFilm'>) => {
      const film: Film = { filmId: this.nextFilm++, title: input.title, runtimeMinutes: input.runtimeMinutes, rating: input.rating ?? null, description: input.description ?? null, posterUrl: null };
      this.films.push(film);
      return { ok: true, value: { ...film } };
    },
    updateFilm: (input: OperationInput<'updateFilm'>) => {
      const film = this.films.find((f) => f.filmId === Number(input.filmId));
      if (!film) return this.fail('FILM_NOT_FOUND');
      const { filmId: _id, ...changes } = input;
      Object.assign(film, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      return { ok: true, value: { ...film } };
    },
    setFilmPoster: (input: OperationInput<'setFilmPoster'>) => {
      const film = this.films.find((f) => f.filmId === Number(input.filmId));
      if (!film) return this.fail('FILM_NOT_FOUND');
      film.posterUrl = input.image === null ? null : `/film/${film.filmId}/poster?v=${input.image.length}`;
      return { ok: true, value: { ...film } };
    },
    scheduleShows: (input: OperationInput<'scheduleShows'>) => {
      // Every day from `from` to `to` on the weekdays, at every time, on every screen.
      const made: Show[] = [];
      for (let day = input.from; day <= input.to; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
        const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
        if (input.weekdays && !input.weekdays.includes(weekday)) continue;
        for (const time of input.times) for (const screenId of input.screenIds) made.push(this.scheduled(Number(input.filmId), Number(screenId), day, time, null));
      }
      const clashes: ScheduleClash[] = made.flatMap((show) => {
        const other = this.inTheWay(show);
        return other ? [{ showTime: show.showTime, screenId: show.screenId, screenName: show.screenName, inTheWay: { showId: other.showId, showTime: other.showTime, title: other.title ?? other.filmTitle } }] : [];
      });
      const shows = () => made.map((s) => ({ showId: s.showId || null, showTime: s.showTime, screenId: s.screenId, screenName: s.screenName }));
      if (input.dryRun) return { ok: true, value: { dryRun: true, shows: shows(), clashes } };
      if (clashes.length > 0) return { ok: false, error: { code: 'SCREEN_BUSY', message: 'That screen is taken.', details: { clashes: JSON.stringify(clashes) } } };
      if (!input.confirmPast && made.some((s) => Date.parse(s.showTime) < Date.now())) return this.fail('SHOW_IN_PAST');
      for (const show of made) {
        show.showId = this.nextShow++;
        this.shows.push(show);
        this.setPrices(show.showId, input.prices);
      }
      return { ok: true, value: { dryRun: false, shows: shows(), clashes: [] } };
    },
    rescheduleShow: (input: OperationInput<'rescheduleShow'>) => {
      const show = this.shows.find((s) => s.showId === Number(input.showId));
      if (!show) return this.fail('SHOW_NOT_FOUND');
      if (show.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      const screen = this.screens.find((s) => s.screenId === Number(input.screenId ?? show.screenId))!;
      if (screen.capacity < show.booked) return { ok: false, error: { code: 'CAPACITY_BELOW_SOLD', message: 'Too few seats.', details: { booked: String(show.booked) } } };
      const showTime = `${input.showTime.replace(' ', 'T')}:00${this.offset}`;
      if (!input.confirmPast && Date.parse(showTime) < Date.now()) return this.fail('SHOW_IN_PAST');
      const length = Date.parse(show.endsAt) - Date.parse(show.showTime);
      const moved: Show = { ...show, showTime, screenId: screen.screenId, screenName: screen.name, endsAt: new Date(Date.parse(showTime) + length + 3_600_000).toISOString().slice(0, 19) + this.offset };
      const other = this.inTheWay(moved);
      if (other) return { ok: false, error: { code: 'SCREEN_BUSY', message: 'That screen is taken.', details: { showId: String(other.showId), showTime: other.showTime, title: other.title ?? other.filmTitle ?? '' } } };
      Object.assign(show, moved);
      return { ok: true, value: { ...show, movedTickets: show.booked } };
    },
    cancelShow: (input: OperationInput<'cancelShow'>) => {
      const show = this.shows.find((s) => s.showId === Number(input.showId));
      if (!show) return this.fail('SHOW_NOT_FOUND');
      if (show.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      const tickets = [...this.tickets.values()].filter((t) => !t.deleted && t.showId === show.showId);
      for (const ticket of tickets) {
        ticket.deleted = true;
        this.event(ticket, 'cancelled', 'Office', null);
      }
      this.seat(show, -tickets.length);
      Object.assign(show, { cancelledAt: '2026-11-24T18:00:00+01:00', cancelReason: input.reason });
      const guests = tickets.map((t) => ({ ticketId: t.ticketId, name: t.userName, phone: t.phoneNo, ticketCode: `CODE-${t.ticketId}` }));
      return { ok: true, value: { showId: show.showId, cancelledTickets: tickets.length, guests } };
    },
    filmReport: (input: OperationInput<'filmReport'>) => {
      // Per film and Monday-started week of the shows in the range that have a film and play.
      const rows = new Map<string, { filmId: number; title: string; weekStart: string; shows: number; admissions: number; checkedIn: number; gross: number; currency: string }>();
      for (const show of this.shows) {
        const day = show.showTime.slice(0, 10);
        if (show.filmId === null || show.cancelledAt !== null || day < input.from || day > input.to) continue;
        const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
        const weekStart = new Date(Date.parse(`${day}T00:00:00Z`) - weekday * 86_400_000).toISOString().slice(0, 10);
        const key = `${show.filmId}|${weekStart}`;
        const row = rows.get(key) ?? { filmId: show.filmId, title: show.filmTitle ?? '', weekStart, shows: 0, admissions: 0, checkedIn: 0, gross: 0, currency: this.currency };
        row.shows++;
        row.admissions += show.booked;
        row.gross += this.revenueOf(show.showId);
        rows.set(key, row);
      }
      const totals = new Map<number, { filmId: number; title: string; shows: number; admissions: number; gross: number; currency: string }>();
      for (const row of rows.values()) {
        const total = totals.get(row.filmId) ?? { filmId: row.filmId, title: row.title, shows: 0, admissions: 0, gross: 0, currency: this.currency };
        total.shows += row.shows;
        total.admissions += row.admissions;
        total.gross += row.gross;
        totals.set(row.filmId, total);
      }
      return { ok: true, value: { rows: [...rows.values()], totals: [...totals.values()] } };
    },
    listShows: (input: OperationInput<'listShows'>) => ({
      ok: true,
      value: this.shows.filter((s) => input.includeExpired || !s.isExpired).map((s) => ({ ...s })),
    }),
    listByShowTime: (input: OperationInput<'listByShowTime'>) => {
      const show = this.showAt(input.showTime, input.showId);
      const rows = [...this.tickets.values()].filter((t) => !t.deleted && t.showId === show?.showId).map((t) => this.rowOf(t));
      return { ok: true, value: rows };
    },
    lookupTicket: (input: OperationInput<'lookupTicket'>) => {
      const ticket = this.live(input.ticketId);
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      const row = this.rowOf(ticket);
      if (row.isExpired) return this.fail('SHOW_EXPIRED');
      return { ok: true, value: row };
    },
    searchTickets: (input: OperationInput<'searchTickets'>) => {
      // The server's rule in small: names ignore case and accents, phones any formatting.
      const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const query = input.query.trim();
      if ([...query].length < 2) return this.fail('INVALID_INPUT', 'query', 'query: must be 2 to 60 characters');
      const digits = /^\+?[\d\s\-()./]+$/.test(query) ? query.replace(/\D/g, '') : null;
      const hits = [...this.tickets.values()]
        .filter((t) => !t.deleted && (digits !== null ? t.phoneNo.replace(/\D/g, '').includes(digits) : fold(t.userName).includes(fold(query))))
        .map((t) => ({ ...this.rowOf(t), title: this.shows.find((s) => s.showId === t.showId)!.title }));
      return { ok: true, value: hits };
    },
    ticketHistory: (input: OperationInput<'ticketHistory'>) => {
      const ticket = this.tickets.get(Number(input.ticketId));
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      return { ok: true, value: ticket.events.map((e) => ({ ...e })) };
    },
    move: (input: OperationInput<'move'>) => {
      const ticket = this.live(input.ticketId);
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      const target = this.showAt(input.showTime, input.showId);
      if (!target || target.isExpired) return this.fail('SHOW_EXPIRED');
      if (target.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      if (target.seatsLeft <= 0) return this.fail('HOUSEFULL');
      const from = this.shows.find((s) => s.showId === ticket.showId)!;
      this.seat(from, -1);
      this.seat(target, 1);
      ticket.showId = target.showId;
      this.event(ticket, 'moved', 'Office', target.showTime, from.showTime);
      return { ok: true, value: { ticketId: ticket.ticketId, showId: target.showId, showTime: target.showTime, seatsLeft: target.seatsLeft } };
    },
    cancel: (input: OperationInput<'cancel'>) => {
      const ticket = this.live(input.ticketId);
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      ticket.deleted = true;
      this.seat(this.shows.find((s) => s.showId === ticket.showId)!, -1);
      this.event(ticket, 'cancelled', 'Office', null);
      return { ok: true, value: { ticketId: ticket.ticketId } };
    },
    createShow: (input: OperationInput<'createShow'>) => {
      if (Date.parse(input.showTime) < Date.now() && !input.confirmPast) return this.fail('SHOW_IN_PAST');
      if (this.showAt(input.showTime)) return this.fail('SHOW_EXISTS');
      const capacity = input.capacity ?? 20;
      const show: Show = makeShow(this.shows.length + 100, input.showTime, { title: input.title ?? null, capacity });
      this.shows.push(show);
      return { ok: true, value: { ...show } };
    },
    updateShow: (input: OperationInput<'updateShow'>) => {
      const show = this.showAt(input.showTime, input.showId);
      if (!show) return this.fail('SHOW_NOT_FOUND');
      if (input.capacity !== undefined && input.capacity < show.booked) return this.fail('CAPACITY_BELOW_SOLD');
      if (input.title !== undefined) show.title = input.title;
      this.setPrices(show.showId, input.prices);
      if (input.capacity !== undefined) {
        show.capacity = input.capacity;
        show.seatsLeft = show.capacity - show.booked;
      }
      return { ok: true, value: { ...show } };
    },
    deleteShow: (input: OperationInput<'deleteShow'>) => {
      const show = this.showAt(input.showTime, input.showId);
      if (!show) return this.fail('SHOW_NOT_FOUND');
      if (show.booked > 0) return this.fail('SHOW_HAS_TICKETS');
      this.shows = this.shows.filter((s) => s !== show);
      return { ok: true, value: { showId: show.showId, showTime: show.showTime } };
    },
    salesReport: (input: OperationInput<'salesReport'>) => {
      // The server's report in small: the shows whose (wall-clock) day is in the range, counted
      // from the fake's audit trail; its shows are at +01:00, a fixed zone (Etc/GMT-1).
      const today = new Date().toISOString().slice(0, 10);
      const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      const from = input.from ?? shift(input.to ?? today, -7);
      const to = input.to ?? shift(from, 14);
      if (to < from) return this.fail('INVALID_INPUT', 'to', 'to: must not be before from');
      const same = (a: string | null, b: string) => a !== null && Date.parse(a) === Date.parse(b);
      const events = [...this.tickets.values()].flatMap((t) => t.events.map((e) => ({ ...e, showId: t.showId })));
      const withTotals = <T extends { capacity: number; sold: number; cancelled: number; movedIn: number; movedOut: number }>(row: T) => {
        const held = row.sold - row.cancelled + row.movedIn - row.movedOut;
        return { ...row, held, occupancyPercent: row.capacity > 0 ? Math.round((held / row.capacity) * 1000) / 10 : 0 };
      };
      const shows = this.shows
        .filter((s) => s.showTime.slice(0, 10) >= from && s.showTime.slice(0, 10) <= to)
        .sort((a, b) => Date.parse(a.showTime) - Date.parse(b.showTime))
        .map((s) =>
          withTotals({
            showId: s.showId,
            showTime: s.showTime,
            title: s.title,
            capacity: s.capacity,
            sold: events.filter((e) => e.kind === 'booked' && same(e.showTime, s.showTime)).length,
            cancelled: events.filter((e) => e.kind === 'cancelled' && e.showId === s.showId).length,
            movedIn: events.filter((e) => e.kind === 'moved' && same(e.showTime, s.showTime)).length,
            movedOut: events.filter((e) => e.kind === 'moved' && same(e.fromShowTime, s.showTime)).length,
            checkedIn: 0,
            revenue: this.revenueOf(s.showId),
            currency: this.currency,
          }),
        );
      const sum = (rows: typeof shows) => {
        const total = { capacity: 0, sold: 0, cancelled: 0, movedIn: 0, movedOut: 0, checkedIn: 0, revenue: 0 };
        for (const r of rows) for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += r[key];
        return { ...withTotals(total), currency: this.currency };
      };
      const byType = (showIds: number[]) => this.ticketTypes.flatMap((type) => {
        const items = [...this.tickets.values()].filter((t) => !t.deleted && showIds.includes(t.showId)).flatMap((t) => partyOf(t.items).items).filter((i) => i.ticketTypeId === type.ticketTypeId);
        return items.length === 0 ? [] : [{ ticketTypeId: type.ticketTypeId, name: type.name, sold: items.reduce((n, i) => n + i.count, 0), revenue: items.reduce((n, i) => n + i.count * i.unitPrice, 0) }];
      });
      const dayKeys = [...new Set(shows.map((s) => s.showTime.slice(0, 10)))];
      const days = dayKeys.map((day) => {
        const ofDay = shows.filter((s) => s.showTime.slice(0, 10) === day);
        return { day, shows: ofDay.length, ...sum(ofDay), byType: byType(ofDay.map((s) => s.showId)) };
      });
      const groupBy = <K,>(key: (s: Show) => K) => {
        const groups = new Map<K, typeof shows>();
        for (const row of shows) {
          const k = key(this.shows.find((s) => s.showId === row.showId)!);
          groups.set(k, [...(groups.get(k) ?? []), row]);
        }
        return [...groups];
      };
      const byScreen = groupBy((s) => s.screenId).map(([screenId, rows]) => ({
        screenId, screenName: this.screens.find((s) => s.screenId === screenId)?.name ?? '', shows: rows.length, ...sum(rows),
      }));
      const byFilm = groupBy((s) => s.filmId).map(([filmId, rows]) => ({
        filmId, filmTitle: this.films.find((f) => f.filmId === filmId)?.title ?? null, shows: rows.length, ...sum(rows),
      }));
      return { ok: true, value: { from, to, timeZone: 'Etc/GMT-1', days, shows, totals: { ...sum(shows), byType: byType(shows.map((s) => s.showId)) }, byScreen, byFilm } };
    },
    checkinConflicts: (input: OperationInput<'checkinConflicts'>) => {
      // The fake keeps today's only; another day has none.
      if (input.day !== undefined) return { ok: true, value: [] };
      return { ok: true, value: this.doorConflicts.map((c) => structuredClone(c)) };
    },
    serverStatus: () => ({ ok: true, value: structuredClone(this.status) }),
    // Which token this is: not one of the listed tokens, so revoking any of them locks nobody out.
    deviceSelf: () => ({ ok: true, value: { role: this.role()!, label: 'Office', tokenId: null } }),
    listTokens: () => ({ ok: true, value: this.tokens.map((t) => ({ ...t })) }),
    createToken: (input: { role: Role; label: string }) => {
      const created: CreatedToken = { tokenId: this.nextToken++, label: input.label, role: input.role, token: `mq_secret_${input.label.length}` };
      this.tokens.push({ tokenId: created.tokenId, label: created.label, role: created.role, createdAt: '2026-11-24T18:00:00+01:00', revokedAt: null, lastUsedAt: null });
      return { ok: true, value: created };
    },
    revokeToken: (input: { tokenId: number }) => {
      const token = this.tokens.find((t) => t.tokenId === input.tokenId);
      if (!token) return { ok: true, value: { tokenId: input.tokenId, outcome: 'not-found' } };
      if (token.revokedAt !== null) return { ok: true, value: { tokenId: input.tokenId, outcome: 'already-revoked' } };
      token.revokedAt = '2026-11-24T18:05:00+01:00';
      return { ok: true, value: { tokenId: input.tokenId, outcome: 'revoked' } };
    },
  };
}
