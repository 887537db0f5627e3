// Error codes of the public contract (docs/ARCHITECTURE.md, "The one contract"). Runs anywhere: core, shell, renderer.
// One table: the HTTP status and the default sentence for each code.

export const ERRORS = {
  INVALID_INPUT: { status: 400, message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'A valid device token is required (Authorization: Bearer <token>).' },
  FORBIDDEN: { status: 403, message: "This device's role may not do that." },
  TICKET_NOT_FOUND: { status: 404, message: 'No such ticket. Check the ticket number.' },
  SHOW_NOT_FOUND: { status: 404, message: 'There is no show at that time. Please pick a show from the list.' },
  SCREEN_NOT_FOUND: { status: 404, message: 'There is no such screen. Please pick a screen from the list.' },
  FILM_NOT_FOUND: { status: 404, message: 'There is no such film. Please pick a film from the list.' },
  TICKET_TYPE_NOT_FOUND: { status: 404, message: 'There is no such kind of ticket. Please pick one from the list.' },
  NOT_FOUND: { status: 404, message: 'No such route.' },
  DEVICE_NOT_FOUND: { status: 404, message: 'There is no such device token. Check the list of devices.' },
  PAIRING_CODE_INVALID: {
    status: 404,
    message: 'That pairing code is not valid: it may be mistyped, already used, or older than 10 minutes. Ask the manager for a new code.',
  },
  SHOW_EXISTS: { status: 409, message: 'There is already a show at that time. Edit it instead.' },
  CAPACITY_BELOW_SOLD: { status: 409, message: 'The capacity cannot be below the seats already sold.' },
  /** details: `tickets` (how many). */
  SHOW_HAS_TICKETS: { status: 409, message: 'This show has tickets. Move or cancel them before deleting the show.' },
  HOUSEFULL: { status: 409, message: 'This show is sold out. Please pick another show time.' },
  /** A showTime that names shows on several screens; details: `showTime`, `candidates` (JSON: [{showId, screenId, screenName, filmId, filmTitle}]). */
  AMBIGUOUS_SHOW: { status: 409, message: 'Several shows start at that time. Pick the show by its showId.' },
  /** One screen never holds two overlapping shows; details name the show in the way: `showId`, `showTime`, `endsAt`, `title`, `screenId`, `screenName`. */
  SCREEN_BUSY: { status: 409, message: 'That screen is taken at that time by another show.' },
  /** A screen with shows still to come cannot be deleted; details: `futureShows`. */
  SCREEN_HAS_SHOWS: { status: 409, message: 'This screen has shows still to come. Move or delete them first.' },
  SCREEN_EXISTS: { status: 409, message: 'There is already a screen with that name.' },
  LAST_SCREEN: { status: 409, message: 'The theatre keeps at least one screen: shows made without naming a screen go to it.' },
  /** A pairing code redeemed on a page for another role; the code stays valid. details: `role` (the code's), `expectRole`. */
  WRONG_ROLE: { status: 409, message: 'That pairing code is for another kind of device. Open the page for that device, or ask the manager for a code for this one.' },
  /** A cancelled screening: it cannot be booked, moved to, rescheduled or cancelled again. details: `showId`, `cancelledAt`, `reason`. */
  SHOW_CANCELLED: { status: 409, message: 'This screening was cancelled. Please pick another show.' },
  /** A show made or moved to a time that has passed, without confirmPast; details: `showTime`. */
  SHOW_IN_PAST: { status: 409, message: 'That time has already passed. Check the date and AM/PM, or confirm to make it anyway.' },
  /** A type's seats for this show are all sold; details: `ticketTypeId`, `name`, `quotaPerShow`, `left`, and `atCounter: 'true'` when a kiosk is refused only the spaces held for the counter. */
  QUOTA_FULL: { status: 409, message: 'No more tickets of that kind are left for this show. Please pick another kind or show.' },
  /** details: `ticketTypeId`, `name`. */
  TICKET_TYPE_INACTIVE: { status: 409, message: 'That kind of ticket is not on sale any more. Please pick another.' },
  TICKET_TYPE_EXISTS: { status: 409, message: 'There is already a ticket type with that name.' },
  /** Tickets were sold of it: it can be deactivated (active: false) instead. */
  TICKET_TYPE_IN_USE: { status: 409, message: 'Tickets were sold of this type, so it cannot be deleted. Deactivate it instead.' },
  /** The default type (a booking without items takes it) stays on sale: make another type the default first. */
  DEFAULT_TICKET_TYPE: { status: 409, message: 'This is the default ticket type. Make another type the default first.' },
  /** Seats given back that the party does not hold (a type not in it, or more than it has). */
  NOT_IN_PARTY: { status: 409, message: 'This ticket does not hold those seats. Check the kinds and numbers to give back.' },
  /** Nothing is due on this ticket (paid in full, or given free). */
  ALREADY_PAID: { status: 409, message: 'This ticket is already paid.' },
  /** A payment must be the amount due, no more, no less; details: `amountDue` (minor units). */
  AMOUNT_MISMATCH: { status: 409, message: 'The amount is not what is due on this ticket. Check the amount and try again.' },
  /** More back than the ticket holds; details: `refundable` (minor units). */
  REFUND_TOO_LARGE: { status: 409, message: 'That is more than was paid for this ticket.' },
  /** The drawer was already closed for that day with another count; details: `counted`, `expected`, `difference`, `closedBy`, `closedAt` (the first close). */
  CASHUP_CLOSED: { status: 409, message: 'This drawer was already counted and closed for that day.' },
  /** details: `checkedInAt`, `checkedInBy`, `seats`, `admitted` (how many of the party are in). */
  ALREADY_CHECKED_IN: { status: 409, message: 'This ticket was already used to enter.' },
  /** A reservation with something still to pay, at a door that does not admit unpaid parties; details: `amountDue` (minor units), `currency`. */
  NOT_PAID: { status: 409, message: 'This ticket is not paid yet. Please pay at the counter.' },
  /** A scoped door scanned another screen's ticket; details: `screenId`, `screenName`, `screenNotes` (where it is), `showTime`. */
  WRONG_ENTRANCE: { status: 409, message: 'This ticket is for another screen. Please go to its entrance.' },
  /**
   * A ticket code looked up or scanned after its ticket was cancelled; details: `cancelledAt`, and when
   * its screening was cancelled (/show/cancel) also `screeningCancelledAt`, `showTime` and `reason`.
   */
  TICKET_CANCELLED: { status: 410, message: 'This ticket was cancelled.' },
  /** A reservation released before its show because it was not paid in time (MARQUEE_RESERVATION_HOLD_MINUTES); details: `releasedAt`, `showTime`. */
  RESERVATION_RELEASED: { status: 410, message: 'Released: this reservation was not paid in time, so its seats went back on sale.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large (16 KiB at most; a film poster 2 MB).' },
  SHOW_EXPIRED: { status: 422, message: 'This show time has expired. Please pick an upcoming show.' },
  CHECKIN_NOT_OPEN: { status: 422, message: 'Doors for this show are not open yet.' },
  CHECKIN_CLOSED: { status: 422, message: 'This ticket is for a show that has ended.' },
  IDEMPOTENCY_MISMATCH: { status: 422, message: 'This Idempotency-Key was already used with a different request.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Please wait a moment and try again.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Please try again.' },
  DB_UNAVAILABLE: { status: 503, message: 'The box office database is not reachable right now. Retrying shortly.' },
  SERVER_BUSY: { status: 503, message: 'The box office server is busy right now. Please try again in a moment.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** The input field at fault, for INVALID_INPUT. */
  field?: string;
  /** Facts behind the refusal, for a client to word in its own language (e.g. when and where a ticket was checked in). */
  details?: Record<string, string>;
}

export class MarqueeError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Record<string, string> | undefined;

  constructor(
    code: ErrorCode, message: string = ERRORS[code].message, field?: string,
    extra: { details?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'MarqueeError';
    this.code = code;
    this.field = field;
    this.details = extra.details;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

/** Anything thrown, as a body safe to show: never a stack trace or a driver message. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof MarqueeError) return err.toBody();
  return { code: 'INTERNAL', message: ERRORS.INTERNAL.message };
}

/** The shape results take across IPC, where Electron would lose an Error's details. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
