// The mysql2 pool behind every operation: UTC sessions, bounded retry on deadlock and
// lock-wait timeout, and driver errors mapped to the contract's codes.
import mysql from 'mysql2/promise';
import type { ExecuteValues, Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { MarqueeError } from '../../common/errors';
import { fromDriverError, isDuplicateKey, isRetryable, isUnreachable } from './errors';
import { silentLogger, type Logger } from '../log';
import type { DbTarget } from './target';

export type Row = RowDataPacket;
export type Params = ExecuteValues[];

const MAX_ATTEMPTS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DatabaseOptions {
  poolSize?: number;
  logger?: Logger;
}

export class Database {
  readonly pool: Pool;
  readonly target: DbTarget;
  private readonly logger: Logger;

  constructor(target: DbTarget, options: DatabaseOptions = {}) {
    this.target = target;
    this.logger = options.logger ?? silentLogger;
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
    });
    // Every session runs on UTC: DATETIME columns hold UTC and mysql2 reads them as UTC.
    this.pool.pool.on('connection', (conn) => {
      conn.query("SET time_zone = '+00:00'");
    });
  }

  /** Runs `work` again on deadlock (1213) or lock-wait timeout (1205), with jittered back-off. */
  async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (isRetryable(err) && attempt < MAX_ATTEMPTS) {
          await sleep(Math.random() * 5 * 2 ** attempt);
          continue;
        }
        throw this.translate(err);
      }
    }
  }

  private translate(err: unknown): MarqueeError {
    const mapped = fromDriverError(err);
    // A duplicate key is logged by whoever cannot recover from it, as INTERNAL.
    if (mapped.code === 'INTERNAL' && !isDuplicateKey(mapped)) this.logger.error({ err }, 'database error');
    else if (mapped.code === 'DB_UNAVAILABLE' && isUnreachable(err)) {
      const e = err as { code?: string; errno?: number };
      this.logger.warn({ code: e.code, errno: e.errno }, 'database unavailable');
    }
    return mapped;
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

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
