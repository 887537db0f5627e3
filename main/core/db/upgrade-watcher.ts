// A serve's half of an upgrade without a stall (docs/ARCHITECTURE.md, "Upgrading a live
// cluster"; the migrator's half is drain.ts). The serve answers a roll call (its row in
// marquee_serve, renewed every HEARTBEAT_MS) and watches, every POLL_MS, the drain lease row and
// a stamp of marquee_migration. When a drain is announced it holds new database work
// (admission.ts), waits for its work in flight and acknowledges; when the drain ends — or the
// schema changed some other way — it checks its build against the database before it serves
// again, and refuses with 503 while the database has moved past it (routine-contract.ts).
// It talks on a session of its own, not through the pool: a pool saturated by a burst of
// requests must not delay its answer to a drain.
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { silentLogger, type Logger } from '../log';
import { VERSION } from '../version';
import type { Database } from './database';
import { SYNC_WAIT } from './cluster';
import { DRAIN_LEASE } from './drain';
import { leaseHolderName } from './lease';
import type { MigrationPlan } from './migrate';
import { buildFingerprint, incompatibility } from './routine-contract';

export const POLL_MS = 200;
export const HEARTBEAT_MS = 1_500;

export const OUTDATED_MESSAGE =
  'This box office server runs an older version of Marquee than its database now has: restart it with the new version.';

const ER_NO_SUCH_TABLE = 1146;
const UNKNOWN_VARIABLE = 1193;
const CONFLICT_ERRNOS = new Set([1213, 1205]);

export interface UpgradeWatcherOptions {
  pollMs?: number;
  heartbeatMs?: number;
  logger?: Logger;
}

export class UpgradeWatcher {
  readonly serveId = leaseHolderName();
  private readonly build: string;
  private readonly logger: Logger;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();
  /** The drain this serve has acknowledged and still holds for. */
  private heldFor: string | null = null;
  private stamp: string | null = null;
  private beatAt = 0;
  /** Whether this serve's row exists (the table may still be missing: see start). */
  private registered = false;
  private failureLoggedAt = 0;
  private session: Connection | null = null;

  constructor(private readonly db: Database, private readonly plan: MigrationPlan, options: UpgradeWatcherOptions = {}) {
    this.build = buildFingerprint(plan);
    this.logger = options.logger ?? silentLogger;
    this.pollMs = options.pollMs ?? POLL_MS;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  }

  /** Answers the roll call and looks once (a drain under way is joined before anything is served). */
  async start(): Promise<void> {
    if (await this.register()) await this.tick();
    else {
      // Migrated by a version before drains, and this serve may not migrate: it answers the roll
      // call as soon as `marquee migrate` of this version has made the table.
      this.logger.warn('the database has no marquee_serve table yet (run `npx marquee migrate` of this version): until then this serve cannot be held for a live upgrade');
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    if (this.registered) await this.write('DELETE FROM marquee_serve WHERE serve_id = ?', [this.serveId]).catch(() => undefined);
    await this.session?.end().catch(() => undefined);
    this.session = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().catch((err: unknown) => {
        // A broken session is made again at the next tick.
        this.session?.destroy();
        this.session = null;
        // The requests of the moment say the database is away; one line now and then is enough here.
        if (Date.now() - this.failureLoggedAt < 60_000) return;
        this.failureLoggedAt = Date.now();
        const e = err as { code?: string; errno?: number };
        this.logger.warn({ code: e.code, errno: e.errno }, 'cannot watch for upgrades right now: the database does not answer');
      });
      void this.ticking.then(() => this.schedule());
    }, this.pollMs);
    this.timer.unref();
  }

  /** Writes this serve's row; false while the table is missing. */
  private async register(): Promise<boolean> {
    try {
      await this.write('DELETE FROM marquee_serve WHERE seen_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY', []);
      await this.write(
        `INSERT INTO marquee_serve (serve_id, build, version, state, started_at, seen_at)
         VALUES (?, ?, ?, 'serving', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
         ON DUPLICATE KEY UPDATE seen_at = UTC_TIMESTAMP(3)`,
        [this.serveId, this.build, VERSION.slice(0, 40)],
      );
    } catch (err) {
      if ((err as { errno?: number }).errno !== ER_NO_SUCH_TABLE) throw err;
      return false;
    } finally {
      this.beatAt = Date.now();
    }
    this.registered = true;
    return true;
  }

  private async tick(): Promise<void> {
    if (!this.registered) {
      if (Date.now() - this.beatAt >= this.heartbeatMs && (await this.register())) this.logger.info('answering the roll call of live upgrades');
      return;
    }
    const [[row]] = await (await this.connection()).query<RowDataPacket[]>(
      `SELECT (SELECT holder FROM marquee_lease WHERE name = ? AND holder IS NOT NULL AND expires_at > UTC_TIMESTAMP(3)) AS drain,
              (SELECT CONCAT(COUNT(*), '/', COALESCE(MAX(applied_at), '-'), '/', COALESCE(BIT_XOR(CRC32(CONCAT(name, '=', checksum))), 0))
                 FROM marquee_migration) AS stamp`,
      [DRAIN_LEASE],
    );
    const drain = row?.drain === null || row?.drain === undefined ? null : String(row.drain);
    const stamp = String(row?.stamp);
    if (drain !== null && drain !== this.heldFor) {
      const started = Date.now();
      if (this.db.gate.state !== 'refusing') await this.db.gate.drain();
      await this.write(
        "UPDATE marquee_serve SET drained_for = ?, state = 'drained', seen_at = UTC_TIMESTAMP(3) WHERE serve_id = ?",
        [drain, this.serveId],
      );
      this.heldFor = drain;
      this.beatAt = Date.now();
      this.logger.info({ drain, waitedMs: Date.now() - started }, 'holding database work: an upgrade is being applied');
    } else if (drain === null && (this.heldFor !== null || stamp !== this.stamp || this.db.gate.state === 'draining')) {
      // Also a drain that ended before this serve could acknowledge it: its gate must not stay shut.
      await this.judge(stamp);
    }
    if (Date.now() - this.beatAt >= this.heartbeatMs) await this.beat();
  }

  /** Serves again, or refuses, as the database now is. */
  private async judge(stamp: string): Promise<void> {
    const reason = await incompatibility(await this.connection(), this.plan);
    const wasHeld = this.heldFor !== null;
    if (reason === null) this.db.gate.open();
    else this.db.gate.refuse(OUTDATED_MESSAGE);
    this.heldFor = null;
    this.stamp = stamp;
    await this.write('UPDATE marquee_serve SET state = ?, note = ?, seen_at = UTC_TIMESTAMP(3) WHERE serve_id = ?', [
      reason === null ? 'serving' : 'outdated', reason?.slice(0, 400) ?? null, this.serveId,
    ]);
    this.beatAt = Date.now();
    if (reason !== null) this.logger.error({ reason }, 'the database has moved past this build: refusing requests until restarted with the new version');
    else if (wasHeld) this.logger.info('upgrade applied: serving again');
  }

  private async beat(): Promise<void> {
    const result = await this.write('UPDATE marquee_serve SET seen_at = UTC_TIMESTAMP(3) WHERE serve_id = ?', [this.serveId]);
    // Purged meanwhile (a clock jump, a DBA): answer the roll call again.
    if (result.affectedRows === 0) this.registered = await this.register();
    this.beatAt = Date.now();
  }

  /** This watcher's own session: UTC, and read-your-writes on a Galera node (cluster.ts). */
  private async connection(): Promise<Connection> {
    if (this.session) return this.session;
    const conn = await mysql.createConnection({ ...this.db.target, connectTimeout: 5_000, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
    conn.on('error', () => {
      if (this.session === conn) this.session = null;
    });
    try {
      await conn.query("SET time_zone = '+00:00'");
      await conn.query(`SET SESSION wsrep_sync_wait = ${SYNC_WAIT}`).catch((err: { errno?: number }) => {
        if (err.errno !== UNKNOWN_VARIABLE) throw err;
      });
    } catch (err) {
      conn.destroy();
      throw err;
    }
    this.session = conn;
    return conn;
  }

  /** One autocommitted write of this serve's own row, outside the gate; run again on a conflict. */
  private async write(sql: string, params: unknown[]): Promise<{ affectedRows: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [result] = await (await this.connection()).query(sql, params);
        return result as { affectedRows: number };
      } catch (err) {
        if (!CONFLICT_ERRNOS.has((err as { errno?: number }).errno ?? 0) || attempt >= 10) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}
