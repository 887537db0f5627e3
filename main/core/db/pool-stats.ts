// How busy the mysql2 pool is, for the metrics. mysql2 has no public accessor for this; its
// pool keeps three queues whose lengths say it, read defensively so that a driver that renames
// them yields zeros rather than an error on every scrape.
import type { Pool } from 'mysql2/promise';

export interface PoolStats {
  inUse: number;
  idle: number;
  /** Callers waiting for a connection (every one in use and the limit reached). */
  waiting: number;
  limit: number;
}

interface Lengths {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

export function poolStats(pool: Pool): PoolStats {
  const inner = pool.pool as unknown as Lengths;
  const all = inner._allConnections?.length ?? 0;
  const idle = inner._freeConnections?.length ?? 0;
  return { inUse: Math.max(0, all - idle), idle, waiting: inner._connectionQueue?.length ?? 0, limit: inner.config?.connectionLimit ?? 0 };
}
