// The migrator's half of an upgrade without a stall (docs/ARCHITECTURE.md, "Upgrading a live
// cluster"; the serves' half is upgrade-watcher.ts). Before its first DDL the migrator announces
// a drain in the lease row 'drain'; every live serve (a row of marquee_serve seen lately) holds
// new database work, lets its transactions in flight finish and acknowledges; only then does the
// DDL run, with no booking holding a lock it would wait for — on Galera such a wait deadlocks
// with the DDL's total order and stalls every node. The drain ends when the migration does (or
// at its expiry, if the migrator dies); each serve then checks its build against the database
// before it writes again.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { Exec } from './lease';

export const DRAIN_LEASE = 'drain';
/** A drain not renewed for this long is over (a migrator that died mid-way). */
export const DRAIN_SECONDS = 20;
/** A serve whose heartbeat is older than this is gone: nobody waits for it. */
export const SERVE_STALE_SECONDS = 6;
/** How long the migrator waits for every live serve to finish its work in flight. */
export const DRAIN_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The migrator's tables for drains (made with marquee_migration and marquee_lease, migrate.ts). */
export const DRAIN_BOOTSTRAP = [
  `CREATE TABLE IF NOT EXISTS marquee_serve (
    serve_id    VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    build       CHAR(12) CHARACTER SET ascii NOT NULL,
    version     VARCHAR(40) CHARACTER SET ascii NOT NULL,
    state       VARCHAR(20) CHARACTER SET ascii NOT NULL,
    note        VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
    drained_for VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
    started_at  DATETIME(3) NOT NULL,
    seen_at     DATETIME(3) NOT NULL,
    PRIMARY KEY (serve_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE IF NOT EXISTS marquee_routine_contract (
    name     VARCHAR(100) NOT NULL PRIMARY KEY,
    contract CHAR(64) CHARACTER SET ascii NOT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `INSERT IGNORE INTO marquee_lease (name, holder, expires_at) VALUES ('${DRAIN_LEASE}', NULL, '2000-01-01 00:00:00')`,
];

export interface LiveServe {
  serveId: string;
  build: string;
  version: string;
  state: string;
  note: string | null;
  drainedFor: string | null;
}

/** The serves that announced themselves lately (empty where no serve of a version with drains ran). */
export async function liveServes(conn: Connection): Promise<LiveServe[]> {
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      `SELECT serve_id, build, version, state, note, drained_for FROM marquee_serve
        WHERE seen_at > UTC_TIMESTAMP(3) - INTERVAL ? SECOND ORDER BY started_at`,
      [SERVE_STALE_SECONDS],
    );
    return rows.map((r) => ({
      serveId: String(r.serve_id), build: String(r.build), version: String(r.version), state: String(r.state),
      note: r.note === null ? null : String(r.note), drainedFor: r.drained_for === null ? null : String(r.drained_for),
    }));
  } catch (err) {
    if ((err as { errno?: number }).errno === 1146) return [];
    throw err;
  }
}

/** (Re)announces the drain `id` for DRAIN_SECONDS more. */
export async function holdDrain(exec: Exec, id: string): Promise<void> {
  await exec('UPDATE marquee_lease SET holder = ?, expires_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE name = ?', [id, DRAIN_SECONDS, DRAIN_LEASE]);
}

export async function endDrain(exec: Exec, id: string): Promise<void> {
  await exec('UPDATE marquee_lease SET holder = NULL, expires_at = UTC_TIMESTAMP(3) WHERE name = ? AND holder = ?', [DRAIN_LEASE, id]);
}

export class DrainError extends Error {
  override name = 'DrainError';
}

/**
 * Waits until every live serve has acknowledged drain `id` (the set is read again each time: a
 * serve that started meanwhile sees the drain before it serves). Resolves to how many there were.
 */
export async function awaitDrained(conn: Connection, exec: Exec, id: string, waitMs = DRAIN_WAIT_MS): Promise<number> {
  const deadline = Date.now() + waitMs;
  for (let renewed = Date.now(); ; ) {
    const serves = await liveServes(conn);
    const pending = serves.filter((s) => s.drainedFor !== id);
    if (pending.length === 0) return serves.length;
    if (Date.now() > deadline) {
      throw new DrainError(
        `${pending.length} running serve(s) did not finish their requests within ${waitMs / 1000} s (${pending.map((s) => s.serveId).join(', ')}); ` +
          'nothing was changed and they serve on. Run the migration again.',
      );
    }
    if (Date.now() - renewed > 2_000) {
      await holdDrain(exec, id);
      renewed = Date.now();
    }
    await sleep(50);
  }
}
