// The expiry sweep: a node-schedule job that marks tickets of expired shows and deletes them,
// in batches of at most 1,000 rows. Built not to fight concurrent writers, including the other
// nodes of a Galera cluster (docs/ARCHITECTURE.md, "Running on a cluster"):
// - one sweeper at a time across all instances: a lease (db/lease.ts, row seeded by sql/007)
//   with an expiry, so a crashed sweeper is replaced after LEASE_SECONDS;
// - each batch is found by a plain (non-locking) read, then marked and deleted by primary key,
//   re-checking expiry, so its writes touch only expired rows and never lock a live ticket;
// - the report adds a statement's rows only once it committed.
// The same run, under the same lease and in the same batches, then releases unpaid reservations
// whose show starts within MARQUEE_RESERVATION_HOLD_MINUTES (issue 22): found by a plain read,
// each released by primary key by marquee_release_unpaid, which checks the rule again under the
// ticket's row lock (the lock a payment takes), so a payment racing the release either pays a
// live ticket or is refused as RESERVATION_RELEASED.
import type { ResultSetHeader } from 'mysql2/promise';
import schedule, { type Job } from 'node-schedule';
import type { Database, Params } from './db/database';
import { leaseHolderName, releaseLease, takeLease, type Exec } from './db/lease';
import type { Logger } from './log';

import type { SweepReport } from '../common/schemas';

export type { SweepReport };

export const SWEEP_BATCH = 1000;
export const SWEEP_ACTOR = 'sweeper';
/** How long the sweep lease lasts without renewal (it is renewed before every batch). */
export const LEASE_SECONDS = 60;
const LEASE = 'sweep';

export class ExpirySweeper {
  private job: Job | null = null;
  private running: Promise<SweepReport> | null = null;
  last: SweepReport | null = null;
  /** This instance's name in the lease row. */
  readonly holder = leaseHolderName();
  /** Whether this instance took the lease in the current run (given back at its end, also after an error). */
  private holding = false;
  private readonly exec: Exec = (sql, params) => this.db.exec(sql, params as Params);

  constructor(
    private readonly db: Database,
    private readonly expireHours: number,
    private readonly logger: Logger,
    private readonly onSwept: (report: SweepReport) => void = () => undefined,
    /** MARQUEE_RESERVATION_HOLD_MINUTES; 0 (also the default here): unpaid reservations are never released. */
    private readonly reservationHoldMinutes = 0,
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
    const report: SweepReport = { at: new Date().toISOString(), marked: 0, deleted: 0, released: 0, batches: 0, durationMs: 0, error: null };
    try {
      if ((await this.sweepExpired(report)) && this.reservationHoldMinutes > 0) await this.releaseUnpaid(report);
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
      this.logger.warn({ error: report.error }, 'expiry sweep failed; next run retries');
    } finally {
      if (this.holding) await this.releaseLease().catch(() => undefined);
      this.holding = false;
    }
    report.durationMs = Math.round(performance.now() - started);
    this.last = report;
    if (report.deleted > 0) {
      this.logger.info({ marked: report.marked, deleted: report.deleted, ms: report.durationMs }, 'expired tickets swept');
    }
    if (report.released > 0) {
      this.logger.info({ released: report.released, holdMinutes: this.reservationHoldMinutes }, 'unpaid reservations released');
    }
    this.onSwept(report);
    return report;
  }

  /** Marks and deletes the tickets of expired shows; false when the lease was not (or no longer) held. */
  private async sweepExpired(report: SweepReport): Promise<boolean> {
    for (let after = 0; ; ) {
      if (!(await this.takeLease())) {
        if (report.batches === 0) report.skipped = 'another instance holds the sweep lease';
        return false;
      }
      const batch = await this.nextBatch(after);
      if (batch.length === 0) return true;
      after = batch[batch.length - 1]!.ticketId;
      const ids = batch.map((b) => b.ticketId);
      const shows = [...new Set(batch.map((b) => b.showId))];
      report.marked += await this.asSweeper(
        'UPDATE ticket_record SET is_expired = 1, updated_at = UTC_TIMESTAMP(3) WHERE ticket_id IN (?) AND show_id IN (?) AND is_expired = 0',
        [ids, shows],
      );
      report.deleted += await this.asSweeper('DELETE FROM ticket_record WHERE ticket_id IN (?) AND show_id IN (?) AND is_expired = 1', [ids, shows]);
      report.batches += 1;
      if (batch.length < SWEEP_BATCH) return true;
    }
  }

  /**
   * Releases unpaid reservations whose show starts within the hold, a batch at a time under the
   * lease. Each is its own transaction (marquee_release_unpaid): a ticket paid since the read is
   * kept, and a release counts only once committed. Should the lease pass to another instance
   * mid-batch, both releasing one ticket is harmless: the second finds it gone (released 0).
   */
  private async releaseUnpaid(report: SweepReport): Promise<boolean> {
    for (let after = 0; ; ) {
      if (!(await this.takeLease())) return false;
      const batch = await this.nextUnpaidBatch(after);
      if (batch.length === 0) return true;
      after = batch[batch.length - 1]!;
      for (const ticketId of batch) {
        const [row] = await this.db.call('CALL marquee_release_unpaid(?, ?, ?, ?)', [ticketId, this.reservationHoldMinutes, this.expireHours, SWEEP_ACTOR]);
        report.released += Number(row?.released ?? 0);
      }
      report.batches += 1;
      if (batch.length < SWEEP_BATCH) return true;
    }
  }

  /**
   * The next unpaid reservations after `after` whose show starts within the hold and has not
   * expired (those are the expiry's), by primary key: a consistent read, no locks. A party's
   * items never grow, so one worth nothing (free seats) never becomes one to release.
   */
  private async nextUnpaidBatch(after: number): Promise<number[]> {
    const rows = await this.db.rows(
      `SELECT t.ticket_id FROM ticket_record t JOIN show_record s ON s.show_id = t.show_id
        WHERE s.starts_at <= UTC_TIMESTAMP() + INTERVAL ? MINUTE AND s.starts_at > marquee_expiry_cutoff(?)
          AND t.paid = 0 AND t.comped = 0 AND t.admitted = 0 AND t.checked_in_at IS NULL AND t.is_expired = 0 AND t.ticket_id > ?
          AND EXISTS (SELECT 1 FROM ticket_item i WHERE i.ticket_id = t.ticket_id AND i.unit_price > 0 AND i.count > 0)
        ORDER BY t.ticket_id LIMIT ${SWEEP_BATCH}`,
      [this.reservationHoldMinutes, this.expireHours, after],
    );
    return rows.map((r) => Number(r.ticket_id));
  }

  /** Takes the lease, or renews it when this instance holds it; false when another one does. */
  private async takeLease(): Promise<boolean> {
    this.holding = await takeLease(this.exec, LEASE, this.holder, LEASE_SECONDS);
    return this.holding;
  }

  private releaseLease(): Promise<void> {
    return releaseLease(this.exec, LEASE, this.holder);
  }

  /** The next tickets of expired shows after `after`, by primary key: a consistent read, no locks. */
  private async nextBatch(after: number): Promise<Array<{ ticketId: number; showId: number }>> {
    const rows = await this.db.rows(
      `SELECT t.ticket_id, t.show_id FROM ticket_record t JOIN show_record s ON s.show_id = t.show_id
        WHERE s.starts_at <= marquee_expiry_cutoff(?) AND t.ticket_id > ?
        ORDER BY t.ticket_id LIMIT ${SWEEP_BATCH}`,
      [this.expireHours, after],
    );
    return rows.map((r) => ({ ticketId: Number(r.ticket_id), showId: Number(r.show_id) }));
  }

  /** One autocommitted statement with the audit trail's actor set; the rows it changed once committed. */
  private asSweeper(sql: string, params: unknown[]): Promise<number> {
    return this.db.withConnection(async (conn) => {
      await conn.query('SET @marquee_actor = ?', [SWEEP_ACTOR]);
      try {
        const [result] = await conn.query<ResultSetHeader>(sql, params);
        return result.affectedRows;
      } finally {
        await conn.query('SET @marquee_actor = NULL').catch(() => undefined);
      }
    });
  }

  async stop(): Promise<void> {
    this.job?.cancel();
    this.job = null;
    await this.running?.catch(() => undefined);
  }
}
