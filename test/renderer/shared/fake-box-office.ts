// What the kiosk's and the manager's in-memory box offices share: the log of calls, the
// outage and slow-answer switches, per-test overrides, live seat updates, a pairing that
// holds one token, and the seat arithmetic of a show.
import { ERRORS, type ErrorBody, type ErrorCode, type Result } from '../../../main/common/errors';
import type { SeatUpdate, Show } from '../../../main/common/schemas';
import type { Pairing } from '../../../renderer/src/shared/transport';

// Each operation's handler takes its own input type; `never` lets one map hold them all.
export type Handler = (input: never) => Result<unknown>;

export type FakePairing = Pairing & { token: string | null };

/** A browser's pairing, holding `token` (null: not paired yet). */
export function fakePairing(token: string | null): FakePairing {
  return {
    token,
    isPaired() {
      return this.token !== null;
    },
    pair(token: string) {
      this.token = token;
    },
    forget() {
      this.token = null;
    },
  };
}

export abstract class FakeBoxOffice<Name extends string> {
  calls: Array<{ name: Name; input: unknown }> = [];
  shows: Show[];
  down = false;
  /** Answers wait for this before resolving, to test slow answers. */
  gate: Promise<void> | null = null;
  private seatListeners = new Set<(update: SeatUpdate) => void>();
  private overrides = new Map<string, Handler>();

  constructor(shows: Show[]) {
    this.shows = shows.map((s) => ({ ...s }));
  }

  fail(code: ErrorCode, field?: string, message: string = ERRORS[code].message): Result<never> {
    const error: ErrorBody = field ? { code, message, field } : { code, message };
    return { ok: false, error };
  }

  callsOf(name: Name) {
    return this.calls.filter((c) => c.name === name);
  }

  pushSeats(update: SeatUpdate) {
    for (const listener of this.seatListeners) listener(update);
  }

  onSeats(listener: (update: SeatUpdate) => void) {
    this.seatListeners.add(listener);
    return () => this.seatListeners.delete(listener);
  }

  /** Replaces one operation's behaviour until cleared with `undefined`. */
  protected setOverride(name: string, handler: Handler | undefined) {
    if (handler) this.overrides.set(name, handler);
    else this.overrides.delete(name);
  }

  /** Runs the operation's override, or else its handler; `missing` when it has neither. */
  protected dispatch<T>(name: string, input: unknown, handlers: Record<string, Handler>, missing: ErrorCode): Result<T> {
    const handler = this.overrides.get(name) ?? handlers[name];
    if (!handler) return this.fail(missing);
    return (handler as (input: unknown) => Result<unknown>)(input) as Result<T>;
  }

  /** The show a request names: by showId, or else by its time (as the apps send today). */
  protected showAt(showTime: string | undefined, showId?: number | string) {
    if (showId !== undefined) return this.shows.find((s) => s.showId === Number(showId));
    return this.shows.find((s) => Date.parse(s.showTime) === Date.parse(String(showTime)));
  }

  protected seat(show: Show, delta: number) {
    show.booked += delta;
    show.seatsLeft = show.capacity - show.booked;
  }
}
