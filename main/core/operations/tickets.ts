// The ticket operations. Rules live in the database (procedures + triggers); this module
// converts times, shapes rows for the caller's role and maps the answers.
import { MarqueeError } from '../../common/errors';
import { mayRun, type Actor, type OperationOutput, type ParsedInput } from '../../common/operations';
import { formatInZone, toUtc } from '../../common/time';
import type { Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext, RunOptions } from './context';
import { phoneFor } from './privacy';

/**
 * The capacity of a show this actor's call may create, or null: the show must exist. Only a
 * role that may create shows (the manager) gets the original API's implicit creation.
 */
function capacityToCreate(ctx: OperationContext, actor: Actor): number | null {
  return mayRun(actor.role, 'createShow') ? ctx.config.capacity : null;
}

/** The kiosk role proves ownership of a ticket with its phone number. */
function ownershipPhone(actor: Actor, phone: string | undefined): string | null {
  if (actor.role !== 'kiosk') return null;
  if (phone === undefined) throw new MarqueeError('INVALID_INPUT', "phoneNo: the ticket's phone number is required", 'phoneNo');
  return phone;
}

export async function book(
  ctx: OperationContext, input: ParsedInput<'book'>, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<'book'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  const call = () =>
    ctx.db.call('CALL marquee_book(?, ?, ?, ?, ?, ?, ?)', [
      input.userName, input.phoneNo, startsAt, capacityToCreate(ctx, actor), ctx.config.expireHours, actor.label, options.idempotencyRef ?? null,
    ]);
  // Two copies of one idempotent request racing: the loser's INSERT hits the unique
  // reference, and asking again returns the winner's ticket.
  const [row] = await call().catch((err: unknown) => (isDuplicateKey(err) && options.idempotencyRef ? call() : Promise.reject(err)));
  if (!row) throw new MarqueeError('INTERNAL');
  return {
    ticketId: Number(row.ticket_id),
    showTime: formatInZone(row.starts_at as Date, ctx.config.timeZone),
    userName: input.userName,
    seatsLeft: Number(row.seats_left),
  };
}

export async function changeShowTime(
  ctx: OperationContext, input: ParsedInput<'changeShowTime'>, actor: Actor,
): Promise<OperationOutput<'changeShowTime'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  const [row] = await ctx.db.call('CALL marquee_move(?, ?, ?, ?, ?, ?)', [
    input.ticketId, startsAt, ownershipPhone(actor, input.phoneNo), capacityToCreate(ctx, actor), ctx.config.expireHours, actor.label,
  ]);
  if (!row) throw new MarqueeError('INTERNAL');
  return {
    ticketId: input.ticketId,
    showTime: formatInZone(row.starts_at as Date, ctx.config.timeZone),
    seatsLeft: Number(row.seats_left),
  };
}

export async function deleteTicket(
  ctx: OperationContext, input: ParsedInput<'delete'>, actor: Actor,
): Promise<OperationOutput<'delete'>> {
  await ctx.db.call('CALL marquee_delete(?, ?, ?)', [input.ticketId, ownershipPhone(actor, input.phoneNo), actor.label]);
  return { ticketId: input.ticketId };
}

// The expiry rule is the database's: marquee_expiry_cutoff() is evaluated once per query.
const TICKET_SELECT = `
  SELECT t.ticket_id, u.user_name, u.phone_no, s.starts_at,
         (t.is_expired = 1 OR s.starts_at <= c.cutoff) AS is_expired
    FROM ticket_record t
    JOIN show_record s ON s.show_id = t.show_id
    JOIN user_record u ON u.user_id = t.user_id
    JOIN (SELECT marquee_expiry_cutoff(?) AS cutoff) c`;

function ticketRow(ctx: OperationContext, row: Row, actor: Actor) {
  return {
    ticketId: Number(row.ticket_id),
    userName: String(row.user_name),
    phoneNo: phoneFor(actor.role, String(row.phone_no)),
    showTime: formatInZone(row.starts_at as Date, ctx.config.timeZone),
    isExpired: Number(row.is_expired) === 1,
  };
}

export async function listByShowTime(
  ctx: OperationContext, input: ParsedInput<'listByShowTime'>, actor: Actor,
): Promise<OperationOutput<'listByShowTime'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  const rows = await ctx.db.rows(`${TICKET_SELECT} WHERE s.starts_at = ? ORDER BY t.ticket_id`, [ctx.config.expireHours, startsAt]);
  return rows.map((r) => ticketRow(ctx, r, actor));
}

export async function viewGuest(
  ctx: OperationContext, input: ParsedInput<'viewGuest'>, actor: Actor,
): Promise<OperationOutput<'viewGuest'>> {
  const phone = ownershipPhone(actor, input.phoneNo);
  const [row] = await ctx.db.rows(`${TICKET_SELECT} WHERE t.ticket_id = ?`, [ctx.config.expireHours, input.ticketId]);
  // A wrong phone looks exactly like a wrong number: the kiosk must not reveal which tickets exist.
  if (!row || (phone !== null && row.phone_no !== phone)) throw new MarqueeError('TICKET_NOT_FOUND');
  if (Number(row.is_expired) === 1) {
    throw new MarqueeError('SHOW_EXPIRED', 'This ticket is for a show that has expired.');
  }
  // The guest of their own ticket sees their own phone; the kiosk proved it already.
  return ticketRow(ctx, row, actor.role === 'kiosk' ? { ...actor, role: 'manager' } : actor);
}

export async function ticketHistory(
  ctx: OperationContext, input: ParsedInput<'ticketHistory'>,
): Promise<OperationOutput<'ticketHistory'>> {
  const rows = await ctx.db.rows(
    `SELECT e.event_id, e.kind, e.actor, e.at, s.starts_at, f.starts_at AS from_starts_at
       FROM ticket_event e
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
    at: formatInZone(r.at as Date, tz),
    showTime: r.starts_at ? formatInZone(r.starts_at as Date, tz) : null,
    fromShowTime: r.from_starts_at ? formatInZone(r.from_starts_at as Date, tz) : null,
  }));
}
