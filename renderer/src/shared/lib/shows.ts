// Which shows a guest can sensibly pick, in what order, and which one to suggest instead.
import type { SeatUpdate, Show } from '../../../../main/common/schemas';
import { instantOf } from './show-time';

/** A show stays on the start screen this long after it began: latecomers still get in. */
export const LATE_ENTRY_MINUTES = 15;
/** Within this many minutes of the start a card says "Starts in N min". */
export const STARTING_SOON_MINUTES = 30;

const MINUTE = 60_000;

export function isBookableNow(show: Show, nowMs: number): boolean {
  return !show.isExpired && instantOf(show.showTime) >= nowMs - LATE_ENTRY_MINUTES * MINUTE;
}

/** Shows still worth listing, earliest first. */
export function upcomingShows(shows: readonly Show[], nowMs: number): Show[] {
  return shows
    .filter((s) => isBookableNow(s, nowMs))
    .sort((a, b) => instantOf(a.showTime) - instantOf(b.showTime) || a.showId - b.showId);
}

export type StartState = { kind: 'started'; minutes: number } | { kind: 'soon'; minutes: number } | { kind: 'later' };

export function startState(show: Show, nowMs: number): StartState {
  const minutes = Math.round((instantOf(show.showTime) - nowMs) / MINUTE);
  if (minutes < 0) return { kind: 'started', minutes: -minutes };
  if (minutes <= STARTING_SOON_MINUTES) return { kind: 'soon', minutes };
  return { kind: 'later' };
}

/**
 * The show to offer when `failed` cannot be booked: the next one of the same film with free
 * seats, else the next one of any film, else the earliest with free seats.
 */
export function suggestAlternative(shows: readonly Show[], failed: Show, nowMs: number): Show | null {
  const candidates = upcomingShows(shows, nowMs).filter((s) => s.showId !== failed.showId && s.seatsLeft > 0);
  const failedAt = instantOf(failed.showTime);
  const later = candidates.filter((s) => instantOf(s.showTime) >= failedAt);
  return later.find((s) => s.title === failed.title) ?? later[0] ?? candidates[0] ?? null;
}

/** The list with one seat update applied, or null when the update is for a show not in the list. */
export function applySeatUpdate(shows: readonly Show[], update: SeatUpdate): Show[] | null {
  const index = shows.findIndex((s) => s.showId === update.showId);
  if (index < 0) return null;
  const next = shows.slice();
  next[index] = { ...shows[index]!, capacity: update.capacity, booked: update.booked, seatsLeft: update.seatsLeft };
  return next;
}
