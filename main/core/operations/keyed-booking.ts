// A booking or a counter sale with an Idempotency-Key in one database round trip (issue 25):
// CALL marquee_sell (for a booking, marquee_book_keyed, which is marquee_sell without a payment)
// reserves the key, books, pays and stores the key's answer in one transaction, or hands back the
// answer stored before. What is stored is the sale's facts (the ticket's row and the payment, or
// the refusal and the seats left) with the time zone and currency the answer is worded in, not
// the HTTP body: the body is worded here from those facts, by the same code on the first answer
// and on every replay, so the two are byte for byte the same (the procedure would otherwise have
// to repeat the time zone arithmetic, the ticket code's grouping, the party's totals and the
// error sentences, each of which has its one home in TypeScript). An unkeyed sale is the same
// CALL without a key. The other keyed routes (paying a reservation, refunds) keep
// IdempotencyStore.once (http/idempotency.ts).
import { ERRORS, type ErrorCode } from '../../common/errors';
import { OPERATIONS, type OperationName } from '../../common/operations';

/** Outcomes of the booking itself that are answers worth repeating; anything else frees the key. */
export const REPEATABLE_REFUSALS: readonly ErrorCode[] = ['HOUSEFULL', 'SHOW_EXPIRED'];

/** The operations whose key the database keeps with their work, in the same CALL. */
export const KEYED_IN_ONE_CALL: ReadonlySet<OperationName> = new Set<OperationName>(['book', 'sell']);

/** The key a booking or sale is made under, and what it found out about it. */
export interface KeyedBooking {
  scope: string;
  key: string;
  requestHash: string;
  /** Set by the booking: the answer (ticket or refusal) is the key's, stored before this request. */
  replayed?: boolean;
  /** Set by the booking when it throws a refusal that is the key's answer (not a failure). */
  answered?: boolean;
}

/** How the answer is worded: kept with the facts so a replay is worded as the first answer was. */
export interface AnswerContext {
  timeZone: string;
  currency: string;
}

/** The booking's row as marquee_book answers it, and as the keyed facts hold it. */
export interface BookedRow {
  ticket_id: number;
  ticket_code: string;
  starts_at: Date;
  seats_left: number;
  show_id: number;
  seats: number;
  items: unknown;
}

export type KeyedFacts =
  /** paymentId: a sale's payment (null: free seats, nothing taken; always null for a booking). */
  | { context: AnswerContext; refused?: undefined; row: BookedRow; paymentId: number | null }
  | { context: AnswerContext; refused: ErrorCode; seatsLeft: number | null };

/**
 * The key's answer was not made by marquee_sell: a body IdempotencyStore.once stored
 * (`stored`), or a reservation it holds while its request still runs (`stored` null). The
 * caller answers with the body, or takes the once path, which waits for that answer.
 */
export class KeyHeldByAnotherPath extends Error {
  constructor(readonly stored: { status: number; body: string } | null) {
    super('idempotency key held by IdempotencyStore.once');
    this.name = 'KeyHeldByAnotherPath';
  }
}

/** What marquee_sell is told about answers: statuses (errors.ts is their one home) and the wording's context. */
export function answersArgument(operation: 'book' | 'sell', context: AnswerContext): string {
  return JSON.stringify({
    ok: OPERATIONS[operation].status,
    refusals: Object.fromEntries(REPEATABLE_REFUSALS.map((code) => [code, ERRORS[code].status])),
    context,
  });
}

/** The procedure's answer row as facts; KeyHeldByAnotherPath when another path holds the key. */
export function keyedFacts(row: Record<string, unknown>, keyed: KeyedBooking | undefined): KeyedFacts {
  if (keyed) keyed.replayed = Number(row.replayed) === 1;
  if (row.status === null || row.status === undefined) throw new KeyHeldByAnotherPath(null);
  const text = String(row.response);
  let parsed: Record<string, unknown> | null = null;
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && (value as Record<string, unknown>).marquee_book === 1) parsed = value as Record<string, unknown>;
  } catch {
    // not JSON: a body once stored (bodies are JSON, but nothing here depends on it)
  }
  if (parsed === null) throw new KeyHeldByAnotherPath({ status: Number(row.status), body: text });
  const context = parsed.context as AnswerContext;
  if (typeof parsed.refused === 'string') {
    return { context, refused: parsed.refused as ErrorCode, seatsLeft: parsed.seats_left === null ? null : Number(parsed.seats_left) };
  }
  return {
    context,
    row: {
      ticket_id: Number(parsed.ticket_id),
      ticket_code: String(parsed.ticket_code),
      starts_at: new Date(String(parsed.starts_at)),
      seats_left: Number(parsed.seats_left),
      show_id: Number(parsed.show_id),
      seats: Number(parsed.seats),
      items: parsed.items,
    },
    paymentId: parsed.payment_id === null || parsed.payment_id === undefined ? null : Number(parsed.payment_id),
  };
}
