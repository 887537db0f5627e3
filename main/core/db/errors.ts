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
  'ER_SERVER_SHUTDOWN', 'ER_SERVER_SHUTDOWN_COMPLETE', 'ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR',
  'ER_CANT_CONNECT', 'CR_CONNECTION_ERROR', 'ER_QUERY_INTERRUPTED',
]);
// 1040 too many connections, 1053 shutdown, 2002/2003/2006/2013 client connection errors
const UNREACHABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013, 4031]);

/** Deadlock and lock-wait timeout: the whole transaction may simply be run again. */
export function isRetryable(err: unknown): boolean {
  const e = err as DriverError;
  return e?.errno === 1213 || e?.errno === 1205;
}

export function isUnreachable(err: unknown): boolean {
  const e = err as DriverError;
  if (!e || typeof e !== 'object') return false;
  return (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) || (e.errno !== undefined && UNREACHABLE_ERRNOS.has(e.errno)) || (e as { fatal?: boolean }).fatal === true;
}

/** A SIGNAL from our routines: SQLSTATE 45000 and a message 'MARQUEE:<CODE>'. */
export function signalledCode(err: unknown): MarqueeError | null {
  const e = err as DriverError;
  if (e?.sqlState !== '45000' || typeof e.message !== 'string') return null;
  const m = /MARQUEE:([A-Z_]+)/.exec(e.message);
  return m && isErrorCode(m[1]) ? new MarqueeError(m[1]) : null;
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

/** Maps what the driver threw to a MarqueeError; unknown failures become INTERNAL. */
export function fromDriverError(err: unknown): MarqueeError {
  if (err instanceof MarqueeError) return err;
  const signalled = signalledCode(err);
  if (signalled) return signalled;
  if (isUnreachable(err)) return new MarqueeError('DB_UNAVAILABLE');
  if (isDuplicateKey(err)) return new DuplicateKeyError();
  return new MarqueeError('INTERNAL');
}
