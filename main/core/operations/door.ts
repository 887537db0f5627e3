// What a door needs beyond one scan: its snapshot for admitting while offline, its scope (the
// screens of its entrance), and the manager's list of offline admissions that collided
// (docs/ARCHITECTURE.md, "The door app").
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { DOOR_CODE_HASH, type SnapshotShow } from '../../common/schemas';
import { formatTicketCode } from '../../common/ticket-code';
import { formatInZone, localDayOf, localDayWindow } from '../../common/time';
import { conflictOf } from './checkin';
import type { OperationContext } from './context';
import { textOrNull } from './shows';
import { inTransaction } from './transaction';
import { currencyOf, PARTY_ITEMS_SQL, parseParty } from './ticket-types';
import { withPayment } from './payments';

const derive = promisify(pbkdf2);

/** Codes never change, so a code's hash is computed once per process (a bounded memo). */
const HASH_MEMO_MAX = 50_000;
const hashMemo = new Map<string, string>();

/**
 * The snapshot carries this instead of a ticket's code: PBKDF2-SHA256 of the normalised code
 * under the database's salt. The door hashes what it scans the same way (Web Crypto) and looks
 * the hash up. A code has 55 random bits, so finding one code from a stolen snapshot means
 * about 2^55 / (2 × tickets in it) tries × DOOR_CODE_HASH.iterations HMACs: see README, "The door".
 */
export async function doorCodeHash(ticketCode: string, salt: string): Promise<string> {
  const key = `${salt}:${ticketCode}`;
  const memo = hashMemo.get(key);
  if (memo !== undefined) return memo;
  const hash = (await derive(ticketCode, salt, DOOR_CODE_HASH.iterations, DOOR_CODE_HASH.bytes, 'sha256')).toString('hex');
  if (hashMemo.size >= HASH_MEMO_MAX) hashMemo.delete(hashMemo.keys().next().value as string);
  hashMemo.set(key, hash);
  return hash;
}

async function codeHashSalt(ctx: OperationContext): Promise<string> {
  const [row] = await ctx.db.rows("SELECT value FROM door_secret WHERE name = 'code_hash_salt'");
  if (!row) throw new MarqueeError('INTERNAL');
  return String(row.value);
}

/** The screens a door token is scoped to; null: every screen (unscoped, or the desktop app). */
async function screensOf(ctx: OperationContext, tokenId: number | undefined): Promise<number[] | null> {
  if (tokenId === undefined) return null;
  const rows = await ctx.db.rows('SELECT screen_id FROM door_screen WHERE token_id = ? ORDER BY screen_id', [tokenId]);
  return rows.length === 0 ? null : rows.map((r) => Number(r.screen_id));
}

/**
 * `version` is each show's roster version (sql/011) as "show.version,…": a show whose version is
 * unchanged sends no tickets. Anything unreadable reads as "nothing known": everything is sent.
 */
function readVersion(since: string | undefined): Map<number, number> {
  const known = new Map<number, number>();
  for (const pair of (since ?? '').split(',')) {
    const m = /^(\d{1,15})\.(\d{1,15})$/.exec(pair);
    if (m) known.set(Number(m[1]), Number(m[2]));
  }
  return known;
}

const writeVersion = (versions: Array<[number, number]>): string => versions.map(([show, version]) => `${show}.${version}`).join(',');

export async function doorSnapshot(
  ctx: OperationContext, input: ParsedInput<'doorSnapshot'>, actor: Actor,
): Promise<OperationOutput<'doorSnapshot'>> {
  const { checkinOpensMinutes, checkinClosesMinutes, expireHours, timeZone } = ctx.config;
  const hoursAhead = ctx.config.doorSnapshotHours ?? 3;
  const screenIds = await screensOf(ctx, actor.tokenId);
  const salt = await codeHashSalt(ctx);
  // Read the versions before the tickets: a change in between makes the next `since` fetch it again.
  const shows = await ctx.db.rows(
    `SELECT s.show_id, s.starts_at, s.roster_version, COALESCE(s.title, f.title) AS title, s.screen_id, sc.name AS screen_name, s.cancelled_at
       FROM show_record s JOIN screen sc ON sc.screen_id = s.screen_id LEFT JOIN film f ON f.film_id = s.film_id
      WHERE s.starts_at - INTERVAL ? MINUTE <= UTC_TIMESTAMP() + INTERVAL ? HOUR
        AND s.starts_at + INTERVAL ? MINUTE >= UTC_TIMESTAMP() AND s.starts_at > marquee_expiry_cutoff(?)
        ${screenIds === null ? '' : `AND s.screen_id IN (${screenIds.map(() => '?').join(',')})`}
      ORDER BY s.starts_at, s.screen_id LIMIT 200`,
    [checkinOpensMinutes, hoursAhead, checkinClosesMinutes, expireHours, ...(screenIds ?? [])],
  );
  const known = readVersion(input.since);
  const changed = shows.filter((s) => known.get(Number(s.show_id)) !== Number(s.roster_version)).map((s) => Number(s.show_id));
  const tickets = changed.length === 0 ? [] : await ctx.db.rows(
    `SELECT t.ticket_id, t.ticket_code, t.show_id, u.user_name, t.seats, t.admitted, t.paid, t.comped, ${PARTY_ITEMS_SQL} AS items
       FROM ticket_record t JOIN user_record u ON u.user_id = t.user_id
      WHERE t.show_id IN (${changed.map(() => '?').join(',')}) AND t.ticket_code IS NOT NULL
      ORDER BY t.ticket_id`,
    changed,
  );
  const byShow = new Map<number, SnapshotShow['tickets'] & object>(changed.map((id) => [id, []]));
  for (const t of tickets) {
    // Paid as the counter recorded it (withPayment: paid in full, free, or comped), so the door refuses unpaid parties offline too.
    const { items, total, paid, amountDue } = withPayment(parseParty(t.items), Number(t.paid), Number(t.comped) === 1);
    byShow.get(Number(t.show_id))!.push({
      codeHash: await doorCodeHash(String(t.ticket_code), salt),
      ticketId: Number(t.ticket_id),
      userName: String(t.user_name),
      seats: Number(t.seats),
      admitted: Number(t.admitted),
      items,
      total,
      paid,
      amountDue,
    });
  }
  const at = (d: Date, minutes: number) => formatInZone(new Date(d.getTime() + minutes * 60_000), timeZone);
  return {
    version: writeVersion(shows.map((s) => [Number(s.show_id), Number(s.roster_version)])),
    generatedAt: formatInZone(new Date(), timeZone),
    hoursAhead,
    hash: { algorithm: 'PBKDF2-SHA256', salt, iterations: DOOR_CODE_HASH.iterations },
    screenIds,
    admitsUnpaid: ctx.config.doorAdmitsUnpaid === true,
    currency: currencyOf(ctx),
    shows: shows.map((s) => ({
      showId: Number(s.show_id),
      showTime: formatInZone(s.starts_at as Date, timeZone),
      title: textOrNull(s.title),
      screenId: Number(s.screen_id),
      screenName: String(s.screen_name),
      opensAt: at(s.starts_at as Date, -checkinOpensMinutes),
      closesAt: at(s.starts_at as Date, checkinClosesMinutes),
      cancelledAt: s.cancelled_at === null ? null : formatInZone(s.cancelled_at as Date, timeZone),
      tickets: byShow.get(Number(s.show_id)) ?? null,
    })),
  };
}

export async function updateToken(ctx: OperationContext, input: ParsedInput<'updateToken'>): Promise<OperationOutput<'updateToken'>> {
  const screenIds = [...new Set(input.screenIds)].sort((a, b) => a - b);
  await inTransaction(ctx, async (conn) => {
    const [tokens] = await conn.query('SELECT role FROM api_token WHERE token_id = ? FOR UPDATE', [input.tokenId]);
    const token = (tokens as Array<{ role: string }>)[0];
    if (!token) throw new MarqueeError('DEVICE_NOT_FOUND', undefined, 'tokenId');
    if (token.role !== 'door') throw new MarqueeError('INVALID_INPUT', 'tokenId: only a door device is scoped to screens', 'tokenId');
    await conn.query('DELETE FROM door_screen WHERE token_id = ?', [input.tokenId]);
    if (screenIds.length === 0) return;
    await conn.query(`INSERT INTO door_screen (token_id, screen_id) VALUES ${screenIds.map(() => '(?, ?)').join(', ')}`, screenIds.flatMap((id) => [input.tokenId, id]))
      .catch((err: unknown) => {
        if ((err as { errno?: number }).errno === 1452) throw new MarqueeError('SCREEN_NOT_FOUND', undefined, 'screenIds');
        throw err;
      });
  });
  return { tokenId: input.tokenId, screenIds };
}

export async function checkinConflicts(
  ctx: OperationContext, input: ParsedInput<'checkinConflicts'>,
): Promise<OperationOutput<'checkinConflicts'>> {
  const { timeZone } = ctx.config;
  const [from, to] = localDayWindow(input.day ?? localDayOf(new Date(), timeZone), timeZone);
  const rows = await ctx.db.rows(
    `SELECT c.scan_id, c.ticket_id, c.ticket_code, c.user_name, c.show_id, s.starts_at, COALESCE(s.title, f.title) AS title,
            c.actor, c.scanned_at, c.recorded_at, c.admitted_now, c.conflict, c.other_door, c.other_at
       FROM checkin_scan c LEFT JOIN show_record s ON s.show_id = c.show_id LEFT JOIN film f ON f.film_id = s.film_id
      WHERE c.conflict IS NOT NULL AND c.scanned_at >= ? AND c.scanned_at < ?
      ORDER BY c.scanned_at, c.scan_id LIMIT 1000`,
    [from, to],
  );
  return rows.map((r) => ({
    scanId: String(r.scan_id),
    ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
    ticketCode: formatTicketCode(String(r.ticket_code)),
    userName: textOrNull(r.user_name),
    showId: r.show_id === null ? null : Number(r.show_id),
    showTime: r.starts_at === null ? null : formatInZone(r.starts_at as Date, timeZone),
    title: textOrNull(r.title),
    door: String(r.actor),
    scannedAt: formatInZone(r.scanned_at as Date, timeZone),
    recordedAt: formatInZone(r.recorded_at as Date, timeZone),
    admittedNow: Number(r.admitted_now),
    conflict: conflictOf(r, timeZone),
  }));
}
