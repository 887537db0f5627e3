// An in-memory box office behind the kiosk's own Transport interface, for store and
// component tests. It keeps the rules the kiosk reacts to (capacity, ticket code) simple;
// the real rules are tested against the real server in test/e2e.
import { ERRORS, type Result } from '../../../main/common/errors';
import type { OperationInput, OperationName, OperationOutput } from '../../../main/common/operations';
import type { Film, Show } from '../../../main/common/schemas';
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
}

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
  private nextTicket = 1;

  constructor(shows: Show[], options: { paired?: boolean | null; timeZone?: string } = {}) {
    super(shows);
    const paired = options.paired === undefined ? true : options.paired;
    this.timeZone = options.timeZone;
    this.pairing = paired === null ? null : fakePairing(paired ? 'kiosk-token' : null);
  }

  private timeZone: string | undefined;

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
    book: (input: OperationInput<'book'>) => {
      const show = this.showAt(input.showTime, input.showId);
      if (!show || show.isExpired) return this.fail('SHOW_EXPIRED');
      if (show.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      if (show.seatsLeft <= 0) return this.fail('HOUSEFULL');
      this.seat(show, 1);
      const ticket = { ticketId: this.nextTicket++, showId: show.showId, userName: input.userName.trim(), phoneNo: String(input.phoneNo) };
      this.tickets.set(ticket.ticketId, ticket);
      return {
        ok: true,
        value: {
          ticketId: ticket.ticketId, ticketCode: fakeTicketCode(ticket.ticketId), showId: show.showId, showTime: show.showTime,
          userName: ticket.userName, seatsLeft: show.seatsLeft, ...ONE_SEAT, currency: 'USD',
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
          showId: show.showId, showTime: show.showTime, isExpired: false, checkedInAt: null, checkedInBy: null, ...ONE_SEAT,
        },
      };
    },
    move: (input: OperationInput<'move'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.gone(input);
      const target = this.showAt(input.showTime, input.showId);
      if (!target) return this.fail('SHOW_EXPIRED');
      if (target.cancelledAt !== null) return this.fail('SHOW_CANCELLED');
      if (target.seatsLeft <= 0) return this.fail('HOUSEFULL');
      this.seat(this.shows.find((s) => s.showId === ticket.showId)!, -1);
      this.seat(target, 1);
      ticket.showId = target.showId;
      return { ok: true, value: { ticketId: ticket.ticketId, showId: target.showId, showTime: target.showTime, seatsLeft: target.seatsLeft } };
    },
    cancel: (input: OperationInput<'cancel'>) => {
      const ticket = this.ownTicket(input);
      if (!ticket) return this.gone(input);
      this.tickets.delete(ticket.ticketId);
      this.cancelled.set(normalizeTicketCode(fakeTicketCode(ticket.ticketId))!, new Date().toISOString());
      this.seat(this.shows.find((s) => s.showId === ticket.showId)!, -1);
      return { ok: true, value: { ticketId: ticket.ticketId } };
    },
  };

  /** Books directly, as another kiosk would. */
  bookElsewhere(showId: number, phoneNo = '555000111') {
    const show = this.shows.find((s) => s.showId === showId)!;
    return this.handlers.book({ userName: 'Someone Else', phoneNo, showId: show.showId });
  }
}
