// The counter's money (issue 22): a sale is a booking and its payment; payments and refunds are
// rows of their own (sql/019_payments.sql), taken under the ticket's row lock by marquee_pay and
// marquee_refund, which also keep ticket_record.paid — UNSIGNED, so no path refunds more than
// was paid. Every money route takes an Idempotency-Key: the request's reference goes on the
// payment row, so a retry finds the payment it made instead of taking a second one.
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import type { PartyItem } from '../../common/schemas';
import { localDayOf, localDayWindow } from '../../common/time';
import type { Database, Row } from '../db/database';
import type { OperationContext, RunOptions } from './context';
import { bookByFacts, partyItemsArgument, resolveTicket } from './tickets';
import { currencyOf } from './ticket-types';

/** A walk-in at the counter gives no name: the ticket still needs one to be found by. */
export const WALK_IN_NAME = 'Walk-in';
/** …nor a phone: one that is no one's (the guest table keys on name and phone). */
const WALK_IN_PHONE = '+0000000000';

/** What is still to pay on a party: nothing once comped, never below nothing (seats given back after paying). */
const amountDueOf = (total: number, paid: number, comped: boolean): number => (comped ? 0 : Math.max(0, total - paid));

/** A party's money state as its holder and the staff read it. */
export function withPayment<T extends { items: PartyItem[]; total: number }>(
  party: T, paid: number, comped: boolean,
): T & { paid: boolean; amountDue: number; refundable: number } {
  const amountDue = amountDueOf(party.total, paid, comped);
  return { ...party, paid: amountDue === 0, amountDue, refundable: paid };
}

interface Payment {
  method: 'cash' | 'card' | 'comp';
  amount: number;
  tendered?: number | undefined;
  reference?: string | undefined;
  reason?: string | undefined;
}

/** Only a manager gives a party free. */
function assertMayPay(payment: Payment, actor: Actor): void {
  if (payment.method === 'comp' && actor.role !== 'manager') {
    throw new MarqueeError('FORBIDDEN', 'Only a manager can give tickets free (comp).', 'payment');
  }
}

const changeOf = (payment: Payment, amount: number) => (payment.method === 'cash' && payment.tendered !== undefined ? payment.tendered - amount : 0);

async function takePayment(ctx: OperationContext, ticketId: number, payment: Payment, actor: Actor, idempotencyRef: string | undefined) {
  const [row] = await ctx.db.call('CALL marquee_pay(?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    ticketId, payment.method, payment.amount, payment.tendered ?? null, payment.reference ?? null, payment.reason ?? null,
    actor.label, actor.tokenId ?? null, idempotencyRef ?? null,
  ]).catch((err: unknown) => explainMoneyRefusal(err));
  if (!row) throw new MarqueeError('INTERNAL');
  return { paymentId: Number(row.payment_id), paid: Number(row.paid), total: Number(row.total), comped: Number(row.comped) === 1 };
}

/** The amount a refusal is about, from the signalled reference, as details a client words. */
function explainMoneyRefusal(err: unknown): never {
  if (err instanceof MarqueeError && err.details?.ref !== undefined) {
    if (err.code === 'AMOUNT_MISMATCH') throw new MarqueeError('AMOUNT_MISMATCH', undefined, 'payment', { details: { amountDue: err.details.ref } });
    if (err.code === 'REFUND_TOO_LARGE') throw new MarqueeError('REFUND_TOO_LARGE', undefined, 'amount', { details: { refundable: err.details.ref } });
  }
  throw err;
}

/**
 * A sale: the party is booked (the seller's role its channel, tied to the request's reference)
 * and paid in one CALL, marquee_sell, one database transaction — with an Idempotency-Key, the key
 * and its answer in it too — so a sale is all or nothing whatever happens in between: a refused
 * payment (the amount is not the total) rolls the booking back, and a serve killed meanwhile
 * leaves no ticket holding seats unpaid — its session drops and the server rolls it back. A retry
 * finds the key's answer; one on the slow path (a key an older build reserved:
 * IdempotencyStore.once) finds the committed ticket and payment by the same reference, or waits
 * on their locks first.
 */
export async function sell(
  ctx: OperationContext, input: ParsedInput<'sell'>, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<'sell'>> {
  assertMayPay(input.payment, actor);
  const { payment } = input;
  const keyed = options.keyed;
  const { booked, paymentId } = await bookByFacts(ctx, {
    userName: input.userName ?? WALK_IN_NAME, phoneNo: input.phoneNo ?? WALK_IN_PHONE, showId: input.showId, items: input.items,
  }, actor, options, 'sell', (answers, bookingArgs) => ctx.db.call(
    'CALL marquee_sell(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      keyed?.scope ?? null, keyed?.key ?? null, keyed?.requestHash ?? null, answers, ...bookingArgs,
      payment.method, payment.amount, payment.tendered ?? null, payment.reference ?? null, payment.reason ?? null, actor.tokenId ?? null,
    ],
  )).catch((err: unknown) => explainMoneyRefusal(err));
  return {
    ticketId: booked.ticketId,
    ticketCode: booked.ticketCode,
    showId: booked.showId,
    showTime: booked.showTime,
    userName: booked.userName,
    seats: booked.seats,
    items: booked.items,
    total: booked.total,
    currency: booked.currency,
    paid: true,
    paymentId,
    change: changeOf(payment, booked.total),
  };
}

export async function payTicket(
  ctx: OperationContext, input: ParsedInput<'payTicket'>, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<'payTicket'>> {
  assertMayPay(input.payment, actor);
  const ticketId = await resolveTicket(ctx, input, actor);
  const paid = await takePayment(ctx, ticketId, input.payment, actor, options.idempotencyRef);
  return {
    ticketId,
    paymentId: paid.paymentId,
    paid: paid.paid,
    total: paid.total,
    amountDue: amountDueOf(paid.total, paid.paid, paid.comped),
    change: changeOf(input.payment, input.payment.amount),
    currency: currencyOf(ctx),
  };
}


/** A counter gives back money only on what it sold itself today; a manager on anything. */
async function assertMayRefund(ctx: OperationContext, ticketId: number, actor: Actor): Promise<void> {
  if (actor.role === 'manager') return;
  const { timeZone } = ctx.config;
  const [start, end] = localDayWindow(localDayOf(new Date(), timeZone), timeZone);
  const [own] = await ctx.db.rows(
    "SELECT 1 AS yes FROM payment WHERE ticket_id = ? AND kind = 'payment' AND token_id <=> ? AND at >= ? AND at < ? LIMIT 1",
    [ticketId, actor.tokenId ?? null, start, end],
  );
  if (!own) throw new MarqueeError('FORBIDDEN', "A counter refunds only its own sales of today; ask a manager for this one.");
}

export async function refundTicket(
  ctx: OperationContext, input: ParsedInput<'refundTicket'>, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<'refundTicket'>> {
  const ticketId = await resolveTicket(ctx, input, actor);
  await assertMayRefund(ctx, ticketId, actor);
  const ref = options.idempotencyRef ?? null;
  const refund = (db: Database, amount: number) => db.call('CALL marquee_refund(?, ?, ?, ?, ?, ?, ?)', [
    ticketId, input.method, amount, input.reason, actor.label, actor.tokenId ?? null, ref,
  ]);
  const answer = (row: Row | undefined, amount: number, seats: number | null) => {
    if (!row) throw new MarqueeError('INTERNAL');
    return { ticketId, paymentId: Number(row.payment_id), amount, seats, paid: Number(row.paid), currency: currencyOf(ctx) };
  };
  if (input.items === undefined) {
    const [row] = await refund(ctx.db, input.amount!).catch((err: unknown) => explainMoneyRefusal(err));
    return answer(row, input.amount!, null);
  }
  // Whole seats: given back (on sale again) with their money, in one transaction, so the party
  // never keeps seats it was refunded nor loses seats it still paid for. Under the ticket's row
  // lock a retry that finds its refund already made answers that one and releases nothing more.
  const items = input.items;
  return ctx.db.transaction(async (tx) => {
    await tx.rows('SELECT ticket_id FROM ticket_record WHERE ticket_id = ? FOR UPDATE', [ticketId]);
    const [done] = ref === null ? [] : await tx.rows("SELECT amount FROM payment WHERE idem_ref = ? AND kind = 'refund'", [ref]);
    if (done) {
      const [row] = await refund(tx, Number(done.amount));
      return answer(row, Number(done.amount), null);
    }
    // As a cancel of seats: only a manager gives back seats of a party already (partly) in.
    const keepCheckedIn = actor.role === 'manager' ? 0 : 1;
    const [released] = await tx.call('CALL marquee_release_seats(?, ?, ?, ?)', [ticketId, partyItemsArgument(items), keepCheckedIn, actor.label]);
    const amount = Number(released?.released_amount ?? 0);
    if (amount === 0) throw new MarqueeError('INVALID_INPUT', 'items: these seats hold no money to give back; give them back with a cancel instead', 'items');
    const [row] = await refund(tx, amount).catch((err: unknown) => explainMoneyRefusal(err));
    return answer(row, amount, Number(released?.seats ?? 0));
  });
}
