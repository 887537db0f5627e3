// Starts the core: database (embedded default or MARQUEE_DB_URL), migrations, expiry sweep,
// seat watcher. `marquee serve` and the Electron shell both start exactly this.
import type { Actor, OperationName } from '../common/operations';
import type { Config } from './config';
import type { Core, ListenerInfo } from './core';
import { Database } from './db/database';
import { silentLogger, type Logger } from './log';
import { startEmbeddedServer, type EmbeddedServer } from './db/embedded-server';
import { migrate } from './db/migrate';
import { parseDbUrl } from './db/target';
import { runOperation } from './operations';
import { createOperationContext } from './operations/context';
import { SeatWatcher } from './seat-watcher';
import { ExpirySweeper } from './sweep';

export { VERSION } from './version';

const MUTATIONS: ReadonlySet<OperationName> = new Set(['book', 'changeShowTime', 'delete', 'createShow']);

export interface StartOptions {
  logger?: Logger;
  /** Start the periodic sweep (default true). */
  sweep?: boolean;
  /** Apply migrations (default true). */
  migrate?: boolean;
}

export async function openDatabase(config: Config, logger: Logger): Promise<{ db: Database; embedded: EmbeddedServer | null }> {
  const embedded = config.dbUrl ? null : await startEmbeddedServer({ dataDir: config.dataDir, logger });
  const target = embedded ? embedded.target : parseDbUrl(config.dbUrl!);
  return { db: new Database(target, { poolSize: config.dbPoolSize, logger }), embedded };
}

export async function runMigrations(db: Database) {
  const conn = await db.pool.getConnection();
  try {
    return await migrate(conn);
  } finally {
    conn.release();
  }
}

export async function startCore(config: Config, options: StartOptions = {}): Promise<Core> {
  const logger = options.logger ?? silentLogger;
  const { db, embedded } = await openDatabase(config, logger);
  try {
    if (options.migrate !== false) {
      const result = await runMigrations(db);
      if (result.applied.length) logger.info({ applied: result.applied }, 'migrations applied');
    }
  } catch (err) {
    await db.close();
    await embedded?.stop();
    throw err;
  }
  let listener: ListenerInfo | null = null;
  const ctx = createOperationContext(db, config, { lastSweep: () => sweeper.last, listener: () => listener });
  const seats = new SeatWatcher(ctx);
  const sweeper = new ExpirySweeper(db, config.expireHours, logger, () => seats.poke());
  if (options.sweep !== false) sweeper.start(config.sweepCron);

  let closing: Promise<void> | null = null;
  const core: Core = {
    config,
    db,
    sweeper,
    async run(name, input, actor: Actor, options) {
      const output = await runOperation(ctx, name, input, actor, options);
      if (MUTATIONS.has(name)) seats.poke();
      return output;
    },
    onSeats: (listener) => seats.subscribe(listener),
    health: () => ctx.status(),
    announceListener(info) {
      listener = info;
    },
    close() {
      closing ??= (async () => {
        await sweeper.stop();
        seats.stop();
        await db.close();
        await embedded?.stop();
      })();
      return closing;
    },
  };
  return core;
}
