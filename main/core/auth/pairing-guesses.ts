// How many pairing codes an address may try. The count lives in the database (pairing_source,
// sql/013) so that every serve on it shares one limit, and a guess is charged to its address's
// row under that row's lock before the code is looked at: requests sent at once from one address
// take turns, and the sixth of a burst finds five already charged. A code that turns out to be
// real (redeemed, already used, expired, or for another page) is given back, since nobody
// guessed it; a lost race for one code therefore locks nobody out.
//
// There is no lock on everyone: an attacker can only spend their own addresses' guesses. Once
// many wrong codes are on the books at once (someone guessing from many addresses) each address
// is held to one, so a code's ten minutes face a few dozen guesses plus one per address, while a
// device that types its code right still pairs from its own address.
import net from 'node:net';
import type { PoolConnection } from 'mysql2/promise';
import { MarqueeError } from '../../common/errors';
import type { Database, Row } from '../db/database';
import { canonicalIp } from '../tls/certificates';

export const PAIRING_GUESS_WINDOW_MINUTES = 10;
/** Wrong codes one address may send per window. */
export const PAIRING_GUESSES_PER_SOURCE = 5;
/** Wrong codes from all addresses together, per window, past which each address may send only… */
export const PAIRING_GUESSES_TOTAL = 30;
/** …this many. */
export const PAIRING_GUESSES_PER_SOURCE_UNDER_ATTACK = 1;

/**
 * Who a guess is charged to. IPv6 hands each host a /64 to pick addresses from, so the prefix
 * is the address; an IPv4 address seen over an IPv6 socket is the IPv4 address.
 */
export function guessSource(clientAddress: string): string {
  const ip = clientAddress.startsWith('ip:') ? clientAddress.slice(3) : null;
  if (ip === null || !net.isIPv6(ip)) return clientAddress.slice(0, 64);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return `ip:${mapped[1]!}`;
  return `ip:${canonicalIp(ip).split(':').slice(0, 4).join(':')}::/64`;
}

interface SourceState {
  /** Counted in the address's open window (0 when it has none). */
  wrong: number;
  /** Counted in all open windows. */
  total: number;
  /** Until the address's window ends. */
  waitMs: number;
}

const STATE_COLUMNS = `wrong_guesses AS wrong,
  TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), window_ends_at) AS wait_us,
  (SELECT COALESCE(SUM(wrong_guesses), 0) FROM pairing_source WHERE window_ends_at > UTC_TIMESTAMP(3)) AS total`;

const toState = (row: Row | undefined): SourceState =>
  row ? { wrong: Number(row.wrong), total: Number(row.total), waitMs: Number(row.wait_us) / 1000 } : { wrong: 0, total: 0, waitMs: 0 };

/** The refusal for an address that has spent its guesses, or null while it may try. */
function refusal(state: SourceState): MarqueeError | null {
  const allowed = state.total >= PAIRING_GUESSES_TOTAL ? PAIRING_GUESSES_PER_SOURCE_UNDER_ATTACK : PAIRING_GUESSES_PER_SOURCE;
  if (state.wrong < allowed) return null;
  const seconds = Math.max(1, Math.ceil(state.waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new MarqueeError(
    'RATE_LIMITED',
    `Too many wrong pairing codes from this device. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then enter the code again (or ask the manager for a new one).`,
    undefined,
    { details: { retryAfterSeconds: String(seconds) } },
  );
}

/**
 * Refuses an address already known to have spent its guesses, without taking a lock: a flood
 * from one address then costs one indexed read a request instead of queueing on its row and
 * holding pool connections. chargeGuess is what decides.
 */
export async function refuseIfSpent(db: Database, source: string): Promise<void> {
  const [row] = await db.rows(`SELECT ${STATE_COLUMNS} FROM pairing_source WHERE source = ? AND window_ends_at > UTC_TIMESTAMP(3)`, [source]);
  const refused = refusal(toState(row));
  if (refused) throw refused;
}

/**
 * Charges one guess to `source` inside the caller's transaction, holding its row locked until
 * the caller commits. Returns the refusal when the address had no guess left; the caller then
 * rolls back, so a refused request is not counted.
 */
export async function chargeGuess(conn: PoolConnection, source: string): Promise<MarqueeError | null> {
  const windowEnd = `UTC_TIMESTAMP(3) + INTERVAL ${PAIRING_GUESS_WINDOW_MINUTES} MINUTE`;
  await conn.query(
    `INSERT INTO pairing_source (source, wrong_guesses, window_ends_at) VALUES (?, 1, ${windowEnd})
     ON DUPLICATE KEY UPDATE
       wrong_guesses = IF(window_ends_at <= UTC_TIMESTAMP(3), 1, wrong_guesses + 1),
       window_ends_at = IF(window_ends_at <= UTC_TIMESTAMP(3), ${windowEnd}, window_ends_at)`,
    [source],
  );
  const [[row]] = await conn.query<Row[]>(`SELECT ${STATE_COLUMNS} FROM pairing_source WHERE source = ?`, [source]);
  // Judged as it stood before this charge.
  const state = toState(row);
  return refusal({ ...state, wrong: state.wrong - 1, total: state.total - 1 });
}

/** Gives back the guess chargeGuess took: the code was real. */
export async function refundGuess(conn: PoolConnection, source: string): Promise<void> {
  await conn.query('UPDATE pairing_source SET wrong_guesses = wrong_guesses - 1 WHERE source = ?', [source]);
}

/** Removes addresses whose window has ended (their count is void anyway). */
export async function forgetEndedWindows(db: Database): Promise<void> {
  await db.exec('DELETE FROM pairing_source WHERE window_ends_at < UTC_TIMESTAMP(3)');
}
