// Starts the core: database (embedded default or MARQUEE_DB_URL), migrations, expiry sweep,
// seat watcher. `marquee serve` and the Electron shell both start exactly this.
import { pairingKey } from './auth/pairing-key';
import { BackupScheduler } from './backup/scheduler';
import { changesSeats, type OperationName } from '../common/operations';
import type { Config } from './config';
import type { Core, ListenerInfo, RunOptions } from './core';
import { Database } from './db/database';
import { silentLogger, type Logger } from './log';
import { Metrics, resultOf } from './metrics';
import { poolStats } from './db/pool-stats';
import { securePrivateDir } from './private-files';
import { startEmbeddedServer, type EmbeddedServer } from './db/embedded-server';
import { loadMigrationPlan, migrate, MigrationError, newerSchemaMessage, schemaStatus, type SchemaStatus } from './db/migrate';
import { UpgradeWatcher } from './db/upgrade-watcher';
import { parseDbUrl } from './db/target';
import { checkCall, runChecked, type CheckedCall } from './operations';
import { backfillTicketCodes } from './operations/backfill';
import { createOperationContext } from './operations/context';
import { SeatWatcher } from './seat-watcher';
import { applyDatabaseSettings } from './settings';
import { ExpirySweeper } from './sweep';

export { VERSION } from './version';

export interface StartOptions {
  logger?: Logger;
  /** Start the periodic sweep (default true). */
  sweep?: boolean;
  /** Start the scheduled backup (default true; MARQUEE_BACKUP_CRON=off turns it off too). */
  backup?: boolean;
  /** Prepare the schema as config.migrate says (default true); false skips even the check. */
  migrate?: boolean;
  /** How often the seat watcher polls while someone listens (default 1 s; tests lengthen it to see the pokes alone). */
  seatPollMs?: number;
  /** Answer the roll call of live upgrades and follow their drains (default true; db/upgrade-watcher.ts). */
  watchUpgrades?: boolean;
}

export async function openDatabase(
  config: Config, logger: Logger, metrics?: Metrics,
): Promise<{ db: Database; embedded: EmbeddedServer | null }> {
  // Guest names, tokens' audit trail, keys and the embedded database live here: this user's only.
  securePrivateDir(config.dataDir);
  const embedded = config.dbUrl ? null : await startEmbeddedServer({ dataDir: config.dataDir, logger });
  const target = embedded ? embedded.target : parseDbUrl(config.dbUrl!);
  const onRetry = metrics
    ? ({ errno, exhausted }: { errno: number | undefined; exhausted: boolean }) => {
        if (exhausted) metrics.dbRetriesExhausted.inc();
        else metrics.dbRetries.inc({ errno: String(errno ?? 'unknown') });
      }
    : undefined;
  return { db: new Database(target, { poolSize: config.dbPoolSize, logger, onRetry }), embedded };
}

/** What the migrations and the database's rules take from the configuration (sql/015, settings.ts). */
export type SchemaSettings = Pick<Config, 'capacity' | 'turnaroundMinutes'>;

/** Without `settings` the migrations' own defaults stand (20 seats for "Screen 1", 15 minutes turnaround). */
export async function runMigrations(db: Database, settings?: SchemaSettings) {
  const conn = await db.pool.getConnection();
  let result: Awaited<ReturnType<typeof migrate>>;
  try {
    result = await migrate(conn, undefined, { capacity: settings?.capacity });
  } finally {
    // Released before the backfill, which takes its own connections: a pool of one must not
    // wait for itself.
    conn.release();
  }
  // Tickets booked before ticket codes existed get theirs here: the codes come from
  // Node's CSPRNG, which SQL cannot reach (see sql/008).
  await backfillTicketCodes(db);
  if (settings) await applyDatabaseSettings(db, settings);
  return result;
}

/** The one sentence MARQUEE_MIGRATE=off refuses to start with, or null when the schema is current. */
export function schemaBehindMessage(status: SchemaStatus): string | null {
  if (status.upToDate) return null;
  if (status.aheadVersioned.length) return newerSchemaMessage(status.aheadVersioned);
  if (status.changedVersioned.length) {
    return `The database was migrated with a different text of ${status.changedVersioned.join(', ')} than this version of Marquee has; ` +
      'run `npx marquee migrate` with an admin account to see what differs.';
  }
  const parts = [
    status.pendingVersioned.length && `${status.pendingVersioned.length} migration${status.pendingVersioned.length === 1 ? '' : 's'} pending`,
    status.staleRoutines.length && `${status.staleRoutines.length} routine${status.staleRoutines.length === 1 ? '' : 's'} out of date`,
  ].filter(Boolean);
  return `The database schema is behind this version of Marquee (${parts.join(', ')}); run \`npx marquee migrate\` with an admin account.`;
}

/**
 * Brings the schema up to date (MARQUEE_MIGRATE=auto), or with MARQUEE_MIGRATE=off only checks
 * it — no DDL, so a runtime account with DML + EXECUTE suffices — and refuses to go on if behind.
 */
export async function prepareSchema(db: Database, config: Pick<Config, 'migrate'> & SchemaSettings, logger: Logger): Promise<void> {
  if (config.migrate === 'auto') {
    const result = await runMigrations(db, config);
    if (result.applied.length || result.routinesApplied.length || result.routinesDropped.length) {
      logger.info({ applied: result.applied, routines: result.routinesApplied, dropped: result.routinesDropped, drain: result.drain }, 'migrations applied');
    }
    return;
  }
  const conn = await db.pool.getConnection();
  try {
    const behind = schemaBehindMessage(await schemaStatus(conn));
    if (behind) throw new MigrationError(behind);
  } finally {
    conn.release();
  }
  await applyDatabaseSettings(db, config);
}

export async function startCore(config: Config, options: StartOptions = {}): Promise<Core> {
  const logger = options.logger ?? silentLogger;
  // A damaged or unreadable pairing key stops the start with its sentence, not the first pairing with a 500.
  pairingKey(config.pairingKeyFile);
  const metrics = new Metrics();
  const { db, embedded } = await openDatabase(config, logger, metrics);
  metrics.watch({ pool: () => poolStats(db.pool), embedded: () => embedded?.status() ?? null });
  const upgrades = options.watchUpgrades === false ? null : new UpgradeWatcher(db, loadMigrationPlan(), { logger });
  try {
    if (options.migrate !== false) await prepareSchema(db, config, logger);
    await upgrades?.start();
  } catch (err) {
    await upgrades?.stop();
    await db.close();
    await embedded?.stop();
    throw err;
  }
  let listener: ListenerInfo | null = null;
  const ctx = createOperationContext(db, config, {
    lastSweep: () => sweeper.last,
    listener: () => listener,
    embedded: () => embedded?.status() ?? null,
  });
  const seats = new SeatWatcher(ctx, options.seatPollMs);
  const sweeper = new ExpirySweeper(db, config.expireHours, logger, (report) => {
    metrics.sweptOnce(report);
    ctx.writes.changed();
    seats.poke();
  }, config.reservationHoldMinutes);
  if (options.sweep !== false && config.sweep !== false) sweeper.start(config.sweepCron);
  const backups = new BackupScheduler(db, config, logger);
  if (options.backup !== false && config.backupCron) backups.start(config.backupCron);

  async function run<K extends OperationName>(call: CheckedCall<K>, options?: RunOptions) {
    const output = await metrics.timeOperation(call.name, () => runChecked(ctx, call, options), () => options?.keyed?.replayed === true);
    if (changesSeats(call.name)) seats.poke();
    return output;
  }

  /** A call refused before it runs (role, input) is counted with its code like any other refusal. */
  function check<K extends OperationName>(name: K, input: unknown, actor: Parameters<typeof checkCall>[2]): CheckedCall<K> {
    try {
      return checkCall(name, input, actor);
    } catch (err) {
      metrics.operations.inc({ operation: name, result: resultOf(err) });
      throw err;
    }
  }

  let closing: Promise<void> | null = null;
  const core: Core = {
    config,
    db,
    embedded,
    sweeper,
    metrics,
    check,
    runChecked: run,
    // async: a refusal by the check is a rejected promise, as from the operation itself.
    run: async (name, input, actor, options) => run(check(name, input, actor), options),
    onSeats: (listener) => seats.subscribe(listener),
    health: () => ctx.status(),
    announceListener(info) {
      listener = info;
    },
    close() {
      closing ??= (async () => {
        await sweeper.stop();
        await backups.stop();
        seats.stop();
        await upgrades?.stop();
        await db.close();
        await embedded?.stop();
      })();
      return closing;
    },
  };
  return core;
}
