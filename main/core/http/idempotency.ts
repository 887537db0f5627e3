// Idempotency-Key on bookings: a device that lost the answer to a booking can send it again
// and get the first answer instead of a second ticket. A booking (/ticket/book) and a counter
// sale (/counter/sell) do all of this in one CALL (operations/keyed-booking.ts, marquee_sell);
// the other keyed routes (money: pay, refund) come here, and so does a booking or sale whose key
// this path holds (reserved by an older build). The key is reserved in the database
// (idempotent_request, primary key (scope, key)) before booking, so a duplicate arriving on
// another process or at the same moment finds the reservation and waits for its answer.
import { createHash } from 'node:crypto';
import { MarqueeError, type ErrorCode } from '../../common/errors';
import type { Database } from '../db/database';
import { REPEATABLE_REFUSALS } from '../operations/keyed-booking';
import type { Logger } from '../log';
import { fromFastifyError } from './errors';

export { IDEMPOTENCY_HEADER } from '../../common/operations';

/** Outcomes of the booking itself are answers worth repeating; anything else (the database
 * away, a failure of ours) frees the key for the retry. The same list marquee_sell is given. */
const REPEATABLE_ERRORS: ReadonlySet<ErrorCode> = new Set(REPEATABLE_REFUSALS);
/** A reservation older than this was abandoned (its process died or lost the database).
 * Taking one over early is safe: the booking itself is tied to the key (idempotencyRef), so a
 * second run finds the first run's ticket rather than making another. */
const ABANDONED_AFTER_SECONDS = 5;
const WAIT_FOR_ANSWER_MS = 10_000;
const POLL_MS = 25;
const KEEP_HOURS = 24;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const PRUNE_BATCH = 5000;

export interface StoredAnswer {
  status: number;
  /** The JSON body, exactly as first sent. */
  body: string;
  replayed: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function validIdempotencyKey(value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new MarqueeError('INVALID_INPUT', 'Idempotency-Key: must be 1 to 200 visible ASCII characters', 'Idempotency-Key');
  }
  return value;
}

/**
 * The same request sent again hashes the same, whatever order its fields came in. Takes the
 * validated input (a flat record), never raw bodies, which may nest deeper than the stack.
 */
export function requestHash(input: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  return createHash('sha256').update(canonical).digest('hex');
}

/** The reference a booking's ticket carries, so a retry finds it even if its answer was lost. */
export function idempotencyRef(scope: string, key: string, input: Record<string, unknown>): string {
  return createHash('sha256').update(`${scope}\n${key}\n${requestHash(input)}`).digest('hex');
}

export class IdempotencyStore {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs `work` once per (scope, key): the first caller does it and stores its answer; later
   * callers with the same body get that answer, with a different body IDEMPOTENCY_MISMATCH.
   *
   * A retry may take over a reservation while the first attempt is in fact still running
   * (its process is slow, not dead). Both then run the booking; the database ties both to one
   * ticket (idemRef), and the answer is stored once: whoever stores second returns the
   * stored answer instead of its own, so every caller sees the same body. Should the
   * stored answer be a refusal while this attempt made a ticket (a seat freed between the
   * two attempts), `undo` cancels that ticket: the key's one answer stays true.
   */
  async once(
    scope: string, key: string, input: Record<string, unknown>,
    work: () => Promise<{ status: number; body: unknown }>,
    undo?: (body: unknown) => Promise<void>,
  ): Promise<StoredAnswer> {
    const hash = requestHash(input);
    const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
    while (!(await this.reserve(scope, key, hash))) {
      const [row] = await this.db.rows(
        `SELECT request_hash, status, response, (created_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND) AS abandoned
           FROM idempotent_request WHERE scope = ? AND idem_key = ?`,
        [ABANDONED_AFTER_SECONDS, scope, key],
      );
      if (row) {
        if (row.request_hash !== hash) throw new MarqueeError('IDEMPOTENCY_MISMATCH');
        if (row.status !== null) return { status: Number(row.status), body: String(row.response), replayed: true };
        if (Number(row.abandoned) === 1 && (await this.takeOver(scope, key, hash))) break;
      } // no row: released or pruned meanwhile, so reserve again
      if (Date.now() > deadline) {
        throw new MarqueeError('RATE_LIMITED', 'A request with this Idempotency-Key is still being processed; try again in a moment.');
      }
      await sleep(POLL_MS);
    }

    let answer: { status: number; body: string };
    let made: unknown = undefined;
    try {
      const result = await work();
      made = result.body;
      answer = { status: result.status, body: JSON.stringify(result.body) };
    } catch (err) {
      const error = fromFastifyError(err);
      if (!REPEATABLE_ERRORS.has(error.code)) {
        await this.release(scope, key);
        throw err;
      }
      answer = { status: error.status, body: JSON.stringify({ error: error.toBody() }) };
    }
    let stored: { status: number; body: string } | null;
    try {
      stored = await this.storeOnce(scope, key, hash, answer);
    } catch (err) {
      // An answer is given only once it is the key's: otherwise a retry could later store a
      // different one (a refusal now, a seat freed by then). The device gets 503 and sends the
      // same key again; that retry takes the reservation over as abandoned and finds this
      // attempt's ticket, if it made one, by its reference.
      this.logger.warn({ code: fromFastifyError(err).code }, 'could not store an idempotent answer');
      throw new MarqueeError('DB_UNAVAILABLE');
    }
    if (stored === null) return { ...answer, replayed: false };
    if (made !== undefined && stored.status >= 400 && undo) await undo(made);
    return { ...stored, replayed: true };
  }

  /**
   * Writes the key's answer unless one is stored already; null when this answer is now the
   * key's, else the answer stored before (which stays: the first answer a device may have
   * shown its guest is never replaced).
   */
  private async storeOnce(scope: string, key: string, hash: string, answer: { status: number; body: string }): Promise<{ status: number; body: string } | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const written = await this.db.exec(
        'UPDATE idempotent_request SET status = ?, response = ? WHERE scope = ? AND idem_key = ? AND status IS NULL',
        [answer.status, answer.body, scope, key],
      );
      if (written.affectedRows === 1) return null;
      const [row] = await this.db.rows('SELECT status, response FROM idempotent_request WHERE scope = ? AND idem_key = ?', [scope, key]);
      if (row && row.status !== null) {
        if (String(row.response) === answer.body && Number(row.status) === answer.status) return null;
        return { status: Number(row.status), body: String(row.response) };
      }
      // The reservation is gone (released by an attempt that failed, or pruned): put it back, answered.
      const inserted = await this.db.exec(
        `INSERT IGNORE INTO idempotent_request (scope, idem_key, request_hash, status, response, created_at)
         VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
        [scope, key, hash, answer.status, answer.body],
      );
      if (inserted.affectedRows === 1) return null;
    }
    return null;
  }

  /** True when this caller now holds the key; IGNORE turns "already there" into zero rows. */
  private async reserve(scope: string, key: string, hash: string): Promise<boolean> {
    const result = await this.db.exec(
      'INSERT IGNORE INTO idempotent_request (scope, idem_key, request_hash, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))',
      [scope, key, hash],
    );
    return result.affectedRows === 1;
  }

  private async takeOver(scope: string, key: string, hash: string): Promise<boolean> {
    const result = await this.db.exec(
      `UPDATE idempotent_request SET created_at = UTC_TIMESTAMP(3)
        WHERE scope = ? AND idem_key = ? AND request_hash = ? AND status IS NULL
          AND created_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND`,
      [scope, key, hash, ABANDONED_AFTER_SECONDS],
    );
    return result.affectedRows === 1;
  }

  private async release(scope: string, key: string): Promise<void> {
    await this.db
      .exec('DELETE FROM idempotent_request WHERE scope = ? AND idem_key = ? AND status IS NULL', [scope, key])
      .catch(() => undefined); // the database is away: the reservation is taken over once abandoned
  }

  /** Forgets answers older than a day, in batches so the table is never locked for long. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.db.exec(
        `DELETE FROM idempotent_request WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL ${KEEP_HOURS} HOUR LIMIT ${PRUNE_BATCH}`,
      );
      total += result.affectedRows;
      if (result.affectedRows < PRUNE_BATCH) return total;
    }
  }

  startPruning(): void {
    const run = () => {
      this.prune().catch(() => undefined); // next hour tries again
    };
    this.timers.push(setInterval(run, PRUNE_EVERY_MS), setTimeout(run, 5_000));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers.splice(0)) clearTimeout(t);
  }
}
