// An in-memory box office behind the kiosk's own Transport interface, for store and
// component tests. It keeps the rules the kiosk reacts to (capacity, phone match) simple;
// the real rules are tested against the real server in test/e2e.
import { ERRORS, type ErrorCode, type Result } from '../../main/common/errors';
import type { OperationInput, OperationName, OperationOutput } from '../../main/common/operations';
import type { SeatUpdate, Show } from '../../main/common/schemas';
import type { Pairing, Transport } from '../../renderer/src/transport';

export interface FakeTicket {
  ticketId: number;
  showId: number;
  userName: string;
  phoneNo: string;
}

// Each operation's handler takes its own input type; `never` lets one map hold them all.
type Handler = (input: never) => Result<unknown>;

export function makeShow(showId: number, showTime: string, overrides: Partial<Show> = {}): Show {
  const capacity = overrides.capacity ?? 20;
  const booked = overrides.booked ?? 0;
  return { showId, showTime, title: 'The Night Watch', capacity, booked, seatsLeft: capacity - booked, isExpired: false, ...overrides };
}

/** ISO time with a +01:00 offset, `minutes` from `base`. */
export function showTimeIn(minutes: number, base = Date.now()): string {
  const local = new Date(base + minutes * 60_000 + 3_600_000);
  local.setUTCSeconds(0, 0);
  return `${local.toISOString().slice(0, 19)}+01:00`;
}

export class FakeTransport implements Transport {
  readonly kind = 'http' as const;
  pairing: (Pairing & { token: string | null }) | null;
  calls: Array<{ name: OperationName; input: unknown }> = [];
  shows: Show[];
  tickets = new Map<number, FakeTicket>();
  down = false;
  /** Answers wait for this before resolving, to test slow answers. */
  gate: Promise<void> | null = null;
  printed = 0;
  private nextTicket = 1;
  private seatListeners = new Set<(update: SeatUpdate) => void>();
  private overrides = new Map<OperationName, Handler>();

  constructor(shows: Show[], options: { paired?: boolean | null; timeZone?: string } = {}) {
    this.shows = shows.map((s) => ({ ...s }));
    const paired = options.paired === undefined ? true : options.paired;
    this.timeZone = options.timeZone;
    this.pairing =
      paired === null
        ? null
        : {
            token: paired ? 'kiosk-token' : null,
            isPaired() {
              return this.token !== null;
            },
            pair(token: string) {
              this.token = token;
            },
            forget() {
              this.token = null;
            },
          };
  }

  private timeZone: string | undefined;

  /** Replaces one operation's behaviour until cleared with `undefined`. */
  override<K extends OperationName>(name: K, handler: ((input: OperationInput<K>) => Result<OperationOutput<K>>) | undefined) {
    if (handler) this.overrides.set(name, handler as Handler);
    else this.overrides.delete(name);
  }

  fail(code: ErrorCode, field?: string): Result<never> {
    return { ok: false, error: field ? { code, message: ERRORS[code].message, field } : { code, message: ERRORS[code].message } };
  }

  pushSeats(update: SeatUpdate) {
    for (const listener of this.seatListeners) listener(update);
  }

  callsOf(name: OperationName) {
    return this.calls.filter((c) => c.name === name);
  }

  async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> {
    this.calls.push({ name, input });
    if (this.gate) await this.gate;
    if (this.pairing && this.pairing.token !== 'kiosk-token') return this.fail('UNAUTHENTICATED');
    if (this.down) return this.fail('DB_UNAVAILABLE');
    const handler = this.overrides.get(name) ?? (this.handlers as Record<string, Handler>)[name];
    if (!handler) return this.fail('FORBIDDEN');
    return (handler as (input: unknown) => Result<unknown>)(input) as Result<OperationOutput<K>>;
  }

  onSeats(listener: (update: SeatUpdate) => void) {
    this.seatListeners.add(listener);
    return () => this.seatListeners.delete(listener);
  }

  async printTicket(): Promise<Result<null>> {
    this.printed++;
    return { ok: true, value: null };
  }

  async theatreTimeZone() {
    return this.timeZone;
  }

  private showAt(showTime: string) {
    return this.shows.find((s) => Date.parse(s.showTime) === Date.parse(showTime));
  }

  private seat(show: Show, delta: number) {
    show.booked += delta;
    show.seatsLeft = show.capacity - show.booked;
  }

  private ownTicket(input: { ticketId: number | string; phoneNo?: string | number }) {
    const ticket = this.tickets.get(Number(input.ticketId));
    return ticket && ticket.phoneNo === String(input.phoneNo) ? ticket : undefined;
  }

  private handlers = {
    listShows: () => ({ ok: true, value: this.shows.map((s) => ({ ...s })) }),
    book: (input: OperationInput<'book'>) => {
      const show = this.showAt(input.showTime);
      if (!show || show.isExpired) return this.fail('SHOW_EXPIRED');
      if (show.seatsLeft <= 0) return this.fail('HOUSEFULL');
      this.seat(show, 1);
      const ticket = { ticketId: this.nextTicket++, showId: show.showId, userName: input.userName.trim(), phoneNo: String(input.phoneNo) };
      this.tickets.set(ticket.ticketId, ticket);
      return { ok: true, value: { ticketId: ticket.ticketId, showTime: show.showTime, userName: ticket.userName, seatsLeft: show.seatsLeft } };
    },
    viewGuest: (input: OperationInput<'viewGuest'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      const show = this.shows.find((s) => s.showId === ticket.showId)!;
      return { ok: true, value: { ticketId: ticket.ticketId, userName: ticket.userName, phoneNo: ticket.phoneNo, showTime: show.showTime, isExpired: false } };
    },
    changeShowTime: (input: OperationInput<'changeShowTime'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      const target = this.showAt(input.showTime);
      if (!target) return this.fail('SHOW_EXPIRED');
      if (target.seatsLeft <= 0) return this.fail('HOUSEFULL');
      this.seat(this.shows.find((s) => s.showId === ticket.showId)!, -1);
      this.seat(target, 1);
      ticket.showId = target.showId;
      return { ok: true, value: { ticketId: ticket.ticketId, showTime: target.showTime, seatsLeft: target.seatsLeft } };
    },
    delete: (input: OperationInput<'delete'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.fail('TICKET_NOT_FOUND');
      this.tickets.delete(ticket.ticketId);
      this.seat(this.shows.find((s) => s.showId === ticket.showId)!, -1);
      return { ok: true, value: { ticketId: ticket.ticketId } };
    },
  };

  /** Books directly, as another kiosk would. */
  bookElsewhere(showId: number, phoneNo = '555000111') {
    const show = this.shows.find((s) => s.showId === showId)!;
    return this.handlers.book({ userName: 'Someone Else', phoneNo, showTime: show.showTime });
  }
}
