// The scheduled backup (MARQUEE_BACKUP_CRON, default 03:30 daily): one instance of a cluster
// makes it. Every serve's job fires; the first to take the 'backup' lease (db/lease.ts, the
// sweep's pattern; row seeded by sql/018) makes the backup, renewing the lease while the dump
// runs, and keeps it for COOLDOWN_SECONDS after finishing, so instances whose clocks fire a little
// later find it held and skip that run.
import schedule, { type Job } from 'node-schedule';
import type { Config } from '../config';
import type { Database, Params } from '../db/database';
import { leaseHolderName, takeLease, type Exec } from '../db/lease';
import type { Logger } from '../log';
import { runBackup, type BackupRunResult } from './run-backup';

const LEASE = 'backup';
/** How long the lease lasts without renewal while a backup runs (renewed every RENEW_MS). */
const LEASE_SECONDS = 300;
const RENEW_MS = 60_000;
/** How long a finished backup keeps the lease: other instances' jobs of the same run skip. */
export const COOLDOWN_SECONDS = 600;

export type ScheduledOutcome = { made: BackupRunResult } | { skipped: string } | { error: string };

export class BackupScheduler {
  private job: Job | null = null;
  private running: Promise<ScheduledOutcome> | null = null;
  readonly holder = leaseHolderName();
  private readonly exec: Exec = (sql, params) => this.db.exec(sql, params as Params);

  constructor(
    private readonly db: Database,
    private readonly config: Pick<Config, 'dataDir' | 'backupCopyDir' | 'backupKeep'>,
    private readonly logger: Logger,
  ) {}

  start(cron: string): void {
    this.job = schedule.scheduleJob(cron, () => {
      void this.runOnce();
    });
    if (!this.job) throw new Error(`MARQUEE_BACKUP_CRON "${cron}" is not a valid cron expression (for example 30 3 * * *), or off.`);
  }

  /** One scheduled run; a call while one runs joins it. */
  runOnce(): Promise<ScheduledOutcome> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<ScheduledOutcome> {
    try {
      if (!(await takeLease(this.exec, LEASE, this.holder, LEASE_SECONDS))) {
        return { skipped: 'another instance holds the backup lease' };
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'scheduled backup skipped: the database did not answer');
      return { error: (err as Error).message };
    }
    const renew = setInterval(() => {
      void takeLease(this.exec, LEASE, this.holder, LEASE_SECONDS).catch(() => undefined);
    }, RENEW_MS);
    try {
      return { made: await runBackup(this.db, this.config, { kind: 'scheduled', logger: this.logger }) };
    } catch (err) {
      const message = (err as Error).message;
      this.logger.error({ err: message }, 'scheduled backup failed');
      return { error: message };
    } finally {
      clearInterval(renew);
      await takeLease(this.exec, LEASE, this.holder, COOLDOWN_SECONDS).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.job?.cancel();
    this.job = null;
    await this.running?.catch(() => undefined);
  }
}
