// The expiry sweep: a node-schedule job that marks tickets of expired shows and deletes them,
// in batches of at most 1,000 rows (each batch its own short transactions, see
// marquee_sweep_batch). Several instances may sweep at once: each row is marked and
// deleted once, whichever instance gets there first.
import schedule, { type Job } from 'node-schedule';
import type { Database } from './db/database';
import type { Logger } from './log';

import type { SweepReport } from '../common/schemas';

export type { SweepReport };

export const SWEEP_BATCH = 1000;
export const SWEEP_ACTOR = 'sweeper';

export class ExpirySweeper {
  private job: Job | null = null;
  private running: Promise<SweepReport> | null = null;
  last: SweepReport | null = null;

  constructor(
    private readonly db: Database,
    private readonly expireHours: number,
    private readonly logger: Logger,
    private readonly onSwept: (report: SweepReport) => void = () => undefined,
  ) {}

  start(cron: string): void {
    this.job = schedule.scheduleJob(cron, () => {
      void this.runOnce();
    });
    if (!this.job) throw new Error(`MARQUEE_SWEEP_CRON "${cron}" is not a valid cron expression.`);
  }

  /** One full sweep; a call while one is running joins it rather than starting another. */
  runOnce(): Promise<SweepReport> {
    this.running ??= this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweep(): Promise<SweepReport> {
    const started = performance.now();
    const report: SweepReport = { at: new Date().toISOString(), marked: 0, deleted: 0, batches: 0, durationMs: 0, error: null };
    try {
      for (;;) {
        const [row] = await this.db.call('CALL marquee_sweep_batch(?, ?, ?)', [this.expireHours, SWEEP_BATCH, SWEEP_ACTOR]);
        const marked = Number(row?.marked ?? 0);
        const deleted = Number(row?.deleted ?? 0);
        report.marked += marked;
        report.deleted += deleted;
        report.batches += 1;
        if (marked < SWEEP_BATCH && deleted < SWEEP_BATCH) break;
      }
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
      this.logger.warn({ error: report.error }, 'expiry sweep failed; next run retries');
    }
    report.durationMs = Math.round(performance.now() - started);
    this.last = report;
    if (report.deleted > 0) {
      this.logger.info({ marked: report.marked, deleted: report.deleted, ms: report.durationMs }, 'expired tickets swept');
    }
    this.onSwept(report);
    return report;
  }

  async stop(): Promise<void> {
    this.job?.cancel();
    this.job = null;
    await this.running?.catch(() => undefined);
  }
}
