import type { SweepReport } from '../../common/schemas';
import type { Config } from '../config';
import type { ClusterNodeState } from '../db/cluster';
import type { Database } from '../db/database';
import type { EmbeddedStatus } from '../db/embedded-server';
import { VERSION } from '../version';
import type { OperationOutput } from '../../common/operations';
import { KeptAnswers, WriteCounter } from './read-caches';
import type { KeyedBooking } from './keyed-booking';

export interface Health {
  /**
   * 'down' also when the server answers but, as a Galera node, may not serve (cluster.ready false),
   * or when the database has moved past this serve's build (db/upgrade-watcher.ts).
   */
  database: 'up' | 'down';
  version: string;
  lastSweep: SweepReport | null;
  /** Only with the embedded default: whether Marquee's own server runs, and its restarts. */
  embeddedDatabase?: EmbeddedStatus;
  /** The Galera node's state; null on a server that is no cluster member, absent when unreachable. */
  cluster?: ClusterNodeState | null;
}

/** Where the LAN listener answers and the fingerprint devices pin; null while none runs. */
export interface ListenerInfo {
  url: string;
  fingerprint: string;
}

/** Per-call options beyond the input. */
export interface RunOptions {
  /** Ties a booking to its Idempotency-Key: a retry gets the same ticket (see sql/004). */
  idempotencyRef?: string;
  /** A booking's Idempotency-Key, kept by the database with the booking (keyed-booking.ts). */
  keyed?: KeyedBooking;
  /** Who is asking, for limits on unauthenticated operations: the client's address over REST. */
  clientAddress?: string;
}

/** What a kept roster was read under: its show's id, roster_version (sql/011) and expiry. */
export interface RosterStamp {
  showId: number;
  version: number;
  expired: boolean;
}

/** What every operation needs: the pool, the rules' settings, and facts about this server. */
export interface OperationContext {
  db: Database;
  config: Pick<Config, 'capacity' | 'expireHours' | 'timeZone' | 'checkinOpensMinutes' | 'checkinClosesMinutes' | 'pairingKeyFile'> &
    Partial<Pick<Config, 'kioskSalesCloseMinutes' | 'readCacheMs' | 'currency' | 'maxParty' | 'backupCron' | 'doorSnapshotHours' | 'doorAdmitsUnpaid'>>;
  status(): Promise<Health>;
  listener(): ListenerInfo | null;
  /** Writes through this process: each ends the read caches' windows at once. */
  writes: WriteCounter;
  /** Rosters read before, each served again only while its show's row says nothing changed. */
  rosters: KeptAnswers<OperationOutput<'listByShowTime'>, RosterStamp>;
  /** Show lists (the kiosks' seat list) read within the window (read-caches.ts). */
  showLists: KeptAnswers<OperationOutput<'listShows'>>;
}

export function createOperationContext(
  db: Database,
  config: OperationContext['config'],
  facts: { lastSweep?: () => SweepReport | null; listener?: () => ListenerInfo | null; embedded?: () => EmbeddedStatus | null } = {},
): OperationContext {
  const writes = new WriteCounter();
  return {
    db,
    config,
    async status() {
      const health: Health = { database: 'down', version: VERSION, lastSweep: facts.lastSweep?.() ?? null };
      try {
        const cluster = await db.clusterState();
        // A serve whose build the database has moved past refuses every request (upgrade-watcher.ts).
        health.database = (cluster === null || cluster.ready) && db.gate.state !== 'refusing' ? 'up' : 'down';
        health.cluster = cluster;
      } catch {
        // unreachable: database stays 'down', no cluster state to show
      }
      const embedded = facts.embedded?.();
      if (embedded) health.embeddedDatabase = embedded;
      return health;
    },
    listener: facts.listener ?? (() => null),
    writes,
    // A theatre looks at a few rosters at a time; lists are a handful of views.
    rosters: new KeptAnswers(config.readCacheMs ?? 0, writes, 256),
    showLists: new KeptAnswers(config.readCacheMs ?? 0, writes),
  };
}
