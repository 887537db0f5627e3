// Who may talk to the database right now, in this process (docs/ARCHITECTURE.md, "Upgrading a
// live cluster"). Every unit of work of Database (a statement, or a transaction on one session,
// with its retries) passes here. While a migrator drains the serves, new units wait here for a
// bounded time and the drain waits until the units in flight have finished: then no transaction
// of this process holds a metadata lock that the migration's DDL would wait for (on Galera that
// wait stalls the whole cluster). A serve whose build no longer matches the database refuses
// every unit with a sentence until it is restarted with the new build.
import { AsyncLocalStorage } from 'node:async_hooks';
import { MarqueeError } from '../../common/errors';

/** How long a request waits for a drain to end before it is answered 503 with Retry-After. */
export const DRAIN_QUEUE_MS = 5_000;

export const UPGRADING_MESSAGE = 'The box office is being upgraded; try again in a moment.';

type Waiter = { resolve: () => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

export class AdmissionGate {
  private inFlight = 0;
  private draining = false;
  private refusal: string | null = null;
  private waiters: Waiter[] = [];
  private idle: Array<() => void> = [];
  /** Set inside a unit: its nested units (a query inside a transaction's callback) are part of it. */
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(private readonly queueMs = DRAIN_QUEUE_MS) {}

  /** Runs `work` as one unit: admitted now, after a drain, or refused (DB_UNAVAILABLE). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return work();
    if (this.refusal !== null) throw new MarqueeError('DB_UNAVAILABLE', this.refusal);
    if (this.draining) await this.waitForOpen();
    this.inFlight++;
    try {
      return await this.inside.run(true, work);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const done of this.idle.splice(0)) done();
    }
  }

  /** Holds new units and resolves once none is in flight. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Admits units again (after a drain, or once a refusal no longer holds). */
  open(): void {
    this.draining = false;
    this.refusal = null;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }

  /** Refuses every unit, waiting ones included, with `sentence` (503). */
  refuse(sentence: string): void {
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

  get refusalSentence(): string | null {
    return this.refusal;
  }

  private waitForOpen(): Promise<void> {
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
