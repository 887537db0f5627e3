// The mysql2 pool behind every operation: UTC sessions, read-your-writes on a Galera cluster,
// retry on deadlock / certification conflict and lock-wait timeout within a time budget, and
// driver errors mapped to the contract's codes.
import mysql from 'mysql2/promise';
import type { ExecuteValues, Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { MarqueeError } from '../../common/errors';
import { AdmissionGate } from './admission';
import { clusterNodeState, enableReadYourWrites, type ClusterNodeState } from './cluster';
import { accessProblem, fromDriverError, isDuplicateKey, isNodeNotServing, isRetryable, isUnreachable } from './errors';
import { silentLogger, type Logger } from '../log';
import type { DbTarget } from './target';

export type Row = RowDataPacket;
export type Params = ExecuteValues[];

/**
 * How long a transaction that keeps losing deadlocks or Galera certification conflicts is tried
 * again before the caller gets 503 DB_UNAVAILABLE (with Retry-After): a time, not a count,
 * because on a cluster under load a conflict can repeat many times within a second.
 */
export const RETRY_BUDGET_MS = 2_000;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 200;
/** A refused account fails every request: one log line per kind and period says it. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/** Room for every statement Marquee prepares (about 50 texts), with margin. */
export const PREPARED_STATEMENTS_PER_CONNECTION = 256;
// mysql2 keeps the row parsers it compiles in one LRU per process, also allocated whole up front
// (15,000 slots, 480 KB); Marquee's statements need one parser each.
mysql.setMaxParserCache(PREPARED_STATEMENTS_PER_CONNECTION);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DatabaseOptions {
  poolSize?: number;
  logger?: Logger;
  /** Overrides RETRY_BUDGET_MS (tests). */
  retryBudgetMs?: number;
  /** Told of each retry and each spent budget (the metrics). */
  onRetry?: (event: { errno: number | undefined; exhausted: boolean }) => void;
}

export class Database {
  readonly pool: Pool;
  readonly target: DbTarget;
  private readonly logger: Logger;
  private readonly refusalLoggedAt = new Map<string, number>();
  private readonly retryBudgetMs: number;
  private readonly onRetry: NonNullable<DatabaseOptions['onRetry']>;
  /** Every unit of work passes it: held during an upgrade's drain, closed on an outdated build (admission.ts). */
  readonly gate = new AdmissionGate();

  constructor(target: DbTarget, options: DatabaseOptions = {}) {
    this.target = target;
    this.logger = options.logger ?? silentLogger;
    this.retryBudgetMs = options.retryBudgetMs ?? RETRY_BUDGET_MS;
    this.onRetry = options.onRetry ?? (() => undefined);
    this.pool = mysql.createPool({
      ...target,
      connectionLimit: options.poolSize ?? 16,
      maxIdle: options.poolSize ?? 16,
      idleTimeout: 60_000,
      queueLimit: 0,
      connectTimeout: 5_000,
      enableKeepAlive: true,
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      bigNumberStrings: false,
      charset: 'utf8mb4_unicode_ci',
      multipleStatements: false,
      // Each connection keeps its prepared statements in an LRU that allocates all its slots up
      // front: mysql2's default of 16,000 costs 512 KB per connection (8 MB of heap for a pool of
      // 16) to hold the few dozen statements Marquee has. A statement pushed out is closed and
      // prepared again when next used, never wrong.
      maxPreparedStatements: PREPARED_STATEMENTS_PER_CONNECTION,
    });
    // Every session runs on UTC: DATETIME columns hold UTC and mysql2 reads them as UTC.
    this.pool.pool.on('connection', (conn) => {
      conn.query("SET time_zone = '+00:00'");
    });
    enableReadYourWrites(this.pool.pool);
  }

  /**
   * Runs `work` again on deadlock / certification conflict (1213), lock-wait timeout (1205) or a
   * routine being replaced (1305, see isRetryable),
   * with jittered exponential back-off, for up to the retry budget; then DB_UNAVAILABLE (503 with
   * Retry-After: the database is too contended right now), never INTERNAL.
   */
  retrying<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.run(() => this.retryingNow(work));
  }

  private async retryingNow<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (!isRetryable(err)) throw this.translate(err);
        const pause = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
        const e = err as { errno?: number };
        if (performance.now() - started + pause > this.retryBudgetMs) {
          this.onRetry({ errno: e.errno, exhausted: true });
          this.logger.warn({ errno: e.errno, attempts: attempt }, 'transaction kept conflicting; retry budget spent');
          throw new MarqueeError('DB_UNAVAILABLE');
        }
        this.onRetry({ errno: e.errno, exhausted: false });
        await sleep(pause);
      }
    }
  }

  private translate(err: unknown): MarqueeError {
    const mapped = fromDriverError(err);
    const refused = accessProblem(err);
    // A duplicate key is logged by whoever cannot recover from it, as INTERNAL.
    if (mapped.code === 'INTERNAL' && !isDuplicateKey(mapped)) this.logger.error({ err }, 'database error');
    else if (refused) this.logRefusal(refused, err);
    else if (mapped.code === 'DB_UNAVAILABLE' && (isUnreachable(err) || isNodeNotServing(err))) {
      const e = err as { code?: string; errno?: number };
      this.logger.warn({ code: e.code, errno: e.errno }, 'database unavailable');
    }
    return mapped;
  }

  private logRefusal(problem: string, err: unknown): void {
    const now = Date.now();
    if (now - (this.refusalLoggedAt.get(problem) ?? 0) < REFUSAL_LOG_INTERVAL_MS) return;
    this.refusalLoggedAt.set(problem, now);
    const e = err as { code?: string; errno?: number; message?: string };
    // The driver's sentence names the privilege and object; it goes to the log, never to clients.
    this.logger.error(
      { code: e.code, errno: e.errno, problem, detail: e.message, user: this.target.user, database: this.target.database },
      problem === 'unknown-database'
        ? 'database access denied: the database does not exist any more'
        : "database access denied: the server refused Marquee's account (password or privileges changed); run `npx marquee doctor`",
    );
  }

  /**
   * A prepared statement on the callback pool: the promise wrapper captures a stack trace for
   * every query, a measurable cost on the booking hot path, and we never show those stacks.
   */
  private execute<T>(sql: string, params: Params): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pool.pool.execute(sql, params, (err, result) => (err ? reject(err) : resolve(result as T)));
    });
  }

  /** A prepared statement returning rows. */
  rows<T extends Row = Row>(sql: string, params: Params = []): Promise<T[]> {
    return this.retrying(() => this.execute<T[]>(sql, params));
  }

  /** A prepared statement returning no rows (INSERT/UPDATE/DELETE). */
  exec(sql: string, params: Params = []): Promise<ResultSetHeader> {
    return this.retrying(() => this.execute<ResultSetHeader>(sql, params));
  }

  /** CALL of a procedure that ends with one SELECT: its rows. */
  async call<T extends Row = Row>(sql: string, params: Params = []): Promise<T[]> {
    const sets = await this.retrying(() => this.execute<T[][]>(sql, params));
    return (sets[0] ?? []) as T[];
  }

  /** Several statements on one session (e.g. a CALL with an OUT variable, then its SELECT). */
  async withConnection<T>(work: (conn: PoolConnection) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const conn = await this.pool.getConnection();
      try {
        return await work(conn);
      } finally {
        conn.release();
      }
    });
  }

  /**
   * `work` as one transaction on one session: it is given a Database whose queries all run in it,
   * and its writes commit together or not at all — a process killed before the COMMIT leaves
   * nothing, since the server rolls back a session that drops. READ COMMITTED, so that each
   * statement sees what a concurrent attempt of the same request committed meanwhile (a ticket
   * or payment by its idempotency reference) rather than a snapshot from before. A deadlock or
   * certification conflict has already undone the whole transaction: it is run again whole.
   */
  async transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const conn = await this.pool.getConnection();
      try {
        await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        await conn.query('START TRANSACTION');
        const result = await work(this.boundTo(conn));
        await conn.query('COMMIT');
        conn.release();
        return result;
      } catch (err) {
        // A session that cannot even roll back is not given to the next caller.
        await conn.query('ROLLBACK').then(() => conn.release(), () => conn.destroy());
        throw err;
      }
    });
  }

  /**
   * This Database with its statements sent on `conn`, inside the transaction there: no retry of
   * a single statement (the retryable errors end the transaction, so they go up to
   * `transaction`, which runs it again), other errors translated as usual.
   */
  private boundTo(conn: PoolConnection): Database {
    const tx = Object.create(this) as Database;
    tx.execute = <T>(sql: string, params: Params) => conn.execute(sql, params).then(([result]) => result as T);
    tx.retrying = <T>(work: () => Promise<T>) => work().catch((err: unknown) => Promise.reject(isRetryable(err) ? err : this.translate(err)));
    tx.withConnection = <T>(w: (c: PoolConnection) => Promise<T>) => w(conn);
    return tx;
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** The Galera node's state (null: no cluster member); throws when the server is unreachable. */
  async clusterState(): Promise<ClusterNodeState | null> {
    return clusterNodeState(async (sql) => (await this.pool.query<Row[]>(sql))[0]);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
