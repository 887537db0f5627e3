// The ticket operations. Rules live in the database (procedures + triggers); this module
// converts times, shapes rows for the caller's role and maps the answers.
import { MarqueeError } from '../../common/errors';
import { mayRun, type Actor, type OperationOutput, type ParsedInput, type Role } from '../../common/operations';
import { formatTicketCode, normalizeTicketCode } from '../../common/ticket-code';
import type { TicketRow } from '../../common/schemas';
import { formatInZone } from '../../common/time';
import type { Params, Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext, RosterStamp, RunOptions } from './context';
import { phoneFor } from './privacy';
import { NO_SUCH_SHOW, resolveShow, startOfRef, type ShowRef } from './shows';
import { newTicketCode } from './ticket-codes';
import { answersArgument, keyedFacts, type AnswerContext, type BookedRow } from './keyed-booking';
import { withPayment } from './payments';
import { currencyOf, heldFrom, maxPartyOf, PARTY_ITEMS_SQL, parseParty } from './ticket-types';

const EXPIRED_TICKET = 'This ticket is for a show that has expired.';

interface TicketRef {
  ticketId?: number | undefined;
  ticketCode?: string | undefined;
}

/**
 * The ticket an operation acts on. A kiosk proves ownership with the ticket's code (its
 * number is sequential and its phone guessable); a manager may name it either way. A code
 * that matches no ticket, or a different one than `ticketId`, is TICKET_NOT_FOUND, so a
 * kiosk learns nothing about which tickets exist; only the holder of a cancelled ticket's
 * code learns that it was cancelled (TICKET_CANCELLED).
 */
export async function resolveTicket(ctx: OperationContext, ref: TicketRef, actor: Actor): Promise<number> {
  if (ref.ticketCode === undefined) {
    if (actor.role === 'kiosk' || ref.ticketId === undefined) {
      throw new MarqueeError('INVALID_INPUT', 'ticketCode: is required (the code printed on the ticket)', 'ticketCode');
    }
    return ref.ticketId;
  }
  const [row] = await ctx.db.rows('SELECT ticket_id FROM ticket_record WHERE ticket_code = ?', [ref.ticketCode]);
  const found = row ? Number(row.ticket_id) : undefined;
  if (found === undefined) await refuseGoneTicket(ctx, ref.ticketCode, ref.ticketId);
  if (found === undefined || (ref.ticketId !== undefined && ref.ticketId !== found)) throw new MarqueeError('TICKET_NOT_FOUND');
  return found;
}

/**
 * A code with no live ticket may be one that was cancelled, removed by the sweep after its
 * show, or released by it before the show because it was not paid in time: the audit trail's
 * 'cancelled', 'removed' and 'unpaid_released' events keep the code (sql/010, sql/021). Whoever
 * holds the code held the ticket (a kiosk looking it up, a door scanning it), so they are told
 * what happened and when — never by whom. Returns when the code was never a ticket's (or its
 * event predates sql/010): then it is plain TICKET_NOT_FOUND.
 */
export async function refuseGoneTicket(ctx: OperationContext, ticketCode: string, ticketId?: number): Promise<void> {
  const [gone] = await ctx.db.rows(
    `SELECT e.ticket_id, e.kind, e.at, s.starts_at, s.cancelled_at AS screening_cancelled_at, s.cancel_reason
       FROM ticket_event e LEFT JOIN show_record s ON s.show_id = e.show_id
      WHERE e.ticket_code = ? AND e.kind IN ('cancelled', 'removed', 'unpaid_released')
      ORDER BY e.event_id DESC LIMIT 1`,
    [ticketCode],
  );
  if (!gone || (ticketId !== undefined && ticketId !== Number(gone.ticket_id))) return;
  if (gone.kind === 'removed') throw new MarqueeError('SHOW_EXPIRED', EXPIRED_TICKET);
  const tz = ctx.config.timeZone;
  if (gone.kind === 'unpaid_released') {
    const details: Record<string, string> = { releasedAt: formatInZone(gone.at as Date, tz) };
    if (gone.starts_at !== null) details.showTime = formatInZone(gone.starts_at as Date, tz);
    throw new MarqueeError('RESERVATION_RELEASED', undefined, undefined, { details });
  }
  const details: Record<string, string> = { cancelledAt: formatInZone(gone.at as Date, tz) };
  // Its screening was cancelled (whoever cancelled the ticket first): the holder is told that, and why.
  if (gone.screening_cancelled_at !== null) {
    details.screeningCancelledAt = formatInZone(gone.screening_cancelled_at as Date, tz);
    details.showTime = formatInZone(gone.starts_at as Date, tz);
    if (gone.cancel_reason !== null) details.reason = String(gone.cancel_reason);
  }
  throw new MarqueeError('TICKET_CANCELLED', undefined, undefined, { details });
}

/**
 * The capacity of a show this actor's call may create, or null: the show must exist. Only a
 * role that may create shows (the manager) gets the original API's implicit creation.
 */
function capacityToCreate(ctx: OperationContext, actor: Actor): number | null {
  return mayRun(actor.role, 'createShow') ? ctx.config.capacity : null;
}

/** The party a booking asks for: its seats and, by type, as marquee_book takes it (null: all of the default type). */
function partyOfRequest(ctx: OperationContext, input: ParsedInput<'book'>): { seats: number; items: string | null } {
  const seats = input.items ? input.items.reduce((sum, i) => sum + i.count, 0) : input.seats ?? 1;
  const max = maxPartyOf(ctx);
  if (seats > max) {
    const field = input.items ? 'items' : 'seats';
    throw new MarqueeError('INVALID_INPUT', `${field}: one booking is at most ${max} seats (the party asked for ${seats})`, field);
  }
  return { seats, items: input.items ? partyItemsArgument(input.items) : null };
}

/** A party's items as marquee_book and marquee_release_seats take them (`[{"t": type, "n": count}]`). */
export function partyItemsArgument(items: ReadonlyArray<{ ticketTypeId: number; count: number }>): string {
  return JSON.stringify(items.map((i) => ({ t: i.ticketTypeId, n: i.count })));
}

/** HOUSEFULL with the seats left, so a client can say "only two left" to a party of four. */
function housefull(seatsLeftNow: number): MarqueeError {
  const seatsLeft = Math.max(0, seatsLeftNow);
  const message = seatsLeft === 0 ? undefined : `Only ${seatsLeft} ${seatsLeft === 1 ? 'seat is' : 'seats are'} left for this show. Please choose fewer seats or another show.`;
  return new MarqueeError('HOUSEFULL', message, undefined, { details: { seatsLeft: String(seatsLeft) } });
}

/**
 * A party refused for its seats or a type: with the facts a client words it with — the seats
 * left (a party of four when two are left), or the type and how many of it are left.
 * HOUSEFULL names its show (marquee_refuse_seat signals HOUSEFULL:<show>), so a booking that named
 * the show by its time is told the seats left too; QUOTA_FULL names the type, and `showId` is the
 * request's show.
 */
export async function explainPartyRefusal(ctx: OperationContext, err: unknown, showId: number | undefined, role: Role = 'manager'): Promise<never> {
  if (!(err instanceof MarqueeError)) throw err;
  const fullShow = err.code === 'HOUSEFULL' ? (err.details?.ref === undefined ? showId : Number(err.details.ref)) : undefined;
  if (err.code === 'HOUSEFULL' && fullShow !== undefined) {
    const [show] = await ctx.db.rows('SELECT CAST(capacity - booked AS SIGNED) AS seats_left FROM show_record WHERE show_id = ?', [fullShow]);
    throw housefull(Number(show?.seats_left ?? 0));
  }
  const ref = err.details?.ref;
  if ((err.code === 'QUOTA_FULL' || err.code === 'TICKET_TYPE_INACTIVE' || err.code === 'TICKET_TYPE_NOT_FOUND') && ref !== undefined) {
    const [type] = await ctx.db.rows(
      `SELECT t.name, t.quota_per_show, t.held_for_counter, COALESCE(c.taken, 0) AS taken FROM ticket_type t
         LEFT JOIN show_type_count c ON c.ticket_type_id = t.ticket_type_id AND c.show_id = ?
        WHERE t.ticket_type_id = ?`,
      [showId ?? 0, Number(ref)],
    );
    if (!type) throw new MarqueeError('TICKET_TYPE_NOT_FOUND', undefined, 'items', { details: { ticketTypeId: ref } });
    const name = String(type.name);
    if (err.code !== 'QUOTA_FULL') throw new MarqueeError(err.code, undefined, 'items', { details: { ticketTypeId: ref, name } });
    const quota = Number(type.quota_per_show ?? 0);
    const unsold = Math.max(0, quota - Number(type.taken));
    // A kiosk's share stops at the spaces held for the counter (marquee_count_party's rule).
    const left = Math.max(0, unsold - heldFrom(role, Number(type.held_for_counter)));
    if (left === 0 && unsold > 0) {
      throw new MarqueeError('QUOTA_FULL', `The last "${name}" ${unsold === 1 ? 'ticket is' : 'tickets are'} sold at the counter. Please ask at the counter.`, 'items', {
        details: { ticketTypeId: ref, name, quotaPerShow: String(quota), left: '0', atCounter: 'true' },
      });
    }
    throw new MarqueeError('QUOTA_FULL', left === 0
      ? `No more "${name}" tickets are left for this show. Please pick another kind or show.`
      : `Only ${left} "${name}" ${left === 1 ? 'ticket is' : 'tickets are'} left for this show.`, 'items', {
      details: { ticketTypeId: ref, name, quotaPerShow: String(quota), left: String(left) },
    });
  }
  throw err;
}

/**
 * The show a QUOTA_FULL refers to when the booking named it by its time (its signal names the
 * type): read again by that time, only for that refusal. Anything else needs no show here.
 */
async function showOfQuotaRefusal(ctx: OperationContext, ref: ShowRef, err: unknown): Promise<number | undefined> {
  if (!(err instanceof MarqueeError) || err.code !== 'QUOTA_FULL') return undefined;
  return resolveShow(ctx, ref).catch(() => undefined);
}

export async function book(
  ctx: OperationContext, input: ParsedInput<'book'>, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<'book'>> {
  const keyed = options.keyed;
  if (keyed) {
    const { booked } = await bookByFacts(ctx, input, actor, options, 'book', (answers, args) =>
      ctx.db.call('CALL marquee_book_keyed(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [keyed.scope, keyed.key, keyed.requestHash, answers, ...args]));
    return booked;
  }
  const [row] = await callBooking(ctx, input, actor, (args) => ctx.db.call('CALL marquee_book(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', args), options);
  if (!row) throw new MarqueeError('INTERNAL');
  return bookingOutput(row as unknown as BookedRow, input.userName, answerContext(ctx));
}

/** How this server words answers now (a keyed answer keeps the one it was first worded in). */
function answerContext(ctx: OperationContext): AnswerContext {
  return { timeZone: ctx.config.timeZone, currency: currencyOf(ctx) };
}

/**
 * A party booked by `call` (marquee_book, marquee_book_keyed or marquee_sell), given the
 * booking's arguments, with the booking's refusals explained. A unique key refused the ticket:
 * either two copies of one idempotent request raced (asking again returns the winner's ticket)
 * or the fresh code collided (1 in 2^55 per live ticket; asking again draws a new one). Either
 * way nothing was written (a keyed call rolls its key back too).
 */
async function callBooking(
  ctx: OperationContext, input: ParsedInput<'book'>, actor: Actor, call: (args: Params) => Promise<Row[]>, options: RunOptions,
): Promise<Row[]> {
  const party = partyOfRequest(ctx, input);
  const args = () => [
    input.userName, input.phoneNo, input.showId ?? null, startOfRef(ctx, input), capacityToCreate(ctx, actor), ctx.config.expireHours, actor.label,
    options.idempotencyRef ?? null, newTicketCode(), party.seats, party.items,
    actor.role, // the channel: a kiosk may not take spaces held for the counter (sql/023)
  ];
  return call(args())
    .catch((err: unknown) => (isDuplicateKey(err) ? call(args()) : Promise.reject(err)))
    .catch(async (err: unknown) => explainPartyRefusal(ctx, err, input.showId ?? (await showOfQuotaRefusal(ctx, input, err)), actor.role));
}

/**
 * A booking or sale the database answers with its facts (marquee_sell, under `options.keyed` or
 * no key; keyed-booking.ts): the booking worded from them in the context stored with them, and
 * the sale's payment. A refusal that is the answer (the key's, with one) is thrown as
 * explainPartyRefusal words it, from the seats left when it was refused.
 */
export async function bookByFacts(
  ctx: OperationContext, input: ParsedInput<'book'>, actor: Actor, options: RunOptions, operation: 'book' | 'sell',
  call: (answers: string, bookingArgs: Params) => Promise<Row[]>,
): Promise<{ booked: OperationOutput<'book'>; paymentId: number | null }> {
  const answers = answersArgument(operation, answerContext(ctx));
  const [row] = await callBooking(ctx, input, actor, (args) => call(answers, args), options);
  if (!row) throw new MarqueeError('INTERNAL');
  const keyed = options.keyed;
  const facts = keyedFacts(row, keyed);
  if (facts.refused === undefined) return { booked: bookingOutput(facts.row, input.userName, facts.context), paymentId: facts.paymentId };
  if (keyed) keyed.answered = true;
  throw facts.refused === 'HOUSEFULL' && facts.seatsLeft !== null ? housefull(facts.seatsLeft) : new MarqueeError(facts.refused);
}

/** A booking's answer from its row, worded in `context` (for a keyed booking, the one stored with it). */
function bookingOutput(row: BookedRow, userName: string, context: AnswerContext): OperationOutput<'book'> {
  const { items, total } = parseParty(row.items);
  return {
    ticketId: Number(row.ticket_id),
    ticketCode: formatTicketCode(String(row.ticket_code)),
    showId: Number(row.show_id),
    showTime: formatInZone(row.starts_at, context.timeZone),
    userName,
    seatsLeft: Number(row.seats_left),
    seats: Number(row.seats),
    items,
    total,
    currency: context.currency,
    // A booking pays nothing yet: with a price it is a reservation, paid at the counter.
    paid: total === 0,
    amountDue: total,
  };
}

/**
 * The database refused to move or cancel a ticket because it was used at the door: the same
 * refusal with when and by which door, read after the fact (only a manager's undo clears a
 * check-in, and then the plain refusal is still true of the moment it was made).
 */
async function withCheckInDetails(ctx: OperationContext, ticketId: number, err: unknown, refused: string): Promise<never> {
  if (!(err instanceof MarqueeError) || err.code !== 'ALREADY_CHECKED_IN') throw err;
  const [row] = await ctx.db.rows('SELECT checked_in_at, checked_in_by FROM ticket_record WHERE ticket_id = ?', [ticketId]);
  if (!row?.checked_in_at) throw err;
  const checkedInAt = formatInZone(row.checked_in_at as Date, ctx.config.timeZone);
  const checkedInBy = String(row.checked_in_by);
  throw new MarqueeError('ALREADY_CHECKED_IN', `This ticket was used at the door at ${checkedInAt.slice(11, 16)} (${checkedInBy}): ${refused}`, undefined, {
    details: { checkedInAt, checkedInBy },
  });
}

export async function move(
  ctx: OperationContext, input: ParsedInput<'move'>, actor: Actor,
): Promise<OperationOutput<'move'>> {
  const ticketId = await resolveTicket(ctx, input, actor);
  // Nobody moves a checked-in ticket (the trigger's rule, docs/ARCHITECTURE.md "Data rules").
  const [row] = await ctx.db
    .call('CALL marquee_move(?, ?, ?, ?, ?, ?, ?, ?)', [
      ticketId, input.showId ?? null, startOfRef(ctx, input), null, capacityToCreate(ctx, actor), ctx.config.expireHours, actor.label, actor.role,
    ])
    .catch((err: unknown) =>
      withCheckInDetails(ctx, ticketId, err, actor.role === 'manager' ? 'undo the check-in before moving it.' : 'it can no longer be moved.'),
    )
    // A full target: the seats it has left, or the type by its name and what is left of it for
    // this caller, rather than the signal's show or type number.
    .catch(async (err: unknown) => (err instanceof MarqueeError && (err.code === 'HOUSEFULL' || err.code === 'QUOTA_FULL')
      ? explainPartyRefusal(ctx, err, input.showId ?? (await showOfQuotaRefusal(ctx, input, err)), actor.role)
      : Promise.reject(err)));
  if (!row) throw new MarqueeError('INTERNAL');
  return {
    ticketId,
    showId: Number(row.show_id),
    showTime: formatInZone(row.starts_at as Date, ctx.config.timeZone),
    seatsLeft: Number(row.seats_left),
  };
}

export async function cancel(
  ctx: OperationContext, input: ParsedInput<'cancel'>, actor: Actor,
): Promise<OperationOutput<'cancel'>> {
  const ticketId = await resolveTicket(ctx, input, actor);
  // A guest cannot cancel a ticket once used; a manager can (a refund after the fact), and the
  // audit trail keeps the check-in.
  const keepCheckedIn = actor.role === 'manager' ? 0 : 1;
  const refused = (err: unknown) => withCheckInDetails(ctx, ticketId, err, 'it can no longer be cancelled.');
  if (input.items) {
    // Some seats of the party: the rest keep the ticket and its code.
    const items = partyItemsArgument(input.items);
    const [row] = await ctx.db.call('CALL marquee_release_seats(?, ?, ?, ?)', [ticketId, items, keepCheckedIn, actor.label]).catch(refused);
    return { ticketId, seats: Number(row?.seats ?? 0), released: Number(row?.released ?? 0) };
  }
  const [row] = await ctx.db.call('CALL marquee_cancel(?, ?, ?, ?)', [ticketId, null, keepCheckedIn, actor.label]).catch(refused);
  return { ticketId, seats: 0, released: Number(row?.released ?? 0) };
}

// The expiry rule is the database's: marquee_expiry_cutoff() is evaluated once per query.
const TICKET_COLUMNS = `t.ticket_id, t.ticket_code, t.checked_in_at, t.checked_in_by, u.user_name, u.phone_no, s.starts_at,
         (t.is_expired = 1 OR s.starts_at <= c.cutoff) AS is_expired, t.seats, t.admitted, t.paid, t.comped, ${PARTY_ITEMS_SQL} AS items`;
const TICKET_FROM = `
    FROM ticket_record t
    JOIN show_record s ON s.show_id = t.show_id
    JOIN user_record u ON u.user_id = t.user_id
    JOIN (SELECT marquee_expiry_cutoff(?) AS cutoff) c`;
/** A show's roster with the show's stamp (params: expire hours, show id): also what bench:layers times. */
export const ROSTER_SQL = `SELECT ${TICKET_COLUMNS}, s.show_id, s.roster_version, (s.starts_at <= c.cutoff) AS expired ${TICKET_FROM}
      WHERE s.show_id = ? ORDER BY t.ticket_id`;

/**
 * A ticket as `actor` may see it: the code (the proof of ownership) only for the manager or its
 * owner; the phone in full only for the manager, since a kiosk that was given a code never
 * shows the phone and anyone at it may have read the code off a lost ticket.
 */
function ticketRow(ctx: OperationContext, row: Row, actor: Actor, owner = false): TicketRow {
  const tz = ctx.config.timeZone;
  const seesCode = owner || actor.role === 'manager' || actor.role === 'counter';
  return {
    ticketId: Number(row.ticket_id),
    userName: String(row.user_name),
    phoneNo: phoneFor(actor.role, String(row.phone_no)),
    showTime: formatInZone(row.starts_at as Date, tz),
    isExpired: Number(row.is_expired) === 1,
    ...(seesCode && row.ticket_code !== null ? { ticketCode: formatTicketCode(String(row.ticket_code)) } : {}),
    checkedInAt: row.checked_in_at ? formatInZone(row.checked_in_at as Date, tz) : null,
    checkedInBy: row.checked_in_by === null ? null : String(row.checked_in_by),
    seats: Number(row.seats),
    admitted: Number(row.admitted),
    ...withPayment(parseParty(row.items), Number(row.paid), Number(row.comped) === 1),
  };
}

/**
 * A roster is kept per show and view and served again, without reading and shaping its tickets,
 * while its show's row says nothing changed: the show's id, its roster_version (bumped by the
 * ticket triggers with every change to any of its tickets, by any process or a DBA: sql/011)
 * and its expiry by the database clock. That check is skipped for MARQUEE_READ_CACHE_MS (≤ 1 s,
 * as a token check) unless this process wrote since (read-caches.ts): a roster is never stale
 * for changes made here, and at most that long for changes made elsewhere.
 */
export async function listByShowTime(
  ctx: OperationContext, input: ParsedInput<'listByShowTime'>, actor: Actor,
): Promise<OperationOutput<'listByShowTime'>> {
  // What the caller may see decides the rows' shape (phones, codes): one entry per view. A
  // show named by its time is kept under that time too, so the window below holds for it.
  const ref = input.showId !== undefined ? `id:${input.showId}` : `at:${startOfRef(ctx, input)!.getTime()}`;
  const key = `${actor.role === 'manager' ? 'full' : 'masked'}|${ref}`;
  return ctx.rosters.fresh(key) ?? ctx.rosters.shared(key, (epoch) => checkedRoster(ctx, input, actor, key, epoch));
}

/** The kept roster once its show's stamp says it is current, or the roster read again. */
async function checkedRoster(
  ctx: OperationContext, input: ParsedInput<'listByShowTime'>, actor: Actor, key: string, epoch: number,
): Promise<OperationOutput<'listByShowTime'>> {
  const now = await rosterShow(ctx, input);
  // The original API answered a time without a show with an empty list.
  if (now === null) return [];
  const kept = ctx.rosters.kept(key);
  if (kept) {
    if (now.showId === kept.meta.showId && now.version === kept.meta.version && now.expired === kept.meta.expired) {
      ctx.rosters.confirm(key, epoch);
      return kept.value;
    }
    ctx.rosters.drop(key);
  }
  const rows = await ctx.db.rows(ROSTER_SQL, [ctx.config.expireHours, now.showId]);
  const output = rows.map((r) => ticketRow(ctx, r, actor));
  // The rows carry their show's stamp, read in the same statement. An empty roster is not
  // kept: it has no rows to carry the stamp, and costs little to read.
  return rows.length > 0 ? ctx.rosters.keep(key, output, epoch, rosterStamp(rows[0]!)) : output;
}

/**
 * The stamp of the show a roster request names, in one query: by id (SHOW_NOT_FOUND if none),
 * or by time (null if none; AMBIGUOUS_SHOW, explained by runOperation, if several).
 */
async function rosterShow(ctx: OperationContext, ref: ShowRef): Promise<RosterStamp | null> {
  const startsAt = startOfRef(ctx, ref);
  const shows = await ctx.db.rows(
    `SELECT show_id, roster_version, (starts_at <= marquee_expiry_cutoff(?)) AS expired FROM show_record
      WHERE ${startsAt === null ? 'show_id = ?' : 'starts_at = ? AND cancelled_at IS NULL'} LIMIT 2`,
    [ctx.config.expireHours, startsAt ?? ref.showId!],
  );
  if (shows.length > 1) throw new MarqueeError('AMBIGUOUS_SHOW');
  if (shows.length === 0 && startsAt === null) throw new MarqueeError('SHOW_NOT_FOUND', NO_SUCH_SHOW);
  return shows[0] ? rosterStamp(shows[0]) : null;
}

function rosterStamp(row: Row): RosterStamp {
  return { showId: Number(row.show_id), version: Number(row.roster_version), expired: Number(row.expired) === 1 };
}

export async function lookupTicket(
  ctx: OperationContext, input: ParsedInput<'lookupTicket'>, actor: Actor,
): Promise<OperationOutput<'lookupTicket'>> {
  const ticketId = await resolveTicket(ctx, input, actor);
  const [row] = await ctx.db.rows(`SELECT ${TICKET_COLUMNS}, s.show_id ${TICKET_FROM} WHERE t.ticket_id = ?`, [ctx.config.expireHours, ticketId]);
  if (!row) throw new MarqueeError('TICKET_NOT_FOUND');
  if (Number(row.is_expired) === 1) {
    throw new MarqueeError('SHOW_EXPIRED', EXPIRED_TICKET);
  }
  // The guest of their own ticket sees its code; the kiosk proved ownership.
  return { ...ticketRow(ctx, row, actor, input.ticketCode !== undefined), showId: Number(row.show_id) };
}

/**
 * Every event names the guest who held the ticket then, from the audit row's user_id, so a
 * cancelled ticket (its row deleted) still shows who held it. A move of the whole show
 * (/show/reschedule) keeps its from and to times on the row: the show alone cannot say them. Phones as everywhere else: in
 * full for the manager only (the operation table lets no one else read it today).
 */
export async function ticketHistory(
  ctx: OperationContext, input: ParsedInput<'ticketHistory'>, actor: Actor,
): Promise<OperationOutput<'ticketHistory'>> {
  const rows = await ctx.db.rows(
    `SELECT e.event_id, e.kind, e.actor, e.at, e.reason, COALESCE(e.starts_at, s.starts_at) AS starts_at,
            COALESCE(e.from_starts_at, f.starts_at) AS from_starts_at, u.user_name, u.phone_no
       FROM ticket_event e
       JOIN user_record u ON u.user_id = e.user_id
       LEFT JOIN show_record s ON s.show_id = e.show_id
       LEFT JOIN show_record f ON f.show_id = e.from_show_id
      WHERE e.ticket_id = ? ORDER BY e.event_id`,
    [input.ticketId],
  );
  if (rows.length === 0) throw new MarqueeError('TICKET_NOT_FOUND');
  const tz = ctx.config.timeZone;
  return rows.map((r) => ({
    eventId: Number(r.event_id),
    kind: r.kind,
    actor: String(r.actor),
    userName: String(r.user_name),
    phoneNo: phoneFor(actor.role, String(r.phone_no)),
    at: formatInZone(r.at as Date, tz),
    showTime: r.starts_at ? formatInZone(r.starts_at as Date, tz) : null,
    fromShowTime: r.from_starts_at ? formatInZone(r.from_starts_at as Date, tz) : null,
    ...(r.reason === null ? {} : { reason: String(r.reason) }),
  }));
}

/** How far back "recent" reaches for a search: a guest asking about last night's show. */
export const SEARCH_RECENT_DAYS = 2;
const SEARCH_LIMIT = 50;

/** LIKE treats % _ and \ specially; a guest's name is matched literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Phone digits as the guest says them ("555 01-00"): digits and phone punctuation only, 3 digits at least. */
export function phoneDigitsOf(query: string): string | null {
  if (!/^\+?[\d\s\-()./]+$/.test(query)) return null;
  const digits = query.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/**
 * The digits a stored number must contain. A whole number is matched on its last nine digits,
 * so a country code or a trunk 0 on either side does not hide it: "+1 555 123 4567" finds
 * 5551234567, "020 7946 0958" finds +442079460958 (nine digits still single a guest out in a
 * theatre's two days of tickets).
 */
export const PHONE_MATCH_DIGITS = 9;
export function phoneNeedle(digits: string): string {
  return digits.length > PHONE_MATCH_DIGITS ? digits.slice(-PHONE_MATCH_DIGITS) : digits;
}

export async function searchTickets(
  ctx: OperationContext, input: ParsedInput<'searchTickets'>, actor: Actor,
): Promise<OperationOutput<'searchTickets'>> {
  const digits = phoneDigitsOf(input.query);
  // Masked phones would not stop a viewer from learning a guest's number digit by digit
  // through phone searches, so only the staff who help guests at the desk (the manager and the
  // counter, which finds a phoned-in reservation by the number the guest gives) search by phone.
  if (digits !== null && actor.role !== 'manager' && actor.role !== 'counter') {
    throw new MarqueeError('FORBIDDEN', "Searching by phone number needs a manager token or a counter's; search by name instead.");
  }
  // A guest who lost their ticket may still have its code in a message: the code finds it, for
  // the manager only (the code is the ticket's secret; a viewer's query is only ever a name).
  const code = digits === null && (actor.role === 'manager' || actor.role === 'counter') ? normalizeTicketCode(input.query) : null;
  // Names compare under utf8mb4_unicode_ci, named explicitly so the database's default
  // collation does not matter: case and accents are ignored (josé = JOSE, muñoz = munoz).
  const byName = 'u.user_name COLLATE utf8mb4_unicode_ci LIKE ? COLLATE utf8mb4_unicode_ci';
  const name = `%${likeLiteral(input.query)}%`;
  // A name of twelve letters may read as a code (1 in 32): it still finds the name.
  const [match, values] = code !== null
    ? [`(t.ticket_code = ? OR ${byName})`, [code, name]]
    : digits !== null
      ? ["REPLACE(u.phone_no, '+', '') LIKE ?", [`%${phoneNeedle(digits)}%`]]
      : [byName, [name]];
  const rows = await ctx.db.rows(
    `SELECT ${TICKET_COLUMNS}, s.title ${TICKET_FROM}
      WHERE ${match} AND s.starts_at >= UTC_TIMESTAMP() - INTERVAL ? DAY
      ORDER BY s.starts_at, t.ticket_id
      LIMIT ${SEARCH_LIMIT}`,
    [ctx.config.expireHours, ...values, SEARCH_RECENT_DAYS],
  );
  return rows.map((r) => ({ ...ticketRow(ctx, r, actor), title: r.title === null ? null : String(r.title) }));
}
