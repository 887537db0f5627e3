// Seat availability for kiosks and signage. Bookings can come from any process sharing the
// database, so the truth is polled (the same upcoming-show list the kiosks read) while anyone
// listens, and also right after a local change so the booking kiosk sees it at once.
import { SEAT_HORIZON_DAYS, seatUpdateOf, type SeatUpdate } from '../common/schemas';
import type { OperationContext } from './operations/context';
import { listShows } from './operations/shows';

export class SeatWatcher {
  private readonly listeners = new Set<(u: SeatUpdate) => void>();
  private readonly known = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly ctx: OperationContext,
    private readonly intervalMs = 1000,
  ) {}

  subscribe(listener: (u: SeatUpdate) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
      void this.poll();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Something changed here: tell listeners now rather than at the next tick. */
  poke(): void {
    if (this.listeners.size > 0) void this.poll();
  }

  private poll(): Promise<void> {
    this.polling ??= this.readChanges().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async readChanges(): Promise<void> {
    let shows;
    try {
      shows = await listShows(this.ctx, { days: SEAT_HORIZON_DAYS, includeExpired: false });
    } catch {
      return; // the database is away; health reports it, the next tick tries again
    }
    for (const show of shows) {
      const fingerprint = `${show.capacity}/${show.booked}`;
      if (this.known.get(show.showId) === fingerprint) continue;
      this.known.set(show.showId, fingerprint);
      const update = seatUpdateOf(show);
      for (const listener of this.listeners) listener(update);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.known.clear();
  }
}
