// Which shows a guest can sensibly pick, in what order, which one to suggest instead, and how
// shows are grouped and named where several screens and films play at once (kiosk and door).
import type { SeatUpdate, Show } from '../../../../main/common/schemas';
import { instantOf } from './show-time';

/** A show stays on the start screen this long after it began: latecomers still get in. */
export const LATE_ENTRY_MINUTES = 15;
/** Within this many minutes of the start a card says "Starts in N min". */
export const STARTING_SOON_MINUTES = 30;

const MINUTE = 60_000;

/** A screening called off (/show/cancel): listed nowhere a guest picks a show. */
export function isCancelled(show: Pick<Show, 'cancelledAt'>): boolean {
  return show.cancelledAt !== null;
}

export function isBookableNow(show: Show, nowMs: number): boolean {
  return !show.isExpired && !isCancelled(show) && instantOf(show.showTime) >= nowMs - LATE_ENTRY_MINUTES * MINUTE;
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
  return later.find((s) => sameProgramme(s, failed)) ?? later[0] ?? candidates[0] ?? null;
}

/** Two shows of one film (or, without a film, of one title): what a guest sees as "the same". */
function sameProgramme(a: Show, b: Show): boolean {
  return programmeKey(a) === programmeKey(b);
}

/** The group a show is listed under: its film, else its title, else "other shows". */
function programmeKey(show: Pick<Show, 'filmId' | 'title'>): string {
  if (show.filmId !== null) return `film:${show.filmId}`;
  return show.title === null ? 'other' : `title:${show.title}`;
}

/** A film (or a title, or the shows with neither) with its shows, earliest first. */
export interface FilmGroup {
  key: string;
  filmId: number | null;
  /** The film's title, else the shows' own title; null: "other shows". */
  title: string | null;
  rating: string | null;
  runtimeMinutes: number | null;
  shows: Show[];
}

/**
 * `shows` grouped by film, the groups in the order of their first show (the list is expected
 * earliest first, as upcomingShows gives it); shows without a film go under their title, and
 * those without either under one group whose title is null.
 */
export function groupByFilm(shows: readonly Show[]): FilmGroup[] {
  const groups = new Map<string, FilmGroup>();
  for (const show of shows) {
    const key = programmeKey(show);
    let group = groups.get(key);
    if (!group) {
      group = { key, filmId: show.filmId, title: show.filmTitle ?? show.title, rating: show.rating, runtimeMinutes: show.runtimeMinutes, shows: [] };
      groups.set(key, group);
    }
    group.shows.push(show);
  }
  // "Other shows" is a leftover heading: it goes last, whatever its first time.
  return [...groups.values()].sort((a, b) => Number(a.key === 'other') - Number(b.key === 'other'));
}

/** A screen with its shows, in the given order. */
export interface ScreenGroup<S> {
  screenId: number;
  screenName: string;
  shows: S[];
}

/** `shows` grouped by screen, the screens in the order of their ids (the first screen first, as /screen/list). */
export function groupByScreen<S extends { screenId: number; screenName: string }>(shows: readonly S[]): Array<ScreenGroup<S>> {
  const groups = new Map<number, ScreenGroup<S>>();
  for (const show of shows) {
    let group = groups.get(show.screenId);
    if (!group) {
      group = { screenId: show.screenId, screenName: show.screenName, shows: [] };
      groups.set(show.screenId, group);
    }
    group.shows.push(show);
  }
  return [...groups.values()].sort((a, b) => a.screenId - b.screenId);
}

/**
 * The one phrase naming a show's programme and place: "Casablanca · Screen 2" (`untitled`
 * stands in for a show with no title). Without a screen name, the title alone.
 */
export function showLabel(show: { title: string | null; screenName?: string | null | undefined }, untitled: string): string {
  const title = show.title ?? untitled;
  return show.screenName ? `${title} · ${show.screenName}` : title;
}

/** The list with one seat update applied, or null when the update is for a show not in the list. */
export function applySeatUpdate(shows: readonly Show[], update: SeatUpdate): Show[] | null {
  const index = shows.findIndex((s) => s.showId === update.showId);
  if (index < 0) return null;
  const next = shows.slice();
  next[index] = { ...shows[index]!, capacity: update.capacity, booked: update.booked, seatsLeft: update.seatsLeft };
  return next;
}

/** A running time as printed on a programme: "1 h 42 min", "2 h", "45 min" (alike in English and Spanish). */
export function formatRuntime(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
