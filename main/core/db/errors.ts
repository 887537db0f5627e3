// Driver errors → the contract's error codes. Driver messages never leave this module
// except in the server log.
import { MarqueeError, isErrorCode } from '../../common/errors';

interface DriverError {
  code?: string;
  errno?: number;
  sqlState?: string;
  message?: string;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'POOL_CLOSED', 'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN', 'ER_SERVER_SHUTDOWN_COMPLETE',
  'ER_CANT_CONNECT', 'CR_CONNECTION_ERROR', 'ER_QUERY_INTERRUPTED',
]);
// 1040 too many connections, 1053 shutdown, 2002/2003/2006/2013 client connection errors
const UNREACHABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013, 4031]);

// A server that is up but may not serve: Galera's "WSREP has not yet prepared node for
// application use" (1047: joining, or cut off from the primary component) and read-only servers
// (1290 --read-only / super_read_only, 1792 read-only transaction, 1836 read-only mode), e.g. a
// secondary of a single-primary cluster. Another node, or this one shortly, will serve.
const NOT_SERVING_ERRNOS = new Set([1047, 1290, 1792, 1836]);

export function isNodeNotServing(err: unknown): boolean {
  const errno = (err as DriverError)?.errno;
  return errno !== undefined && NOT_SERVING_ERRNOS.has(errno);
}

/**
 * Deadlock and lock-wait timeout: the whole transaction may simply be run again. So may a call
 * that found a routine missing (1305): on MySQL a migration replacing it drops it for a moment
 * (routine-replace.ts), and every routine rolls back what it did on any error.
 */
export function isRetryable(err: unknown): boolean {
  const e = err as DriverError;
  return e?.errno === 1213 || e?.errno === 1205 || e?.errno === ER_SP_DOES_NOT_EXIST;
}
const ER_SP_DOES_NOT_EXIST = 1305;

export function isUnreachable(err: unknown): boolean {
  const e = err as DriverError;
  if (!e || typeof e !== 'object') return false;
  // Refusals are answered by a live server: waiting does not fix them (see accessProblem).
  if (accessProblem(err) !== null) return false;
  return (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) || (e.errno !== undefined && UNREACHABLE_ERRNOS.has(e.errno)) || (e as { fatal?: boolean }).fatal === true;
}

/**
 * A SIGNAL from our routines: SQLSTATE 45000 and a message 'MARQUEE:<CODE>', or
 * 'MARQUEE:<CODE>:<id>' naming the row behind it (SCREEN_BUSY: the show in the way), kept as
 * details.ref for the operation to explain (operations/shows.ts, explainShowRefusal).
 */
export function signalledCode(err: unknown): MarqueeError | null {
  const e = err as DriverError;
  if (e?.sqlState !== '45000' || typeof e.message !== 'string') return null;
  const m = /MARQUEE:([A-Z_]+)(?::(\d+))?/.exec(e.message);
  if (!m || !isErrorCode(m[1])) return null;
  return new MarqueeError(m[1], undefined, undefined, m[2] === undefined ? {} : { details: { ref: m[2] } });
}

/**
 * A unique key refused a row. To a client that is INTERNAL like any unexpected failure, but a
 * caller that expects the race (two copies of one idempotent booking) recognises it and asks
 * again, so Database keeps this one distinct instead of flattening it.
 */
export class DuplicateKeyError extends MarqueeError {
  constructor() {
    super('INTERNAL');
    this.name = 'DuplicateKeyError';
  }
}

/** The driver's duplicate-key error, or Database's translation of it. */
export function isDuplicateKey(err: unknown): boolean {
  return err instanceof DuplicateKeyError || (err as DriverError)?.errno === 1062;
}

export function isCheckViolation(err: unknown): boolean {
  const e = err as DriverError;
  return e?.errno === 4025 || e?.errno === 3819;
}

/**
 * The server answered and refused: the account's password or privileges, or the database
 * itself is missing. These do not fix themselves, so start-up does not wait for them, and at
 * run time they are reported as what they are rather than as "not reachable".
 */
export type AccessProblem = 'password' | 'host' | 'database-access' | 'unknown-database' | 'privilege' | 'locked';

// 1045 wrong password / unknown user · 1698 no password given where one is needed · 1130 host
// not allowed · 1044 no access to the database · 1049 unknown database · 1142/1143 table/column
// privilege · 1370 routine privilege (e.g. EXECUTE revoked) · 1227 needs SUPER or similar ·
// 1419 creating a routine with binary logging on needs SUPER · 3118/4151 account locked
const ACCESS_ERRNOS: Record<number, AccessProblem> = {
  1045: 'password', 1698: 'password', 1130: 'host', 1044: 'database-access', 1049: 'unknown-database',
  1142: 'privilege', 1143: 'privilege', 1370: 'privilege', 1227: 'privilege', 1419: 'privilege',
  3118: 'locked', 4151: 'locked',
};

export function accessProblem(err: unknown): AccessProblem | null {
  const errno = (err as DriverError | null)?.errno;
  return typeof errno === 'number' ? (ACCESS_ERRNOS[errno] ?? null) : null;
}

/** What the caller may show an operator at run time when the server refuses Marquee's account. */
export function accessDeniedMessage(problem: AccessProblem): string {
  if (problem === 'unknown-database') {
    return "The box office database no longer exists on the database server. An administrator must restore it; `npx marquee doctor` shows what is wrong.";
  }
  return "The database server refused Marquee's account (access denied: its password or privileges changed). An administrator must restore them; `npx marquee doctor` shows what is missing.";
}

/** Maps what the driver threw to a MarqueeError; unknown failures become INTERNAL. */
export function fromDriverError(err: unknown): MarqueeError {
  if (err instanceof MarqueeError) return err;
  const signalled = signalledCode(err);
  if (signalled) return signalled;
  const refused = accessProblem(err);
  if (refused) return new MarqueeError('DB_UNAVAILABLE', accessDeniedMessage(refused));
  if (isUnreachable(err) || isNodeNotServing(err)) return new MarqueeError('DB_UNAVAILABLE');
  if (isDuplicateKey(err)) return new DuplicateKeyError();
  return new MarqueeError('INTERNAL');
}
