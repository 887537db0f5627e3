// Who may talk to the database right now, in this process (docs/ARCHITECTURE.md, "Upgrading a
// live cluster"). Every unit of work of Database (a statement, or a transaction on one session,
// with its retries) passes here. While a migrator drains the serves, new units wait here for a
// bounded time and the drain waits until the units in flight have finished: then no transaction
// of this process holds a metadata lock that the migration's DDL would wait for (on Galera that
// wait stalls the whole cluster). A serve whose build no longer matches the database refuses
// every unit with a sentence until it is restarted with the new build.
//
// A unit is not told apart from one nested in it (a query a transaction's callback sends through
// the pool): AsyncLocalStorage could, but on Node 20 it slows every promise of the process about
// threefold (measured: 0.67 → 1.99 µs for two awaits). Instead, while a drain still waits for
// units in flight, the units held are let in every NESTED_RELEASE_MS: a nested one then finishes
// its outer one, and the drain ends a moment later. Nothing is let in once the drain has ended,
// so nothing runs while the migrator's DDL does.
import { MarqueeError } from '../../common/errors';

/** How long a request waits for a drain to end before it is answered 503 with Retry-After. */
export const DRAIN_QUEUE_MS = 5_000;

/** While a drain waits for units in flight, the units held are let in this often (see above). */
export const NESTED_RELEASE_MS = 300;

export const UPGRADING_MESSAGE = 'The box office is being upgraded; try again in a moment.';

/** `counted`: let in by a drain still waiting, already counted in flight (so the drain cannot end before it runs). */
type Waiter = { resolve: (counted: boolean) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

export class AdmissionGate {
  private inFlight = 0;
  private draining = false;
  private refusal: string | null = null;
  private waiters: Waiter[] = [];
  private idle: Array<() => void> = [];
  private releaser: NodeJS.Timeout | null = null;

  constructor(private readonly queueMs = DRAIN_QUEUE_MS, private readonly releaseMs = NESTED_RELEASE_MS) {}

  /** Runs `work` as one unit: admitted now, after a drain, or refused (DB_UNAVAILABLE). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.refusal !== null) throw new MarqueeError('DB_UNAVAILABLE', this.refusal);
    const counted = this.draining ? await this.waitForOpen() : false;
    if (!counted) this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.becameIdle();
    }
  }

  /** Holds new units and resolves once none is in flight. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    if (!this.releaser) {
      this.releaser = setInterval(() => this.admitHeld(), this.releaseMs);
      this.releaser.unref();
    }
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Admits units again (after a drain, or once a refusal no longer holds). */
  open(): void {
    this.stopReleasing();
    this.draining = false;
    this.refusal = null;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
  }

  /** Refuses every unit, waiting ones included, with `sentence` (503). */
  refuse(sentence: string): void {
    this.stopReleasing();
    this.draining = false;
    this.refusal = sentence;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new MarqueeError('DB_UNAVAILABLE', sentence));
    }
  }

  get state(): 'open' | 'draining' | 'refusing' {
    return this.refusal !== null ? 'refusing' : this.draining ? 'draining' : 'open';
  }

  private becameIdle(): void {
    this.stopReleasing();
    for (const done of this.idle.splice(0)) done();
  }

  private stopReleasing(): void {
    if (this.releaser) clearInterval(this.releaser);
    this.releaser = null;
  }

  /** Lets the held units in while the drain still waits: one of them may be what an outer unit waits for. */
  private admitHeld(): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      this.inFlight++;
      w.resolve(true);
    }
  }

  private waitForOpen(): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new MarqueeError('DB_UNAVAILABLE', UPGRADING_MESSAGE));
        }, this.queueMs),
      };
      this.waiters.push(waiter);
    });
  }
}
