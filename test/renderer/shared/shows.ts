// Show rows and show times for renderer tests of every app.
import type { Show } from '../../../main/common/schemas';

export function makeShow(showId: number, showTime: string, overrides: Partial<Show> = {}): Show {
  const capacity = overrides.capacity ?? 20;
  const booked = overrides.booked ?? 0;
  return {
    showId, showTime, title: 'The Night Watch', capacity, booked, seatsLeft: capacity - booked, isExpired: false,
    screenId: 1, screenName: 'Screen 1', filmId: null, filmTitle: null, runtimeMinutes: null, rating: null,
    endsAt: showTime, cancelledAt: null, cancelReason: null,
    ...overrides,
  };
}

/** ISO time with a +01:00 offset, `minutes` from `base`. */
export function showTimeIn(minutes: number, base = Date.now()): string {
  const local = new Date(base + minutes * 60_000 + 3_600_000);
  local.setUTCSeconds(0, 0);
  return `${local.toISOString().slice(0, 19)}+01:00`;
}
