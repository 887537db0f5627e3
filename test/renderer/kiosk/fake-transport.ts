// An in-memory box office behind the kiosk's own Transport interface, for store and
// component tests. It keeps the rules the kiosk reacts to (capacity, ticket code, ticket
// types and their quotas, the largest party) simple; the real rules are tested against the
// real server in test/e2e.
import { ERRORS, type Result } from '../../../main/common/errors';
import type { OperationInput, OperationName, OperationOutput } from '../../../main/common/operations';
import type { ErrorCode } from '../../../main/common/errors';
import type { Film, PartyItem, Show } from '../../../main/common/schemas';
import { formatTicketCode, normalizeTicketCode, ticketCodeFromBits } from '../../../main/common/ticket-code';
import type { Transport } from '../../../renderer/src/shared/transport';
import { FakeBoxOffice, fakePairing, type FakePairing, type Handler } from '../shared/fake-box-office';
import { ONE_SEAT } from '../party-fixture';

/** The fake's code for a ticket number: well-formed and fixed, so tests can type it. */
export function fakeTicketCode(ticketId: number): string {
  return formatTicketCode(ticketCodeFromBits((BigInt(ticketId) * 0x9e3779b97f4an) & ((1n << 55n) - 1n)));
}

export interface FakeTicket {
  ticketId: number;
  showId: number;
  userName: string;
  phoneNo: string;
  items: PartyItem[];
}

/** A ticket type as the fake sells it: the same price at every show. */
export interface FakeTicketType {
  ticketTypeId: number;
  name: string;
  price: number;
  quotaPerShow: number | null;
  /** A wheelchair space: the kiosk lists it first, with the symbol of access. */
  accessible?: boolean;
  /** Of the quota, spaces only the counter sells: this kiosk's share ends above them. */
  heldForCounter?: number;
}

/** The seed's one type: what a theatre that set no prices sells. */
export const STANDARD: FakeTicketType = { ticketTypeId: ONE_SEAT.items[0]!.ticketTypeId, name: 'Standard', price: 0, quotaPerShow: null };
/** A family's types: adults, and children with a quota of 4 a show. */
export const ADULT: FakeTicketType = { ticketTypeId: 2, name: 'Adult', price: 950, quotaPerShow: null };
export const CHILD: FakeTicketType = { ticketTypeId: 3, name: 'Child', price: 600, quotaPerShow: 4 };

const partySeats = (items: readonly { count: number }[]) => items.reduce((sum, i) => sum + i.count, 0);

export { makeShow, showTimeIn } from '../shared/shows';

export class FakeTransport extends FakeBoxOffice<OperationName> implements Transport {
  readonly kind = 'http' as const;
  pairing: FakePairing | null;
  tickets = new Map<number, FakeTicket>();
  printed = 0;
  /** One-time pairing codes the manager has made, and the role each pairs as. */
  codes = new Map<string, string>([['123456', 'kiosk']]);
  /** Codes of cancelled tickets and when, as the server's audit trail keeps them. */
  cancelled = new Map<string, string>();
  /** The programme's films (/film/list), for their posters. */
  films: Film[] = [];
  /** The types on sale, in display order; the first is the default a booking without items takes. */
  ticketTypes: FakeTicketType[] = [STANDARD];
  currency = 'USD';
  maxParty = 10;
  private nextTicket = 1;

  constructor(shows: Show[], options: { paired?: boolean | null; timeZone?: string } = {}) {
    super(shows);
    const paired = options.paired === undefined ? true : options.paired;
    this.timeZone = options.timeZone;
    this.pairing = paired === null ? null : fakePairing(paired ? 'kiosk-token' : null);
  }

  private timeZone: string | undefined;

  /** A refusal with the details the server gives it. */
  refuse(code: ErrorCode, details: Record<string, string | number>): Result<never> {
    const stringified = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, String(v)]));
    return { ok: false, error: { code, message: ERRORS[code].message, details: stringified } };
  }

  /** Seats of `typeId` the show's live tickets hold. */
  takenOf(showId: number, typeId: number): number {
    let taken = 0;
    for (const t of this.tickets.values()) if (t.showId === showId) taken += t.items.find((i) => i.ticketTypeId === typeId)?.count ?? 0;
    return taken;
  }

  private unsoldOf(show: Show, type: FakeTicketType): number | null {
    return type.quotaPerShow === null ? null : Math.max(0, Math.min(type.quotaPerShow - this.takenOf(show.showId, type.ticketTypeId), show.seatsLeft));
  }

  /** What a kiosk may still buy of a type: the unsold spaces above the ones held for the counter. */
  private leftOf(show: Show, type: FakeTicketType): number | null {
    const unsold = this.unsoldOf(show, type);
    return unsold === null ? null : Math.max(0, Math.min(unsold, type.quotaPerShow! - (type.heldForCounter ?? 0) - this.takenOf(show.showId, type.ticketTypeId)));
  }

  private typeFields(t: FakeTicketType) {
    return { ticketTypeId: t.ticketTypeId, name: t.name, price: t.price, quotaPerShow: t.quotaPerShow, accessible: t.accessible ?? false, heldForCounter: t.heldForCounter ?? 0 };
  }

  private partyOf(ticket: FakeTicket) {
    return { seats: partySeats(ticket.items), admitted: 0, items: ticket.items.map((i) => ({ ...i })), total: ticket.items.reduce((sum, i) => sum + i.count * i.unitPrice, 0) };
  }

  /** Replaces one operation's behaviour until cleared with `undefined`. */
  override<K extends OperationName>(name: K, handler: ((input: OperationInput<K>) => Result<OperationOutput<K>>) | undefined) {
    this.setOverride(name, handler as Handler | undefined);
  }

  async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> {
    this.calls.push({ name, input });
    if (this.gate) await this.gate;
    // Redeeming a pairing code is the one operation a device without a token may ask.
    if (this.pairing && this.pairing.token !== 'kiosk-token' && name !== 'redeemPairing') return this.fail('UNAUTHENTICATED');
    if (this.down) return this.fail('DB_UNAVAILABLE');
    return this.dispatch(name, input, this.handlers as Record<string, Handler>, 'FORBIDDEN');
  }

  async printTicket(): Promise<Result<null>> {
    this.printed++;
    return { ok: true, value: null };
  }

  async theatreTimeZone() {
    return this.timeZone;
  }

  private ownTicket(input: { ticketCode?: string | undefined }) {
    const wanted = normalizeTicketCode(input.ticketCode ?? '');
    return [...this.tickets.values()].find((t) => normalizeTicketCode(fakeTicketCode(t.ticketId)) === wanted);
  }

  /** No live ticket has the code: TICKET_CANCELLED if one had it, else TICKET_NOT_FOUND. */
  private gone(input: { ticketCode?: string | undefined }): Result<never> {
    const cancelledAt = this.cancelled.get(normalizeTicketCode(input.ticketCode ?? '') ?? '');
    if (cancelledAt === undefined) return this.fail('TICKET_NOT_FOUND');
    return { ok: false, error: { code: 'TICKET_CANCELLED', message: ERRORS.TICKET_CANCELLED.message, details: { cancelledAt } } };
  }

  private handlers = {
    listShows: () => ({ ok: true, value: this.shows.map((s) => ({ ...s })) }),
    listFilms: () => ({ ok: true, value: { films: this.films.map((f) => ({ ...f })) } }),
    deviceSelf: () => ({ ok: true, value: { role: 'kiosk', label: 'Lobby kiosk', tokenId: 5 } }),
    redeemPairing: (input: OperationInput<'redeemPairing'>) => {
      const role = this.codes.get(String(input.code));
      if (role === undefined) return this.fail('PAIRING_CODE_INVALID');
      this.codes.delete(String(input.code));
      return { ok: true, value: { tokenId: 5, label: 'Lobby kiosk', role, token: `${role}-token` } };
    },
    listTicketTypes: () => ({
      ok: true,
      value: {
        currency: this.currency,
        ticketTypes: this.ticketTypes.map((t, index) => ({ ...this.typeFields(t), active: true, sortOrder: index, isDefault: index === 0, inUse: false })),
      },
    }),
    showTicketTypes: (input: OperationInput<'showTicketTypes'>) => {
      const show = this.showAt(undefined, input.showId);
      if (!show) return this.fail('SHOW_NOT_FOUND');
      return {
        ok: true,
        value: {
          showId: show.showId, currency: this.currency, seatsLeft: show.seatsLeft, maxParty: this.maxParty,
          ticketTypes: this.ticketTypes.map((t) => {
            const left = this.leftOf(show, t);
            return { ...this.typeFields(t), left, atCounter: left === 0 && (this.unsoldOf(show, t) ?? 0) > 0 };
          }),
        },
      };
    },
    book: (input: OperationInput<'book'>) => {
      const show = this.showAt(input.showTime, input.showId);
      if (!show || show.isExpired) return this.fail('SHOW_EXPIRED');
      if (show.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      const wanted = input.items ?? [{ ticketTypeId: this.ticketTypes[0]!.ticketTypeId, count: input.seats ?? 1 }];
      const items: PartyItem[] = [];
      for (const { ticketTypeId: id, count } of wanted) {
        const ticketTypeId = Number(id);
        const type = this.ticketTypes.find((t) => t.ticketTypeId === ticketTypeId);
        if (!type) return this.refuse('TICKET_TYPE_NOT_FOUND', { ticketTypeId });
        items.push({ ticketTypeId, name: type.name, count, unitPrice: type.price });
      }
      const seats = partySeats(items);
      if (seats > this.maxParty) return this.fail('INVALID_INPUT', 'items');
      if (show.seatsLeft < seats) return this.refuse('HOUSEFULL', { seatsLeft: show.seatsLeft });
      for (const item of items) {
        const type = this.ticketTypes.find((t) => t.ticketTypeId === item.ticketTypeId)!;
        const left = this.leftOf(show, type);
        if (left !== null && left < item.count) {
          // As the server words it: refused only the spaces held for the counter.
          const details: Record<string, string | number> = { ticketTypeId: type.ticketTypeId, name: type.name, quotaPerShow: type.quotaPerShow!, left };
          if (left === 0 && (this.unsoldOf(show, type) ?? 0) > 0) details.atCounter = 'true';
          return this.refuse('QUOTA_FULL', details);
        }
      }
      this.seat(show, seats);
      const ticket = { ticketId: this.nextTicket++, showId: show.showId, userName: input.userName.trim(), phoneNo: String(input.phoneNo), items };
      this.tickets.set(ticket.ticketId, ticket);
      const { admitted: _admitted, ...party } = this.partyOf(ticket);
      return {
        ok: true,
        value: {
          ticketId: ticket.ticketId, ticketCode: fakeTicketCode(ticket.ticketId), showId: show.showId, showTime: show.showTime,
          userName: ticket.userName, seatsLeft: show.seatsLeft, ...party, currency: this.currency,
        },
      };
    },
    lookupTicket: (input: OperationInput<'lookupTicket'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.gone(input);
      const show = this.shows.find((s) => s.showId === ticket.showId)!;
      return {
        ok: true,
        value: {
          ticketId: ticket.ticketId, ticketCode: fakeTicketCode(ticket.ticketId), userName: ticket.userName, phoneNo: ticket.phoneNo,
          showId: show.showId, showTime: show.showTime, isExpired: false, checkedInAt: null, checkedInBy: null, ...this.partyOf(ticket),
        },
      };
    },
    move: (input: OperationInput<'move'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.gone(input);
      const target = this.showAt(input.showTime, input.showId);
      if (!target) return this.fail('SHOW_EXPIRED');
      if (target.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      const seats = partySeats(ticket.items);
      if (target.seatsLeft < seats) return this.refuse('HOUSEFULL', { seatsLeft: target.seatsLeft });
      this.seat(this.shows.find((s) => s.showId === ticket.showId)!, -seats);
      this.seat(target, seats);
      ticket.showId = target.showId;
      return { ok: true, value: { ticketId: ticket.ticketId, showId: target.showId, showTime: target.showTime, seatsLeft: target.seatsLeft } };
    },
    cancel: (input: OperationInput<'cancel'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.gone(input);
      const show = this.shows.find((s) => s.showId === ticket.showId)!;
      const seats = partySeats(ticket.items);
      const released = input.items ? partySeats(input.items) : seats;
      for (const given of input.items ?? []) {
        const item = ticket.items.find((i) => i.ticketTypeId === given.ticketTypeId);
        if (!item || item.count < given.count) return this.fail('INVALID_INPUT', 'items');
      }
      this.seat(show, -released);
      if (released < seats) {
        ticket.items = ticket.items
          .map((i) => ({ ...i, count: i.count - (input.items!.find((g) => g.ticketTypeId === i.ticketTypeId)?.count ?? 0) }))
          .filter((i) => i.count > 0);
        return { ok: true, value: { ticketId: ticket.ticketId, seats: seats - released, released } };
      }
      this.tickets.delete(ticket.ticketId);
      this.cancelled.set(normalizeTicketCode(fakeTicketCode(ticket.ticketId))!, new Date().toISOString());
      return { ok: true, value: { ticketId: ticket.ticketId, seats: 0, released } };
    },
  };

  /** Books directly, as another kiosk would. */
  bookElsewhere(showId: number, phoneNo = '555000111') {
    const show = this.shows.find((s) => s.showId === showId)!;
    return this.handlers.book({ userName: 'Someone Else', phoneNo, showId: show.showId });
  }
}
