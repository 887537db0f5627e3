// Shows: a time on a screen, optionally with a film. The rules that must hold for every write
// path live in the database (the show triggers: no two overlapping shows on one screen,
// sql/routines/marquee_claim_screen.sql); this module names shows, shapes them and words the
// refusals.
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { formatInZone, type WallTime } from '../../common/time';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext } from './context';
import { assertNotPast, instantOf } from './show-times';
import { refuseMissingType, setShowPrices } from './ticket-types';
import { inTransaction } from './transaction';

/** A show with its screen and film (params: expire hours). `title` is the show's own, else its film's. */
const SHOW_SELECT = `
  SELECT s.show_id, s.starts_at, s.ends_at, COALESCE(s.title, f.title) AS title, s.capacity, s.booked,
         (s.starts_at <= c.cutoff) AS is_expired, s.screen_id, sc.name AS screen_name,
         s.film_id, f.title AS film_title, f.runtime_minutes, f.rating, s.cancelled_at, s.cancel_reason
    FROM show_record s
    JOIN screen sc ON sc.screen_id = s.screen_id
    LEFT JOIN film f ON f.film_id = s.film_id
    JOIN (SELECT marquee_expiry_cutoff(?) AS cutoff) c`;

export const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function showFromRow(row: Row, timeZone: string) {
  const capacity = Number(row.capacity);
  const booked = Number(row.booked);
  return {
    showId: Number(row.show_id),
    showTime: formatInZone(row.starts_at as Date, timeZone),
    title: textOrNull(row.title),
    capacity,
    booked,
    seatsLeft: capacity - booked,
    isExpired: Number(row.is_expired) === 1,
    screenId: Number(row.screen_id),
    screenName: String(row.screen_name),
    filmId: row.film_id === null ? null : Number(row.film_id),
    filmTitle: textOrNull(row.film_title),
    runtimeMinutes: row.runtime_minutes === null ? null : Number(row.runtime_minutes),
    rating: textOrNull(row.rating),
    endsAt: formatInZone(row.ends_at as Date, timeZone),
    cancelledAt: row.cancelled_at === null ? null : formatInZone(row.cancelled_at as Date, timeZone),
    cancelReason: textOrNull(row.cancel_reason),
  };
}

/** Default for MARQUEE_KIOSK_SALES_CLOSE_MINUTES. */
export const KIOSK_SALES_CLOSE_MINUTES = 15;

/**
 * Shows to offer. The kiosk's list ends MARQUEE_KIOSK_SALES_CLOSE_MINUTES after a show
 * starts (a guest should not buy a seat for a film half over) and leaves cancelled screenings
 * out (the one place that decides it); other roles keep the API's expiry rule, as the original
 * API had it, and see a cancelled screening as such (cancelledAt).
 */
export async function listShows(
  ctx: OperationContext, input: ParsedInput<'listShows'>, actor?: Actor,
): Promise<OperationOutput<'listShows'>> {
  const kioskCutoff = actor?.role === 'kiosk' && !input.includeExpired;
  const rows = await ctx.db.rows(
    `${SHOW_SELECT}
      WHERE s.starts_at < UTC_TIMESTAMP() + INTERVAL ? DAY ${input.includeExpired ? '' : 'AND s.starts_at > c.cutoff'}
        ${kioskCutoff ? 'AND s.starts_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE AND s.cancelled_at IS NULL' : ''}
      ORDER BY s.starts_at, s.screen_id LIMIT 500`,
    kioskCutoff
      ? [ctx.config.expireHours, input.days, ctx.config.kioskSalesCloseMinutes ?? KIOSK_SALES_CLOSE_MINUTES]
      : [ctx.config.expireHours, input.days],
  );
  return rows.map((r) => showFromRow(r, ctx.config.timeZone));
}

/**
 * listShows as callers get it: the same list is served again within MARQUEE_READ_CACHE_MS
 * unless this process wrote since (read-caches.ts). The seat watcher reads `listShows`
 * itself, so what it pushes to kiosks is read fresh every time.
 */
export async function listShowsForCaller(
  ctx: OperationContext, input: ParsedInput<'listShows'>, actor?: Actor,
): Promise<OperationOutput<'listShows'>> {
  const view = actor?.role === 'kiosk' && !input.includeExpired ? 'kiosk' : 'all';
  const key = `${view}|${input.days}|${input.includeExpired}`;
  return ctx.showLists.fresh(key) ?? ctx.showLists.shared(key, async (epoch) => ctx.showLists.keep(key, await listShows(ctx, input, actor), epoch, undefined));
}

/** SHOW_NOT_FOUND for a showId (the default sentence speaks of a time). */
export const NO_SUCH_SHOW = 'There is no such show. Please pick a show from the list.';

/** How a request names a show: its id, or (the original API) its start. */
export interface ShowRef {
  showId?: number | undefined;
  showTime?: WallTime | undefined;
}

/** The start a reference gives, as a UTC instant; null when it names the show by id. A time in a DST gap is refused. */
export function startOfRef(ctx: OperationContext, ref: ShowRef): Date | null {
  return ref.showId === undefined && ref.showTime !== undefined ? instantOf(ref.showTime, ctx.config.timeZone).instant : null;
}

/** Runs one SELECT: on the pool, or on a transaction's connection. */
type Reader = (sql: string, params: unknown[]) => Promise<Row[]>;
const onPool = (ctx: OperationContext): Reader => (sql, params) => ctx.db.rows(sql, params as never[]);
const onConnection = (conn: PoolConnection): Reader => async (sql, params) => (await conn.query<Row[]>(sql, params))[0];

/** Shows (not cancelled) at one start, with what AMBIGUOUS_SHOW lists about each. */
const SHOWS_AT = `SELECT s.show_id, s.screen_id, sc.name AS screen_name, s.film_id, f.title AS film_title
    FROM show_record s JOIN screen sc ON sc.screen_id = s.screen_id LEFT JOIN film f ON f.film_id = s.film_id
   WHERE s.starts_at = ? AND s.cancelled_at IS NULL ORDER BY s.screen_id`;

function ambiguous(ctx: OperationContext, startsAt: Date, rows: Row[]): MarqueeError {
  const candidates = rows.map((r) => ({
    showId: Number(r.show_id),
    screenId: Number(r.screen_id),
    screenName: String(r.screen_name),
    filmId: r.film_id === null ? null : Number(r.film_id),
    filmTitle: textOrNull(r.film_title),
  }));
  const showTime = formatInZone(startsAt, ctx.config.timeZone);
  const screens = candidates.map((c) => (c.filmTitle ? `${c.screenName} (${c.filmTitle})` : c.screenName)).join(', ');
  // details are strings (ErrorBody): the list travels as JSON text.
  return new MarqueeError('AMBIGUOUS_SHOW', `Several shows start at ${showTime.slice(0, 16).replace('T', ' ')}: ${screens}. Pick one by its showId.`, 'showTime', {
    details: { showTime, candidates: JSON.stringify(candidates) },
  });
}

/** The one show a reference names: SHOW_NOT_FOUND for none, AMBIGUOUS_SHOW when a time names several. */
async function resolveShowWith(read: Reader, ctx: OperationContext, ref: ShowRef): Promise<number> {
  const startsAt = startOfRef(ctx, ref);
  if (startsAt === null) {
    const [row] = await read('SELECT show_id FROM show_record WHERE show_id = ?', [ref.showId]);
    if (!row) throw new MarqueeError('SHOW_NOT_FOUND', NO_SUCH_SHOW);
    return Number(row.show_id);
  }
  const rows = await read(SHOWS_AT, [startsAt]);
  if (rows.length === 0) throw new MarqueeError('SHOW_NOT_FOUND');
  if (rows.length > 1) throw ambiguous(ctx, startsAt, rows);
  return Number(rows[0]!.show_id);
}

export const resolveShow = (ctx: OperationContext, ref: ShowRef) => resolveShowWith(onPool(ctx), ctx, ref);

/**
 * The database refused a show because of another one (SCREEN_BUSY, signalled with the id of
 * the show in the way) or a time that names several (AMBIGUOUS_SHOW): the same refusal with
 * the facts a client words its own sentence from. Anything else passes unchanged.
 */
export async function explainShowRefusal(ctx: OperationContext, err: unknown, ref: ShowRef): Promise<never> {
  if (err instanceof MarqueeError && err.code === 'SCREEN_BUSY' && err.details?.ref !== undefined) {
    throw await screenBusy(ctx, Number(err.details.ref));
  }
  if (err instanceof MarqueeError && err.code === 'AMBIGUOUS_SHOW' && err.details === undefined) {
    // Only here is the show's time read again: a HOUSEFULL under load passes straight through.
    const startsAt = startOfRef(ctx, ref);
    if (startsAt !== null) throw ambiguous(ctx, startsAt, await ctx.db.rows(SHOWS_AT, [startsAt]));
  }
  throw err;
}

/** SCREEN_BUSY naming the show in the way. */
async function screenBusy(ctx: OperationContext, inWay: number): Promise<MarqueeError> {
  const [row] = await ctx.db.rows(`${SHOW_SELECT} WHERE s.show_id = ?`, [ctx.config.expireHours, inWay]);
  if (!row) return new MarqueeError('SCREEN_BUSY');
  const show = showFromRow(row, ctx.config.timeZone);
  const local = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const what = show.title ? `"${show.title}"` : 'another show';
  return new MarqueeError(
    'SCREEN_BUSY',
    `${show.screenName} is taken by ${what} from ${local(show.showTime)} until ${local(show.endsAt)} (runtime and turnaround).`,
    undefined,
    {
      details: {
        showId: String(show.showId), showTime: show.showTime, endsAt: show.endsAt, title: show.title ?? '',
        screenId: String(show.screenId), screenName: show.screenName,
      },
    },
  );
}

export async function assertNotExpired(conn: PoolConnection, startsAt: Date, expireHours: number): Promise<void> {
  const [[check]] = await conn.query<Row[]>('SELECT (? <= marquee_expiry_cutoff(?)) AS expired', [startsAt, expireHours]);
  if (Number(check?.expired) === 1) throw new MarqueeError('SHOW_EXPIRED');
}

export async function selectShow(conn: PoolConnection, ctx: OperationContext, showId: number) {
  const [rows] = await conn.query<Row[]>(`${SHOW_SELECT} WHERE s.show_id = ?`, [ctx.config.expireHours, showId]);
  return showFromRow(rows[0]!, ctx.config.timeZone);
}

export interface LockedShow {
  showId: number;
  booked: number;
  startsAt: Date;
  screenId: number;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

/** The show a reference names, row-locked until the transaction ends. */
export async function lockShow(conn: PoolConnection, ctx: OperationContext, ref: ShowRef): Promise<LockedShow> {
  const showId = await resolveShowWith(onConnection(conn), ctx, ref);
  const [[row]] = await conn.query<Row[]>('SELECT booked, starts_at, screen_id, cancelled_at, cancel_reason FROM show_record WHERE show_id = ? FOR UPDATE', [showId]);
  if (!row) throw new MarqueeError('SHOW_NOT_FOUND');
  return {
    showId, booked: Number(row.booked), startsAt: row.starts_at as Date, screenId: Number(row.screen_id),
    cancelledAt: (row.cancelled_at as Date | null) ?? null, cancelReason: textOrNull(row.cancel_reason),
  };
}

export const seats = (n: number) => (n === 1 ? '1 seat is' : `${n} seats are`);
const tickets = (n: number) => (n === 1 ? '1 ticket' : `${n} tickets`);

/** The screen a new show goes to: the one asked for, else the first; with its seats. */
export async function screenForShow(conn: PoolConnection, screenId: number | undefined): Promise<{ screenId: number; capacity: number }> {
  const [[row]] = await conn.query<Row[]>(
    screenId === undefined
      ? 'SELECT screen_id, capacity FROM screen WHERE retired_at IS NULL ORDER BY screen_id LIMIT 1'
      : 'SELECT screen_id, capacity FROM screen WHERE retired_at IS NULL AND screen_id = ?',
    screenId === undefined ? [] : [screenId],
  );
  if (!row) throw new MarqueeError('SCREEN_NOT_FOUND');
  return { screenId: Number(row.screen_id), capacity: Number(row.capacity) };
}

/**
 * A new show on a screen (default the first) with an optional film; its capacity defaults to
 * the screen's seats. A time already passed is refused unless confirmed (SHOW_IN_PAST); one in
 * a daylight-saving gap too (show-times.ts). The database refuses an unknown film (FILM_NOT_FOUND), a second show
 * starting on the screen at that time (SHOW_EXISTS: edit that one) and an overlap on the
 * screen (SCREEN_BUSY naming the show in the way), also between two managers scheduling at
 * once; runOperation words the overlap (explainShowRefusal).
 */
export async function createShow(ctx: OperationContext, input: ParsedInput<'createShow'>): Promise<OperationOutput<'createShow'>> {
  const { instant: startsAt, notes } = instantOf(input.showTime, ctx.config.timeZone);
  return ctx.db.withConnection(async (conn) => {
    await assertNotExpired(conn, startsAt, ctx.config.expireHours);
    await assertNotPast(conn, startsAt, ctx.config.timeZone, input.confirmPast);
    const screen = await screenForShow(conn, input.screenId);
    try {
      const [result] = await conn.query<ResultSetHeader>(
        'INSERT INTO show_record (screen_id, film_id, starts_at, title, capacity, booked, created_at) VALUES (?, ?, ?, ?, ?, 0, UTC_TIMESTAMP(3))',
        [screen.screenId, input.filmId ?? null, startsAt, input.title ?? null, input.capacity ?? screen.capacity],
      );
      const show = await selectShow(conn, ctx, Number(result.insertId));
      return notes.length > 0 ? { ...show, notes } : show;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // The same screen already starts a show then (uq_show_screen_starts_at): the original API's
      // refusal, naming that show.
      const [[taken]] = await conn.query<Row[]>('SELECT show_id FROM show_record WHERE screen_id = ? AND starts_at = ?', [screen.screenId, startsAt]);
      throw new MarqueeError('SHOW_EXISTS', 'There is already a show at that time on this screen. Change it with /show/update instead.', undefined, {
        details: { showId: String(taken?.show_id ?? '') },
      });
    }
  });
}

/**
 * Title and capacity of an existing show. The show row is locked first, so a booking in
 * flight either lands before the check (and counts) or waits for the new capacity.
 */
export async function updateShow(ctx: OperationContext, input: ParsedInput<'updateShow'>): Promise<OperationOutput<'updateShow'>> {
  return inTransaction(ctx, async (conn) => {
    const { showId, booked } = await lockShow(conn, ctx, input);
    if (input.capacity !== undefined && input.capacity < booked) {
      throw new MarqueeError('CAPACITY_BELOW_SOLD', `${seats(booked)} already sold, so the capacity cannot go below ${booked}.`);
    }
    await conn.query(
      `UPDATE show_record SET capacity = COALESCE(?, capacity)${input.title !== undefined ? ', title = ?' : ''} WHERE show_id = ?`,
      input.title !== undefined ? [input.capacity ?? null, input.title, showId] : [input.capacity ?? null, showId],
    );
    if (input.prices) await setShowPrices(conn, [showId], input.prices).catch(refuseMissingType);
    return selectShow(conn, ctx, showId);
  });
}

/** Only a show nobody holds a ticket for; its audit trail stays (see docs/ARCHITECTURE.md). */
export async function deleteShow(ctx: OperationContext, input: ParsedInput<'deleteShow'>): Promise<OperationOutput<'deleteShow'>> {
  return inTransaction(ctx, async (conn) => {
    const { showId, startsAt } = await lockShow(conn, ctx, input);
    // Counted rather than read from `booked`: tickets marked expired but not yet swept
    // still reference the show.
    const [[count]] = await conn.query<Row[]>('SELECT COUNT(*) AS n FROM ticket_record WHERE show_id = ?', [showId]);
    const held = Number(count?.n ?? 0);
    if (held > 0) {
      throw new MarqueeError('SHOW_HAS_TICKETS', `This show has ${tickets(held)}. Move or cancel ${held === 1 ? 'it' : 'them'} before deleting the show.`, undefined, {
        details: { tickets: String(held) },
      });
    }
    await conn.query('DELETE FROM show_record WHERE show_id = ?', [showId]);
    return { showId, showTime: formatInZone(startsAt, ctx.config.timeZone) };
  });
}
