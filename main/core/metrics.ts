// What `GET /metrics` tells Prometheus (README "Metrics"). One registry per core, so two cores in
// one process (tests, the Electron shell beside a serve) never count each other's work; the
// process and event-loop families are the process's own and live once, in a shared registry.
import client, { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MarqueeError } from '../common/errors';
import type { OperationName } from '../common/operations';
import type { SweepReport } from '../common/schemas';
import type { EmbeddedStatus } from './db/embedded-server';
import type { PoolStats } from './db/pool-stats';

/** Seconds; a booking is a few milliseconds, a report or a stalled database seconds. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    client.collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 });
  }
  return processRegistry;
}

/** The result label of an operation: "ok", or the contract's error code (INTERNAL for anything unexpected). */
export function resultOf(err: unknown): string {
  return err instanceof MarqueeError ? err.code : 'INTERNAL';
}

export interface MetricsSources {
  pool?: () => PoolStats;
  embedded?: () => EmbeddedStatus | null;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly sources: MetricsSources = {};

  readonly httpRequests = new Counter({
    name: 'marquee_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'marquee_http_request_duration_seconds',
    help: 'Time from receiving a request to answering it, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** Bookings, refusals by code, check-ins… — every operation, whoever calls it (REST or the app's IPC). */
  readonly operations = new Counter({
    name: 'marquee_operations_total',
    help: 'Operations run, by operation and result ("ok" or the error code it was refused with).',
    labelNames: ['operation', 'result'] as const,
    registers: [this.registry],
  });

  readonly operationDuration = new Histogram({
    name: 'marquee_operation_duration_seconds',
    help: 'Time an operation took in the core (database included), by operation.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly dbRetries = new Counter({
    name: 'marquee_db_retries_total',
    help: 'Transactions tried again after a deadlock, certification conflict or lock-wait timeout, by MariaDB error number.',
    labelNames: ['errno'] as const,
    registers: [this.registry],
  });

  readonly dbRetriesExhausted = new Counter({
    name: 'marquee_db_retry_budget_exhausted_total',
    help: 'Transactions that kept conflicting past the retry budget and were answered 503 DB_UNAVAILABLE.',
    registers: [this.registry],
  });

  readonly sweepRuns = new Counter({
    name: 'marquee_sweep_runs_total',
    help: 'Expiry sweep runs, by outcome (ok, skipped: another instance holds the lease, error).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly sweepDeleted = new Counter({
    name: 'marquee_sweep_deleted_tickets_total',
    help: 'Tickets of expired shows deleted by the sweep.',
    registers: [this.registry],
  });

  readonly sweepReleased = new Counter({
    name: 'marquee_sweep_released_reservations_total',
    help: 'Unpaid reservations released by the sweep before their show (MARQUEE_RESERVATION_HOLD_MINUTES).',
    registers: [this.registry],
  });

  readonly sweepLastRun = new Gauge({
    name: 'marquee_sweep_last_run_timestamp_seconds',
    help: 'When this instance last ran the expiry sweep (Unix time; 0 before the first run).',
    registers: [this.registry],
  });

  readonly idempotentReplays = new Counter({
    name: 'marquee_idempotent_replays_total',
    help: 'Requests answered with the stored answer of an earlier request with the same Idempotency-Key.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly sseClients = new Gauge({
    name: 'marquee_sse_clients',
    help: 'Seat streams (server-sent events) open now.',
    registers: [this.registry],
  });

  constructor() {
    const sources = this.sources;
    new Gauge({
      name: 'marquee_db_pool_connections',
      help: 'Database pool connections, by state (in_use, idle), and the pool size (limit).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const stats = sources.pool?.();
        if (!stats) return;
        this.set({ state: 'in_use' }, stats.inUse);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'limit' }, stats.limit);
      },
    });
    new Gauge({
      name: 'marquee_db_pool_waiting',
      help: 'Requests waiting for a database pool connection.',
      registers: [this.registry],
      collect() {
        this.set(sources.pool?.().waiting ?? 0);
      },
    });
    let restartsSeen = 0;
    new Counter({
      name: 'marquee_embedded_db_restarts_total',
      help: 'Unexpected exits of the embedded database server that Marquee restarted (0 with MARQUEE_DB_URL).',
      registers: [this.registry],
      collect() {
        // The supervisor counts; the counter follows it, so it only ever rises.
        const restarts = sources.embedded?.()?.restarts ?? 0;
        if (restarts > restartsSeen) this.inc(restarts - restartsSeen);
        restartsSeen = Math.max(restartsSeen, restarts);
      },
    });
    new Gauge({
      name: 'marquee_embedded_db_up',
      help: 'Whether the embedded database server is up (1) or not (0); absent with MARQUEE_DB_URL.',
      registers: [this.registry],
      collect() {
        const status = sources.embedded?.();
        if (status) this.set(status.state === 'running' || status.state === 'attached' ? 1 : 0);
      },
    });
  }

  /** Where the collected gauges read from, once the database is open. */
  watch(sources: MetricsSources): void {
    Object.assign(this.sources, sources);
  }

  /** Times `work` as operation `name` and counts its result. */
  /**
   * `replayed`, asked when `work` ends: the answer was one stored before (a keyed booking's
   * replay, answered by its one CALL), which is not counted or timed as an operation — the
   * replay counter has it, as when the HTTP layer replays without running anything.
   */
  async timeOperation<T>(name: OperationName, work: () => Promise<T>, replayed: () => boolean = () => false): Promise<T> {
    const end = this.operationDuration.startTimer({ operation: name });
    let result = 'ok';
    try {
      return await work();
    } catch (err) {
      result = resultOf(err);
      throw err;
    } finally {
      if (!replayed()) {
        this.operations.inc({ operation: name, result });
        end();
      }
    }
  }

  sweptOnce(report: SweepReport): void {
    this.sweepRuns.inc({ outcome: report.error ? 'error' : report.skipped ? 'skipped' : 'ok' });
    this.sweepDeleted.inc(report.deleted);
    this.sweepReleased.inc(report.released);
    this.sweepLastRun.set(Date.parse(report.at) / 1000);
  }

  /** The Prometheus text exposition of this core and of the process. */
  async text(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}
