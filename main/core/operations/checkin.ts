// Admission at the door: check a ticket in once, undo that (manager), and today's shows with
// their counts for the door's screen. The rule itself — once, inside the window, atomically
// under any number of doors — is marquee_checkin's (see docs/ARCHITECTURE.md, "Check-in").
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { TOKEN_LABEL_MAX, type CheckInConflict } from '../../common/schemas';
import { formatTicketCode } from '../../common/ticket-code';
import { formatInZone, localDayOf, localDayWindow } from '../../common/time';
import type { Row } from '../db/database';
import type { OperationContext } from './context';
import { currencyOf, parseParty, typeNames } from './ticket-types';
import { textOrNull } from './shows';
import { refuseGoneTicket, resolveTicket } from './tickets';

export async function checkIn(
  ctx: OperationContext, input: ParsedInput<'checkIn'>, actor: Actor,
): Promise<OperationOutput<'checkIn'>> {
  const { checkinOpensMinutes, checkinClosesMinutes, expireHours, timeZone } = ctx.config;
  // Admitted by hand (found by name): the audit trail says so beside the device.
  const by = input.byName ? `${actor.label} (by name)`.slice(0, TOKEN_LABEL_MAX) : actor.label;
  const [row] = await ctx.db.call('CALL marquee_checkin(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    input.ticketCode ?? null, checkinOpensMinutes, checkinClosesMinutes, expireHours, by,
    actor.tokenId ?? null, input.count ?? null, input.scanId ?? null, input.scannedAt ?? null, input.offline?.showId ?? null,
    input.ticketId ?? null, ctx.config.doorAdmitsUnpaid === true ? 1 : 0,
  ]);
  if (!row) throw new MarqueeError('INTERNAL');
  const outcome = String(row.outcome);
  if (outcome === 'not_found') {
    // A cancelled ticket's code is told apart from a made-up one, as at the kiosk.
    if (row.ticket_code !== null) await refuseGoneTicket(ctx, String(row.ticket_code));
    throw new MarqueeError('TICKET_NOT_FOUND', 'No ticket has this code.');
  }
  if (outcome === 'scan_mismatch') {
    throw new MarqueeError('IDEMPOTENCY_MISMATCH', 'This scanId was already used for another ticket code.', 'scanId');
  }
  if (outcome === 'no_show') throw new MarqueeError('SHOW_NOT_FOUND', 'There is no such show: the offline admission names a show this server does not have.', 'offline');
  if (row.starts_at === null) throw new MarqueeError('INTERNAL');
  const showTime = formatInZone(row.starts_at as Date, timeZone);
  const local = (at: Date) => formatInZone(at, timeZone).slice(11, 16);
  if (outcome === 'wrong_entrance') throw wrongEntrance(row, showTime);
  if (outcome === 'already' || outcome === 'too_many') throw alreadyIn(row, outcome, showTime, local, timeZone);
  if (outcome === 'not_open') {
    const opensAt = new Date((row.starts_at as Date).getTime() - checkinOpensMinutes * 60_000);
    throw new MarqueeError('CHECKIN_NOT_OPEN', `Doors for this show (${showTime}) open at ${local(opensAt)}.`, undefined, {
      details: { showTime, opensAt: formatInZone(opensAt, timeZone) },
    });
  }
  if (outcome === 'closed') {
    throw new MarqueeError('CHECKIN_CLOSED', `This ticket is for a show that has ended (${showTime}).`, undefined, { details: { showTime } });
  }
  if (outcome === 'not_paid') throw notPaid(ctx, await amountDueOf(ctx, row), showTime);
  const { items } = parseParty(row.items, await namesIfMissing(ctx, row.items));
  return {
    ticketId: Number(row.ticket_id ?? 0),
    ticketCode: formatTicketCode(String(row.ticket_code)),
    userName: String(row.user_name ?? ''),
    showId: Number(row.show_id),
    showTime,
    title: textOrNull(row.title),
    screenName: String(row.screen_name),
    checkedInAt: formatInZone(row.checked_in_at as Date, timeZone),
    checkedInBy: String(row.checked_in_by),
    seats: Number(row.seats ?? 0),
    admitted: Number(row.admitted ?? 0),
    admittedNow: Number(row.admitted_now),
    items,
    conflict: outcome === 'conflict' ? conflictOf(row, timeZone) : null,
  };
}

/**
 * What is still to pay, as the refusal said it. A scan answered again from checkin_scan (a
 * retried scanId) carries no amount: it is read from the ticket as it is now.
 */
async function amountDueOf(ctx: OperationContext, row: Row): Promise<number> {
  const due = Number(row.amount_due ?? 0);
  if (due > 0 || row.ticket_id === null) return due;
  const [ticket] = await ctx.db.rows(
    'SELECT IF(comped = 1, 0, GREATEST(marquee_party_amount(ticket_id) - paid, 0)) AS due FROM ticket_record WHERE ticket_id = ?',
    [Number(row.ticket_id)],
  );
  return Number(ticket?.due ?? 0);
}

/** A party with money due at a door that does not admit unpaid parties (MARQUEE_DOOR_ADMITS_UNPAID off): to the counter. */
function notPaid(ctx: OperationContext, amountDue: number, showTime: string): MarqueeError {
  const currency = currencyOf(ctx);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const amount = (amountDue / 10 ** digits).toFixed(digits);
  return new MarqueeError('NOT_PAID', `Not paid: ${amount} ${currency} due — please pay at the counter.`, undefined, {
    details: { amountDue: String(amountDue), currency, showTime },
  });
}

/** The audit trail's items carry no type names (a cancelled ticket's, answered to an offline scan). */
async function namesIfMissing(ctx: OperationContext, json: unknown): Promise<Map<number, string> | undefined> {
  const text = typeof json === 'string' ? json : JSON.stringify(json ?? []);
  return text.includes('"name"') || text === '[]' || text === 'null' ? undefined : typeNames(ctx);
}

export function conflictOf(row: Row, timeZone: string): CheckInConflict {
  return {
    kind: String(row.conflict) as CheckInConflict['kind'],
    otherDoor: textOrNull(row.other_door),
    otherAt: row.other_at === null ? null : formatInZone(row.other_at as Date, timeZone),
  };
}

function wrongEntrance(row: Row, showTime: string): MarqueeError {
  const screenName = String(row.screen_name);
  const notes = textOrNull(row.screen_notes);
  const details: Record<string, string> = { screenId: String(row.screen_id), screenName, showTime };
  if (notes !== null) details.screenNotes = notes;
  return new MarqueeError('WRONG_ENTRANCE', `This ticket is for ${screenName}${notes === null ? '' : ` — ${notes}`}.`, undefined, { details });
}

/** All of the party is in, or fewer are left outside than the door asked to admit. */
function alreadyIn(row: Row, outcome: string, showTime: string, local: (at: Date) => string, timeZone: string): MarqueeError {
  const seats = Number(row.seats);
  const admitted = Number(row.admitted);
  // More asked for than the party holds, and nobody in yet: no check-in to tell of.
  if (row.checked_in_at === null) {
    return new MarqueeError('INVALID_INPUT', `count: this party has ${seats} ${seats === 1 ? 'seat' : 'seats'}; at most ${seats} may enter`, 'count', {
      details: { showTime, seats: String(seats), admitted: String(admitted) },
    });
  }
  const at = row.checked_in_at as Date;
  const by = String(row.checked_in_by);
  const details = { checkedInAt: formatInZone(at, timeZone), checkedInBy: by, showTime, seats: String(seats), admitted: String(admitted) };
  const message = outcome === 'too_many'
    ? `${admitted} of ${seats} already in: only ${seats - admitted} may still enter (last admitted at ${local(at)} by ${by}).`
    : seats === 1
      ? `This ticket was already checked in at ${local(at)} by ${by}.`
      : `All ${seats} of this party are already in (the last at ${local(at)} by ${by}).`;
  return new MarqueeError('ALREADY_CHECKED_IN', message, undefined, { details });
}

export async function undoCheckIn(
  ctx: OperationContext, input: ParsedInput<'undoCheckIn'>, actor: Actor,
): Promise<OperationOutput<'undoCheckIn'>> {
  const ticketId = await resolveTicket(ctx, input, actor);
  const [row] = await ctx.db.call('CALL marquee_undo_checkin(?, ?)', [ticketId, actor.label]);
  if (!row) throw new MarqueeError('INTERNAL');
  return { ticketId, outcome: Number(row.undone) === 1 ? 'undone' : 'was-not-checked-in' };
}

/** Midnight after the theatre-local day of `now`, as a UTC instant. */
const endOfLocalDay = (now: Date, timeZone: string): Date => localDayWindow(localDayOf(now, timeZone), timeZone)[1];

/**
 * Today's shows for the door: those still admitting (started less than the closing window
 * ago, so a show at 23:30 stays listed after midnight), those still to come today, and those
 * whose doors are already open though they start after midnight (a 00:15 show at 23:50).
 */
export async function doorShows(ctx: OperationContext): Promise<OperationOutput<'doorShows'>> {
  const { checkinOpensMinutes, checkinClosesMinutes, expireHours, timeZone } = ctx.config;
  const rows = await ctx.db.rows(
    `SELECT s.show_id, s.starts_at, COALESCE(s.title, f.title) AS title, f.title AS film_title, s.capacity, s.booked,
            s.screen_id, sc.name AS screen_name, s.cancelled_at,
            (SELECT COALESCE(SUM(t.admitted), 0) FROM ticket_record t WHERE t.show_id = s.show_id) AS checked_in,
            (UTC_TIMESTAMP() >= s.starts_at - INTERVAL ? MINUTE AND UTC_TIMESTAMP() <= s.starts_at + INTERVAL ? MINUTE
               AND s.starts_at > marquee_expiry_cutoff(?)) AS doors_open
       FROM show_record s
       JOIN screen sc ON sc.screen_id = s.screen_id
       LEFT JOIN film f ON f.film_id = s.film_id
      WHERE s.starts_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE
        AND (s.starts_at < ? OR s.starts_at <= UTC_TIMESTAMP() + INTERVAL ? MINUTE)
      ORDER BY s.starts_at, s.screen_id LIMIT 200`,
    [checkinOpensMinutes, checkinClosesMinutes, expireHours, checkinClosesMinutes, endOfLocalDay(new Date(), timeZone), checkinOpensMinutes],
  );
  return rows.map((r) => ({
    showId: Number(r.show_id),
    showTime: formatInZone(r.starts_at as Date, timeZone),
    title: textOrNull(r.title),
    screenId: Number(r.screen_id),
    screenName: String(r.screen_name),
    filmTitle: textOrNull(r.film_title),
    capacity: Number(r.capacity),
    booked: Number(r.booked),
    checkedIn: Number(r.checked_in),
    doorsOpen: Number(r.doors_open) === 1,
    cancelledAt: r.cancelled_at === null ? null : formatInZone(r.cancelled_at as Date, timeZone),
  }));
}
