// Ticket types (adult, child, wheelchair space, …) and what one show sells them at. The rules —
// a party takes all its seats and each type's quota or nothing, a seat keeps the price it was
// sold at — live in the ticket triggers (sql/routines/ticket_record_*.sql, marquee_count_party);
// this module keeps the list and answers for it.
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import type { Role } from '../../common/roles';
import { DEFAULT_CURRENCY, DEFAULT_MAX_PARTY, type PartyItem, type TicketType } from '../../common/schemas';
import type { Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext } from './context';
import { inTransaction } from './transaction';

export const currencyOf = (ctx: OperationContext): string => ctx.config.currency ?? DEFAULT_CURRENCY;
export const maxPartyOf = (ctx: OperationContext): number => ctx.config.maxParty ?? DEFAULT_MAX_PARTY;

const TYPE_COLUMNS = `t.ticket_type_id, t.name, t.price, t.quota_per_show, t.active, t.sort_order, t.is_default,
  t.is_accessible, t.held_for_counter,
  EXISTS (SELECT 1 FROM ticket_item i WHERE i.ticket_type_id = t.ticket_type_id) AS in_use`;

function typeFromRow(row: Row): TicketType {
  return {
    ticketTypeId: Number(row.ticket_type_id),
    name: String(row.name),
    price: Number(row.price),
    quotaPerShow: row.quota_per_show === null ? null : Number(row.quota_per_show),
    active: Number(row.active) === 1,
    sortOrder: Number(row.sort_order),
    isDefault: Number(row.is_default) === 1,
    accessible: Number(row.is_accessible) === 1,
    heldForCounter: Number(row.held_for_counter),
    inUse: Number(row.in_use) === 1,
  };
}

/**
 * Spaces of a type held for the counter that `role` may not buy: a kiosk sells only what is left
 * above the hold (the rule itself is marquee_count_party's, in the booking's own statement).
 */
export const heldFrom = (role: Role, heldForCounter: number): number => (role === 'kiosk' ? heldForCounter : 0);

/**
 * A hold above the quota, or without one, refused in words before the table's CHECK (sql/023)
 * would refuse it as a driver error: on create by the schema, on update here with the type's
 * stored quota and hold for the fields the request leaves alone.
 */
function checkHold(quota: number | null, held: number): void {
  if (held > 0 && (quota === null || held > quota)) {
    throw new MarqueeError('INVALID_INPUT', `heldForCounter: must be at most quotaPerShow (${quota ?? 'none'}): a hold needs a quota to hold back from`, 'heldForCounter');
  }
}

async function readType(ctx: OperationContext, ticketTypeId: number): Promise<TicketType> {
  const [row] = await ctx.db.rows(`SELECT ${TYPE_COLUMNS} FROM ticket_type t WHERE t.ticket_type_id = ?`, [ticketTypeId]);
  if (!row) throw new MarqueeError('TICKET_TYPE_NOT_FOUND');
  return typeFromRow(row);
}

/** A write that may hit the unique name: TICKET_TYPE_EXISTS instead of a driver error. */
async function namedUniquely<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKey(err)) throw new MarqueeError('TICKET_TYPE_EXISTS', `There is already a ticket type called "${name}".`, 'name');
    throw err;
  }
}

export async function listTicketTypes(ctx: OperationContext, input: ParsedInput<'listTicketTypes'>): Promise<OperationOutput<'listTicketTypes'>> {
  const rows = await ctx.db.rows(
    `SELECT ${TYPE_COLUMNS} FROM ticket_type t ${input.includeInactive ? '' : 'WHERE t.active = 1'} ORDER BY t.sort_order, t.ticket_type_id`,
  );
  return { currency: currencyOf(ctx), ticketTypes: rows.map(typeFromRow) };
}

export async function createTicketType(ctx: OperationContext, input: ParsedInput<'createTicketType'>): Promise<OperationOutput<'createTicketType'>> {
  const result = await namedUniquely(input.name, () =>
    ctx.db.exec(
      `INSERT INTO ticket_type (name, price, quota_per_show, sort_order, is_accessible, held_for_counter, created_at, updated_at)
       SELECT ?, ?, ?, COALESCE(?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM ticket_type)), ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)`,
      [input.name, input.price, input.quotaPerShow ?? null, input.sortOrder ?? null, input.accessible ? 1 : 0, input.heldForCounter ?? 0],
    ),
  );
  return readType(ctx, Number(result.insertId));
}

/**
 * Seats already sold keep the price they were sold at (ticket_item.unit_price). The default
 * type stays on sale; making a type the default takes the flag from the other in one transaction.
 */
export async function updateTicketType(ctx: OperationContext, input: ParsedInput<'updateTicketType'>): Promise<OperationOutput<'updateTicketType'>> {
  await namedUniquely(input.name, () =>
    inTransaction(ctx, async (conn) => {
      const [[row]] = await conn.query<Row[]>(
        'SELECT is_default, active, quota_per_show, held_for_counter FROM ticket_type WHERE ticket_type_id = ? FOR UPDATE', [input.ticketTypeId],
      );
      if (!row) throw new MarqueeError('TICKET_TYPE_NOT_FOUND');
      checkHold(
        input.quotaPerShow !== undefined ? input.quotaPerShow : row.quota_per_show === null ? null : Number(row.quota_per_show),
        input.heldForCounter ?? Number(row.held_for_counter),
      );
      const isDefault = Number(row.is_default) === 1;
      if (input.active === false && (isDefault || input.isDefault)) throw new MarqueeError('DEFAULT_TICKET_TYPE', undefined, 'active');
      if (input.isDefault && !isDefault) {
        if (Number(row.active) !== 1 && input.active !== true) {
          throw new MarqueeError('TICKET_TYPE_INACTIVE', 'A type that is not on sale cannot be the default. Activate it too.', 'isDefault');
        }
        await conn.query('UPDATE ticket_type SET is_default = NULL WHERE is_default = 1');
      }
      const sets: string[] = ['updated_at = UTC_TIMESTAMP(3)'];
      const params: Array<string | number | null> = [];
      const changes: Array<[string, string | number | boolean | null | undefined]> = [
        ['name', input.name], ['price', input.price], ['quota_per_show', input.quotaPerShow], ['active', input.active],
        ['sort_order', input.sortOrder], ['is_default', input.isDefault],
        ['is_accessible', input.accessible], ['held_for_counter', input.heldForCounter],
      ];
      for (const [column, value] of changes) {
        if (value === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
      }
      await conn.query(`UPDATE ticket_type SET ${sets.join(', ')} WHERE ticket_type_id = ?`, [...params, input.ticketTypeId]);
    }),
  );
  return readType(ctx, input.ticketTypeId);
}

/** Only a type never sold: the audit trail names types by number, and a report must still name them. */
export async function deleteTicketType(ctx: OperationContext, input: ParsedInput<'deleteTicketType'>): Promise<OperationOutput<'deleteTicketType'>> {
  return inTransaction(ctx, async (conn) => {
    const [[row]] = await conn.query<Row[]>('SELECT is_default FROM ticket_type WHERE ticket_type_id = ? FOR UPDATE', [input.ticketTypeId]);
    if (!row) throw new MarqueeError('TICKET_TYPE_NOT_FOUND');
    if (Number(row.is_default) === 1) throw new MarqueeError('DEFAULT_TICKET_TYPE');
    const [[used]] = await conn.query<Row[]>(
      `SELECT EXISTS (SELECT 1 FROM ticket_item WHERE ticket_type_id = ?)
           OR EXISTS (SELECT 1 FROM ticket_event WHERE items IS NOT NULL AND JSON_CONTAINS(items, JSON_OBJECT('t', ?))) AS used`,
      [input.ticketTypeId, input.ticketTypeId],
    );
    if (Number(used?.used) === 1) throw new MarqueeError('TICKET_TYPE_IN_USE');
    await conn.query('DELETE FROM show_price WHERE ticket_type_id = ?', [input.ticketTypeId]);
    await conn.query('DELETE FROM show_type_count WHERE ticket_type_id = ?', [input.ticketTypeId]);
    await conn.query('DELETE FROM ticket_type WHERE ticket_type_id = ?', [input.ticketTypeId]);
    return { ticketTypeId: input.ticketTypeId };
  });
}

/**
 * The types on sale as this show sells them to this caller: its own price where it has one, and
 * the seats of a quota'd type left for the caller — a kiosk does not count the spaces held for the
 * counter, and is told when only those remain (atCounter: "ask at the counter").
 */
export async function showTicketTypes(
  ctx: OperationContext, input: ParsedInput<'showTicketTypes'>, actor: Actor,
): Promise<OperationOutput<'showTicketTypes'>> {
  const [show] = await ctx.db.rows(
    'SELECT CAST(capacity - booked AS SIGNED) AS seats_left, cancelled_at FROM show_record WHERE show_id = ?', [input.showId],
  );
  if (!show) throw new MarqueeError('SHOW_NOT_FOUND');
  const seatsLeft = show.cancelled_at === null ? Number(show.seats_left) : 0;
  const rows = await ctx.db.rows(
    `SELECT t.ticket_type_id, t.name, COALESCE(sp.price, t.price) AS price, t.quota_per_show, COALESCE(c.taken, 0) AS taken,
            t.is_accessible, t.held_for_counter
       FROM ticket_type t
       LEFT JOIN show_price sp ON sp.show_id = ? AND sp.ticket_type_id = t.ticket_type_id
       LEFT JOIN show_type_count c ON c.show_id = ? AND c.ticket_type_id = t.ticket_type_id
      WHERE t.active = 1
      ORDER BY t.sort_order, t.ticket_type_id`,
    [input.showId, input.showId],
  );
  return {
    showId: input.showId,
    currency: currencyOf(ctx),
    seatsLeft,
    maxParty: maxPartyOf(ctx),
    ticketTypes: rows.map((row) => {
      const quota = row.quota_per_show === null ? null : Number(row.quota_per_show);
      const held = Number(row.held_for_counter);
      const unsold = quota === null ? null : Math.max(0, Math.min(quota - Number(row.taken), seatsLeft));
      const left = unsold === null ? null : Math.max(0, Math.min(unsold, quota! - heldFrom(actor.role, held) - Number(row.taken)));
      return {
        ticketTypeId: Number(row.ticket_type_id),
        name: String(row.name),
        price: Number(row.price),
        quotaPerShow: quota,
        left,
        accessible: Number(row.is_accessible) === 1,
        heldForCounter: held,
        atCounter: left === 0 && unsold !== null && unsold > 0,
      };
    }),
  };
}

/**
 * A show's own prices: a price sets or replaces the show's price for that type, null removes it
 * (the type's price holds again). Seats already sold keep theirs. Runs on the caller's
 * connection, inside its transaction (updateShow, scheduleShows).
 */
export async function setShowPrices(
  conn: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  showIds: readonly number[],
  prices: ReadonlyArray<{ ticketTypeId: number; price: number | null }>,
): Promise<void> {
  if (showIds.length === 0 || prices.length === 0) return;
  for (const { ticketTypeId, price } of prices) {
    if (price === null) {
      await conn.query(`DELETE FROM show_price WHERE ticket_type_id = ? AND show_id IN (${showIds.map(() => '?').join(', ')})`, [ticketTypeId, ...showIds]);
    } else {
      await conn.query(
        `INSERT INTO show_price (show_id, ticket_type_id, price) VALUES ${showIds.map(() => '(?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE price = VALUES(price)`,
        showIds.flatMap((showId) => [showId, ticketTypeId, price]),
      );
    }
  }
}

type RawItem = { t: number; n: number; p: number; name?: string };

/**
 * A party as JSON ([{"t": type, "n": count, "p": unit price, "name"?}]: the audit trail's items,
 * or marquee_book's and the rosters' answers, which name the types themselves), in type order.
 * A type without a name takes it from `names`.
 */
export function parseParty(json: unknown, names?: ReadonlyMap<number, string>): { items: PartyItem[]; total: number } {
  const raw = (typeof json === 'string' ? JSON.parse(json) : json ?? []) as RawItem[];
  const items = raw
    .map((i) => ({ ticketTypeId: Number(i.t), name: i.name ?? names?.get(Number(i.t)) ?? `#${i.t}`, count: Number(i.n), unitPrice: Number(i.p) }))
    .sort((a, b) => a.ticketTypeId - b.ticketTypeId);
  return { items, total: partyTotal(items) };
}

/** The party's items with their types' names, as SQL over a ticket `t` (rosters, lookups, search). */
export const PARTY_ITEMS_SQL = `(SELECT JSON_ARRAYAGG(JSON_OBJECT('t', i.ticket_type_id, 'n', i.count, 'p', i.unit_price, 'name', tt.name))
           FROM ticket_item i JOIN ticket_type tt ON tt.ticket_type_id = i.ticket_type_id WHERE i.ticket_id = t.ticket_id)`;

export const partyTotal = (items: readonly PartyItem[]): number => items.reduce((sum, i) => sum + i.count * i.unitPrice, 0);

/** Every type's name by number (a handful of rows; read per answer, so a rename shows at once). */
export async function typeNames(ctx: OperationContext): Promise<Map<number, string>> {
  const rows = await ctx.db.rows('SELECT ticket_type_id, name FROM ticket_type');
  return new Map(rows.map((r) => [Number(r.ticket_type_id), String(r.name)]));
}

/** A price for a type that does not exist (its foreign key): TICKET_TYPE_NOT_FOUND, not a driver error. */
export function refuseMissingType(err: unknown): never {
  if ((err as { errno?: number })?.errno === 1452) throw new MarqueeError('TICKET_TYPE_NOT_FOUND', undefined, 'prices');
  throw err;
}
