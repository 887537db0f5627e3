// The week's program: many shows in one step (scheduleShows), a show moved with its tickets
// (rescheduleShow) and a screening cancelled with its tickets (cancelShow). The rules every
// writer meets stay in the database (no overlap on a screen, no seat on a cancelled screening:
// sql/routines); this module plans, locks, and words the answers.
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { SCHEDULE_SHOWS_MAX, type ScheduleClash, type ScheduledShow } from '../../common/schemas';
import { formatTicketCode } from '../../common/ticket-code';
import { formatInZone, readLocalTime, type WallTime } from '../../common/time';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext } from './context';
import { ambiguitySentence, assertNotPast, gapSentence, instantOf } from './show-times';
import { assertNotExpired, lockShow, seats, selectShow, screenForShow, type LockedShow } from './shows';
import { refuseMissingType, setShowPrices } from './ticket-types';
import { inTransaction } from './transaction';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const local = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * Runs `work` with the audit trail's session variables set (@marquee_actor and @marquee_reason:
 * the ticket triggers write them on every row), cleared again whatever happens: the connection
 * goes back to the pool.
 */
async function asActor<T>(conn: PoolConnection, actor: Actor, reason: string, work: () => Promise<T>): Promise<T> {
  await conn.query('SET @marquee_actor = ?, @marquee_reason = ?', [actor.label, reason]);
  try {
    return await work();
  } finally {
    await conn.query('SET @marquee_actor = NULL, @marquee_reason = NULL').catch(() => undefined);
  }
}

// ---------------------------------------------------------------- scheduleShows

interface ScreenRow {
  screenId: number;
  name: string;
  capacity: number;
}

/** One show a schedule request asks for. */
interface Planned {
  wall: WallTime;
  screen: ScreenRow;
  startsAt: Date;
  endsAt: Date;
  notes: string[];
  /** The sentence for a time in a daylight-saving gap: such a show cannot be made. */
  gap?: string;
}

/** The theatre-local days of the request that fall on its weekdays (ISO: 1 Monday … 7 Sunday). */
function daysOf(input: ParsedInput<'scheduleShows'>, perDay: number): Array<{ year: number; month: number; day: number }> {
  const weekdays = new Set(input.weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  const days = [];
  for (let ms = Date.parse(`${input.from}T00:00:00Z`); ms <= Date.parse(`${input.to}T00:00:00Z`); ms += DAY_MS) {
    const date = new Date(ms);
    if (!weekdays.has(date.getUTCDay() === 0 ? 7 : date.getUTCDay())) continue;
    days.push({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
    if (days.length * perDay > SCHEDULE_SHOWS_MAX) {
      throw new MarqueeError('INVALID_INPUT', `to: that makes more than ${SCHEDULE_SHOWS_MAX} shows; schedule at most ${SCHEDULE_SHOWS_MAX} in one request`, 'to');
    }
  }
  if (days.length === 0) throw new MarqueeError('INVALID_INPUT', 'weekdays: no day from "from" to "to" falls on those weekdays', 'weekdays');
  return days;
}

/** The screens asked for, by id (locked when `lock`: schedulers of one screen take turns). */
async function screensOf(conn: PoolConnection, screenIds: number[], lock: boolean): Promise<ScreenRow[]> {
  const [rows] = await conn.query<Row[]>(
    `SELECT screen_id, name, capacity FROM screen WHERE screen_id IN (?) AND retired_at IS NULL ORDER BY screen_id${lock ? ' FOR UPDATE' : ''}`,
    [screenIds],
  );
  const missing = screenIds.find((id) => !rows.some((r) => Number(r.screen_id) === id));
  if (missing !== undefined) throw new MarqueeError('SCREEN_NOT_FOUND', `There is no screen ${missing}. Please pick screens from the list.`, 'screenIds');
  return rows.map((r) => ({ screenId: Number(r.screen_id), name: String(r.name), capacity: Number(r.capacity) }));
}

/** How long a show of the film holds its screen, by the database's one rule (marquee_show_ends_at). */
async function filmLength(conn: PoolConnection, filmId: number): Promise<number> {
  const reference = new Date(Date.UTC(2030, 0, 1));
  const [[row]] = await conn.query<Row[]>('SELECT marquee_show_ends_at(?, ?) AS ends_at', [reference, filmId]);
  if (!row?.ends_at) throw new MarqueeError('FILM_NOT_FOUND', undefined, 'filmId');
  return (row.ends_at as Date).getTime() - reference.getTime();
}

function plan(input: ParsedInput<'scheduleShows'>, screens: ScreenRow[], lengthMs: number, timeZone: string): Planned[] {
  const times = [...new Set(input.times)].sort();
  const planned: Planned[] = [];
  for (const date of daysOf(input, times.length * screens.length)) {
    for (const time of times) {
      const wall: WallTime = { ...date, hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)), second: 0, offsetMinutes: null };
      const reading = readLocalTime(wall, timeZone);
      const gap = reading.kind === 'gap' ? gapSentence(wall, reading.jump, timeZone) : undefined;
      const notes = reading.kind === 'ambiguous' ? [ambiguitySentence(wall, reading, timeZone)] : gap ? [`${gap} This show cannot be made.`] : [];
      for (const screen of screens) {
        planned.push({
          wall, screen, startsAt: reading.instant, endsAt: new Date(reading.instant.getTime() + lengthMs), notes: [...notes], ...(gap ? { gap } : {}),
        });
      }
    }
  }
  return planned;
}

/**
 * The planned shows that cannot be made because their screen is taken: by a show already there
 * (not cancelled and overlapping, or one starting at that very time, cancelled or not: the
 * screen's unique start), or by an earlier show of this same request. Read with a locking read
 * in the real run, so a show committed after this transaction began is seen.
 */
async function clashesOf(conn: PoolConnection, planned: Planned[], timeZone: string, lock: boolean): Promise<ScheduleClash[]> {
  const from = new Date(Math.min(...planned.map((p) => p.startsAt.getTime())));
  const until = new Date(Math.max(...planned.map((p) => p.endsAt.getTime())));
  const [existing] = await conn.query<Row[]>(
    `SELECT s.show_id, s.screen_id, s.starts_at, s.ends_at, s.cancelled_at, COALESCE(s.title, f.title) AS title
       FROM show_record s LEFT JOIN film f ON f.film_id = s.film_id
      WHERE s.screen_id IN (?) AND s.starts_at < ? AND s.ends_at >= ?
      ORDER BY s.starts_at${lock ? ' LOCK IN SHARE MODE' : ''}`,
    [[...new Set(planned.map((p) => p.screen.screenId))], until, from],
  );
  const clashes: ScheduleClash[] = [];
  const made: Planned[] = [];
  for (const p of [...planned].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const start = p.startsAt.getTime();
    const end = p.endsAt.getTime();
    const there = existing.find((r) => {
      if (Number(r.screen_id) !== p.screen.screenId) return false;
      const [s, e] = [(r.starts_at as Date).getTime(), (r.ends_at as Date).getTime()];
      return s === start || (r.cancelled_at === null && s < end && e > start);
    });
    const earlier = made.find((m) => m.screen.screenId === p.screen.screenId && m.endsAt.getTime() > start);
    const inTheWay = there
      ? { showId: Number(there.show_id), showTime: formatInZone(there.starts_at as Date, timeZone), title: there.title === null ? null : String(there.title) }
      : earlier
        ? { showId: null, showTime: formatInZone(earlier.startsAt, timeZone), title: null }
        : null;
    if (inTheWay) clashes.push({ showTime: formatInZone(p.startsAt, timeZone), screenId: p.screen.screenId, screenName: p.screen.name, inTheWay });
    else made.push(p);
  }
  return clashes;
}

function screenBusy(clashes: ScheduleClash[], total: number): MarqueeError {
  const listed = clashes.slice(0, 3).map((c) =>
    `${c.screenName} at ${local(c.showTime)} (taken by ${c.inTheWay.title ? `"${c.inTheWay.title}"` : c.inTheWay.showId === null ? 'another show of this request' : 'another show'} from ${local(c.inTheWay.showTime)})`);
  const more = clashes.length > 3 ? ` and ${clashes.length - 3} more` : '';
  return new MarqueeError(
    'SCREEN_BUSY',
    `${clashes.length} of the ${total} shows clash: ${listed.join('; ')}${more}. Nothing was made.`,
    undefined,
    { details: { clashes: JSON.stringify(clashes) } },
  );
}

/**
 * Refusals that hold for the whole request before anything is written: a time in a daylight-
 * saving gap (the dates listed), a show already expired or, unless confirmed, in the past.
 */
async function assertPlanCanBeMade(conn: PoolConnection, ctx: OperationContext, planned: Planned[], confirmPast: boolean | undefined): Promise<void> {
  const gaps = [...new Set(planned.flatMap((p) => (p.gap ? [p.gap] : [])))];
  if (gaps.length > 0) throw new MarqueeError('INVALID_INPUT', `times: ${gaps.join(' ')}`, 'times');
  const first = planned.reduce((a, b) => (b.startsAt < a.startsAt ? b : a));
  await assertNotExpired(conn, first.startsAt, ctx.config.expireHours);
  await assertNotPast(conn, first.startsAt, ctx.config.timeZone, confirmPast);
}

/** Marks the planned shows whose time has passed (a preview says so instead of refusing). */
async function notePast(conn: PoolConnection, planned: Planned[]): Promise<void> {
  const [[now]] = await conn.query<Row[]>('SELECT UTC_TIMESTAMP() AS now');
  for (const p of planned) {
    if (p.startsAt < (now!.now as Date)) p.notes.push('This time has already passed: confirmPast makes the show anyway.');
  }
}

const scheduled = (p: Planned, showId: number | null, timeZone: string): ScheduledShow => ({
  showId, showTime: formatInZone(p.startsAt, timeZone), screenId: p.screen.screenId, screenName: p.screen.name,
  ...(p.notes.length > 0 ? { notes: p.notes } : {}),
});

/**
 * A film on screens, days and times, all or nothing, in one transaction. The screens' rows are
 * locked first (in id order, so two schedulers never deadlock): a scheduler racing this one on
 * a screen waits, then sees these shows and gets its clashes. The show triggers check every
 * show again; any refusal there rolls the whole request back.
 */
export async function scheduleShows(
  ctx: OperationContext, input: ParsedInput<'scheduleShows'>,
): Promise<OperationOutput<'scheduleShows'>> {
  const tz = ctx.config.timeZone;
  const screenIds = [...new Set(input.screenIds)];
  if (input.dryRun === true) {
    return ctx.db.withConnection(async (conn) => {
      const planned = plan(input, await screensOf(conn, screenIds, false), await filmLength(conn, input.filmId), tz);
      await notePast(conn, planned);
      const clashes = await clashesOf(conn, planned.filter((p) => !p.gap), tz, false);
      return { dryRun: true, shows: planned.map((p) => scheduled(p, null, tz)), clashes };
    });
  }
  return inTransaction(ctx, async (conn) => {
    const planned = plan(input, await screensOf(conn, screenIds, true), await filmLength(conn, input.filmId), tz);
    await assertPlanCanBeMade(conn, ctx, planned, input.confirmPast);
    const refuseClashes = async () => {
      const clashes = await clashesOf(conn, planned, tz, true);
      if (clashes.length > 0) throw screenBusy(clashes, planned.length);
    };
    await refuseClashes();
    try {
      await conn.query<ResultSetHeader>(
        `INSERT INTO show_record (screen_id, film_id, starts_at, title, capacity, booked, created_at)
         VALUES ${planned.map(() => '(?, ?, ?, ?, ?, 0, UTC_TIMESTAMP(3))').join(', ')}`,
        planned.flatMap((p) => [p.screen.screenId, input.filmId, p.startsAt, input.title ?? null, input.capacity ?? p.screen.capacity]),
      );
    } catch (err) {
      // The database's own check refused a show the plan thought free: the clashes as it sees them.
      if (isDuplicateKey(err) || (err as { sqlState?: string }).sqlState === '45000') await refuseClashes();
      throw err;
    }
    const [made] = await conn.query<Row[]>(
      'SELECT show_id, screen_id, starts_at FROM show_record WHERE film_id = ? AND screen_id IN (?) AND starts_at IN (?)',
      [input.filmId, screenIds, [...new Set(planned.map((p) => p.startsAt.getTime()))].map((ms) => new Date(ms))],
    );
    const idOf = (p: Planned) => Number(made.find((r) => Number(r.screen_id) === p.screen.screenId && (r.starts_at as Date).getTime() === p.startsAt.getTime())!.show_id);
    if (input.prices) await setShowPrices(conn, planned.map(idOf), input.prices).catch(refuseMissingType);
    return { dryRun: false, shows: planned.map((p) => scheduled(p, idOf(p), tz)), clashes: [] };
  });
}

// ---------------------------------------------------------------- rescheduleShow

function refuseCancelled(show: LockedShow, timeZone: string): void {
  if (show.cancelledAt === null) return;
  const cancelledAt = formatInZone(show.cancelledAt, timeZone);
  throw new MarqueeError('SHOW_CANCELLED', `This screening was cancelled on ${local(cancelledAt)}${show.cancelReason ? ` (${show.cancelReason})` : ''}.`, undefined, {
    details: { showId: String(show.showId), cancelledAt, reason: show.cancelReason ?? '' },
  });
}

/**
 * A show to another time and/or screen; its tickets follow (they keep the show), each with a
 * 'moved' audit row from the old time to the new. On
 * another screen the show takes that screen's seats as its capacity, refused when fewer than
 * the seats sold. The show triggers refuse an overlap there (SCREEN_BUSY).
 */
export async function rescheduleShow(
  ctx: OperationContext, input: ParsedInput<'rescheduleShow'>, actor: Actor,
): Promise<OperationOutput<'rescheduleShow'>> {
  const tz = ctx.config.timeZone;
  const { instant: startsAt, notes } = instantOf(input.showTime, tz);
  return inTransaction(ctx, async (conn) => {
    const show = await lockShow(conn, ctx, { showId: input.showId });
    refuseCancelled(show, tz);
    await assertNotExpired(conn, show.startsAt, ctx.config.expireHours);
    await assertNotExpired(conn, startsAt, ctx.config.expireHours);
    await assertNotPast(conn, startsAt, tz, input.confirmPast);
    const target = input.screenId === undefined || input.screenId === show.screenId ? null : await screenForShow(conn, input.screenId);
    if (target && target.capacity < show.booked) {
      throw new MarqueeError('CAPACITY_BELOW_SOLD', `${seats(show.booked)} already sold, and that screen has only ${target.capacity}.`, 'screenId', {
        details: { booked: String(show.booked), capacity: String(target.capacity) },
      });
    }
    try {
      await conn.query(
        `UPDATE show_record SET starts_at = ?${target ? ', screen_id = ?, capacity = ?' : ''} WHERE show_id = ?`,
        target ? [startsAt, target.screenId, target.capacity, show.showId] : [startsAt, show.showId],
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new MarqueeError('SHOW_EXISTS', 'That screen already starts another show at that time.');
    }
    // The tickets keep their show, so no ticket trigger sees the move: its audit rows are written
    // here, in the same transaction, with both times (the show alone cannot say them afterwards).
    const [audited] = await conn.query<ResultSetHeader>(
      `INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, starts_at, from_starts_at)
       SELECT t.ticket_id, 'moved', t.user_id, t.show_id, t.show_id, ?, UTC_TIMESTAMP(3), ?, ? FROM ticket_record t WHERE t.show_id = ?`,
      [actor.label, startsAt, show.startsAt, show.showId],
    );
    const moved = { ...(await selectShow(conn, ctx, show.showId)), movedTickets: audited.affectedRows };
    return notes.length > 0 ? { ...moved, notes } : moved;
  });
}

// ---------------------------------------------------------------- cancelShow

/**
 * A screening cancelled: every ticket cancelled in one transaction (the delete trigger writes
 * each 'cancelled' audit row with the reason), the show kept and marked. The show row is locked
 * first: a booking in flight either committed before (its ticket is cancelled and listed with
 * the rest) or finds the show cancelled (the ticket triggers refuse a seat on it).
 */
export async function cancelShow(
  ctx: OperationContext, input: ParsedInput<'cancelShow'>, actor: Actor,
): Promise<OperationOutput<'cancelShow'>> {
  return inTransaction(ctx, async (conn) => {
    const show = await lockShow(conn, ctx, { showId: input.showId });
    refuseCancelled(show, ctx.config.timeZone);
    await assertNotExpired(conn, show.startsAt, ctx.config.expireHours);
    const [holders] = await conn.query<Row[]>(
      `SELECT t.ticket_id, t.ticket_code, u.user_name, u.phone_no FROM ticket_record t JOIN user_record u ON u.user_id = t.user_id
        WHERE t.show_id = ? ORDER BY t.ticket_id FOR UPDATE`,
      [show.showId],
    );
    await asActor(conn, actor, input.reason, async () => {
      await conn.query('DELETE FROM ticket_record WHERE show_id = ?', [show.showId]);
      await conn.query('UPDATE show_record SET cancelled_at = UTC_TIMESTAMP(3), cancel_reason = ? WHERE show_id = ?', [input.reason, show.showId]);
    });
    return {
      showId: show.showId,
      cancelledTickets: holders.length,
      guests: holders.map((r) => ({
        ticketId: Number(r.ticket_id),
        name: String(r.user_name),
        phone: String(r.phone_no),
        ticketCode: r.ticket_code === null ? '' : formatTicketCode(String(r.ticket_code)),
      })),
    };
  });
}
