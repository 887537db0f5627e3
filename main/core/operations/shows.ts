import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { formatInZone, toUtc } from '../../common/time';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext } from './context';

const SHOW_SELECT = `
  SELECT s.show_id, s.starts_at, s.title, s.capacity, s.booked, (s.starts_at <= c.cutoff) AS is_expired
    FROM show_record s
    JOIN (SELECT marquee_expiry_cutoff(?) AS cutoff) c`;

export function showFromRow(row: Row, timeZone: string) {
  const capacity = Number(row.capacity);
  const booked = Number(row.booked);
  return {
    showId: Number(row.show_id),
    showTime: formatInZone(row.starts_at as Date, timeZone),
    title: row.title === null ? null : String(row.title),
    capacity,
    booked,
    seatsLeft: capacity - booked,
    isExpired: Number(row.is_expired) === 1,
  };
}

/** Default for MARQUEE_KIOSK_SALES_CLOSE_MINUTES. */
export const KIOSK_SALES_CLOSE_MINUTES = 15;

/**
 * Shows to offer. The kiosk's list ends MARQUEE_KIOSK_SALES_CLOSE_MINUTES after a show
 * starts (a guest should not buy a seat for a film half over); other roles keep the API's
 * expiry rule, as the original API had it.
 */
export async function listShows(
  ctx: OperationContext, input: ParsedInput<'listShows'>, actor?: Actor,
): Promise<OperationOutput<'listShows'>> {
  const kioskCutoff = actor?.role === 'kiosk' && !input.includeExpired;
  const rows = await ctx.db.rows(
    `${SHOW_SELECT}
      WHERE s.starts_at < UTC_TIMESTAMP() + INTERVAL ? DAY ${input.includeExpired ? '' : 'AND s.starts_at > c.cutoff'}
        ${kioskCutoff ? 'AND s.starts_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE' : ''}
      ORDER BY s.starts_at LIMIT 500`,
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
  const fresh = ctx.showLists.fresh(key);
  if (fresh) return fresh;
  const epoch = ctx.showLists.epoch();
  return ctx.showLists.keep(key, await listShows(ctx, input, actor), epoch, undefined);
}

async function assertNotExpired(conn: PoolConnection, startsAt: Date, expireHours: number): Promise<void> {
  const [[check]] = await conn.query<Row[]>('SELECT (? <= marquee_expiry_cutoff(?)) AS expired', [startsAt, expireHours]);
  if (Number(check?.expired) === 1) throw new MarqueeError('SHOW_EXPIRED');
}

async function selectShow(conn: PoolConnection, ctx: OperationContext, showId: number) {
  const [rows] = await conn.query<Row[]>(`${SHOW_SELECT} WHERE s.show_id = ?`, [ctx.config.expireHours, showId]);
  return showFromRow(rows[0]!, ctx.config.timeZone);
}

/** Runs `work` in a transaction on one connection; any throw rolls it back. */
async function inTransaction<T>(ctx: OperationContext, work: (conn: PoolConnection) => Promise<T>): Promise<T> {
  return ctx.db.withConnection(async (conn) => {
    await conn.beginTransaction();
    try {
      const result = await work(conn);
      await conn.commit();
      return result;
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    }
  });
}

/** The show at `startsAt`, row-locked until the transaction ends; SHOW_NOT_FOUND otherwise. */
async function lockShow(conn: PoolConnection, startsAt: Date): Promise<{ showId: number; booked: number }> {
  const [[row]] = await conn.query<Row[]>('SELECT show_id, booked FROM show_record WHERE starts_at = ? FOR UPDATE', [startsAt]);
  if (!row) throw new MarqueeError('SHOW_NOT_FOUND');
  return { showId: Number(row.show_id), booked: Number(row.booked) };
}

const seats = (n: number) => (n === 1 ? '1 seat is' : `${n} seats are`);
const tickets = (n: number) => (n === 1 ? '1 ticket' : `${n} tickets`);

/** A new show time. One already there is refused rather than overwritten: edits go through updateShow. */
export async function createShow(ctx: OperationContext, input: ParsedInput<'createShow'>): Promise<OperationOutput<'createShow'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  return ctx.db.withConnection(async (conn) => {
    await assertNotExpired(conn, startsAt, ctx.config.expireHours);
    try {
      const [result] = await conn.query<ResultSetHeader>(
        'INSERT INTO show_record (starts_at, title, capacity, booked, created_at) VALUES (?, ?, ?, 0, UTC_TIMESTAMP(3))',
        [startsAt, input.title ?? null, input.capacity ?? ctx.config.capacity],
      );
      return await selectShow(conn, ctx, Number(result.insertId));
    } catch (err) {
      if (isDuplicateKey(err)) throw new MarqueeError('SHOW_EXISTS', 'There is already a show at that time. Change it with /show/update instead.');
      throw err;
    }
  });
}

/**
 * Title and capacity of an existing show. The show row is locked first, so a booking in
 * flight either lands before the check (and counts) or waits for the new capacity.
 */
export async function updateShow(ctx: OperationContext, input: ParsedInput<'updateShow'>): Promise<OperationOutput<'updateShow'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  return inTransaction(ctx, async (conn) => {
    const { showId, booked } = await lockShow(conn, startsAt);
    if (input.capacity !== undefined && input.capacity < booked) {
      throw new MarqueeError('CAPACITY_BELOW_SOLD', `${seats(booked)} already sold, so the capacity cannot go below ${booked}.`);
    }
    await conn.query(
      `UPDATE show_record SET capacity = COALESCE(?, capacity)${input.title !== undefined ? ', title = ?' : ''} WHERE show_id = ?`,
      input.title !== undefined ? [input.capacity ?? null, input.title, showId] : [input.capacity ?? null, showId],
    );
    return selectShow(conn, ctx, showId);
  });
}

/** Only a show nobody holds a ticket for; its audit trail stays (see docs/ARCHITECTURE.md). */
export async function deleteShow(ctx: OperationContext, input: ParsedInput<'deleteShow'>): Promise<OperationOutput<'deleteShow'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  return inTransaction(ctx, async (conn) => {
    const { showId } = await lockShow(conn, startsAt);
    // Counted rather than read from `booked`: tickets marked expired but not yet swept
    // still reference the show.
    const [[count]] = await conn.query<Row[]>('SELECT COUNT(*) AS n FROM ticket_record WHERE show_id = ?', [showId]);
    const held = Number(count?.n ?? 0);
    if (held > 0) {
      throw new MarqueeError('SHOW_HAS_TICKETS', `This show has ${tickets(held)}. Move or cancel ${held === 1 ? 'it' : 'them'} before deleting the show.`);
    }
    await conn.query('DELETE FROM show_record WHERE show_id = ?', [showId]);
    return { showId, showTime: formatInZone(startsAt, ctx.config.timeZone) };
  });
}
