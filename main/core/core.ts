// The core's public face: what `marquee serve`, the Electron shell and the HTTP listener use.
// Plain Node; never imports electron.
import type { Actor, OperationName, OperationOutput } from '../common/operations';
import type { SeatUpdate } from '../common/schemas';
import type { Config } from './config';
import type { Database } from './db/database';
import type { EmbeddedServer } from './db/embedded-server';
import type { Metrics } from './metrics';
import type { CheckedCall } from './operations';
import type { Health, ListenerInfo, RunOptions } from './operations/context';
import type { ExpirySweeper } from './sweep';

export type { CheckedCall, Health, ListenerInfo, RunOptions };

export interface Core {
  readonly config: Config;
  readonly db: Database;
  /** The embedded default's server (null with MARQUEE_DB_URL): whether this process started it. */
  readonly embedded: EmbeddedServer | null;
  readonly sweeper: ExpirySweeper;
  /** What GET /metrics exposes; the listener and seat streams add theirs. */
  readonly metrics: Metrics;
  /** Checks the actor's role, validates `input` with the operation's schema, runs it. Throws MarqueeError. */
  run<K extends OperationName>(name: K, input: unknown, actor: Actor, options?: RunOptions): Promise<OperationOutput<K>>;
  /** `run` in two steps, for a caller that needs the validated input before running it (an idempotent booking). */
  check<K extends OperationName>(name: K, input: unknown, actor: Actor): CheckedCall<K>;
  runChecked<K extends OperationName>(call: CheckedCall<K>, options?: RunOptions): Promise<OperationOutput<K>>;
  /** Seat-availability changes from every process sharing the database; returns unsubscribe. */
  onSeats(listener: (update: SeatUpdate) => void): () => void;
  health(): Promise<Health>;
  /** The listener says where it answers, for the manager's server status; null when it stops. */
  announceListener(info: ListenerInfo | null): void;
  /** Stops the sweep, closes the pool, stops the embedded database if this process owns it. */
  close(): Promise<void>;
}
