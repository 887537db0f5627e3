// Seat availability for kiosks and signage. Bookings can come from any process sharing the
// database, so the truth is polled from show_record (cheap: one indexed range query) while
// anyone listens, and also right after a local change so the booking kiosk sees it at once.
import type { SeatUpdate } from '../common/schemas';
import { formatInZone } from '../common/time';
import type { Database } from './db/database';

export class SeatWatcher {
  private readonly listeners = new Set<(u: SeatUpdate) => void>();
  private readonly known = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly expireHours: number,
    private readonly timeZone: string,
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
    let rows;
    try {
      rows = await this.db.rows(
        `SELECT s.show_id, s.starts_at, s.capacity, s.booked FROM show_record s
           JOIN (SELECT marquee_expiry_cutoff(?) AS cutoff) c
          WHERE s.starts_at > c.cutoff ORDER BY s.starts_at LIMIT 1000`,
        [this.expireHours],
      );
    } catch {
      return; // the database is away; health reports it, the next tick tries again
    }
    for (const row of rows) {
      const update: SeatUpdate = {
        showId: Number(row.show_id),
        showTime: formatInZone(row.starts_at as Date, this.timeZone),
        capacity: Number(row.capacity),
        booked: Number(row.booked),
        seatsLeft: Number(row.capacity) - Number(row.booked),
      };
      const fingerprint = `${update.capacity}/${update.booked}`;
      if (this.known.get(update.showId) === fingerprint) continue;
      this.known.set(update.showId, fingerprint);
      for (const listener of this.listeners) listener(update);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.known.clear();
  }
}
