// What Marquee needs to know about a MariaDB Galera node (see docs/ARCHITECTURE.md, "Running on
// a cluster"): whether it may serve right now, and how each session reads its own writes made
// through any other node. On a server that is no cluster member (plain MariaDB, MySQL) both are
// no-ops, found out once and remembered.
import type { Pool, PoolConnection as CallbackConnection } from 'mysql2';
import type { RowDataPacket } from 'mysql2/promise';

/**
 * wsrep_sync_wait bits: 1 reads (SELECT, SHOW, BEGIN), 2 UPDATE/DELETE, 4 INSERT/REPLACE. Every
 * statement first waits until this node has applied everything the cluster committed before it
 * started, so a ticket booked through one node can at once be looked up, moved or cancelled through
 * another. Costs one cluster round trip per statement.
 */
export const SYNC_WAIT = 7;

/** The node's replication state, as `/health` reports it; null on a server that is no cluster member. */
export interface ClusterNodeState {
  /** wsrep_ready = ON, part of the primary component and Synced: it may serve requests. */
  ready: boolean;
  /** wsrep_local_state_comment: Synced, Joining, Joined, Donor/Desynced, Initialized… */
  state: string;
  /** wsrep_cluster_status: Primary, non-Primary or Disconnected. */
  status: string;
  /** wsrep_cluster_size: the members this node sees. */
  size: number;
}

// wsrep_local_state 4 = Synced. A Donor (2) is left out: with rsync state transfer the donor
// holds a global read lock while it copies, so requests sent to it would hang.
const SYNCED = '4';

/** Reads the node's state on `query`; null when the server is no cluster member (wsrep off or absent). */
export async function clusterNodeState(query: (sql: string) => Promise<RowDataPacket[]>): Promise<ClusterNodeState | null> {
  const on = await query("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'");
  if (String(on[0]?.Value ?? 'OFF').toUpperCase() !== 'ON') return null;
  const rows = await query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state', 'wsrep_local_state_comment', 'wsrep_cluster_status', 'wsrep_cluster_size')",
  );
  const v = new Map(rows.map((r) => [String(r.Variable_name).toLowerCase(), String(r.Value)]));
  const status = v.get('wsrep_cluster_status') ?? 'Disconnected';
  return {
    ready: v.get('wsrep_ready') === 'ON' && status === 'Primary' && v.get('wsrep_local_state') === SYNCED,
    state: v.get('wsrep_local_state_comment') ?? 'unknown',
    status,
    size: Number(v.get('wsrep_cluster_size') ?? 0),
  };
}

// 1193 unknown system variable: MySQL, or a MariaDB built without wsrep.
const UNKNOWN_VARIABLE = 1193;

/**
 * Turns on read-your-writes for every new session of `pool` where the server supports it. The
 * first session tries; a server without the variable is remembered and never asked again. A
 * session whose SET fails for another reason (a node not ready yet) is destroyed rather than
 * handed out without the guarantee — its statements fail as "unavailable", and the pool makes a
 * fresh session next time.
 */
export function enableReadYourWrites(pool: Pool): void {
  let supported: boolean | null = null;
  pool.on('connection', (conn: CallbackConnection) => {
    if (supported === false) return;
    conn.query(`SET SESSION wsrep_sync_wait = ${SYNC_WAIT}`, (err) => {
      if (!err) supported = true;
      else if ((err as { errno?: number }).errno === UNKNOWN_VARIABLE) supported = false;
      else conn.destroy();
    });
  });
}
