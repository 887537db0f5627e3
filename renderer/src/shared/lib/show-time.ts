// Show times as the guest sees them: the theatre's wall clock, whatever zone this device is in.
// The API sends ISO 8601 with the theatre's offset, so the wall time is already in the text;
// when the shell tells us the theatre's IANA zone we use it, which also gets DST right for "now".
import { formatInZone, parseShowTime, toUtc, zoneOffsetMinutes, type WallTime } from '../../../../main/common/time';

// A list is filtered, sorted (twice per comparison) and labelled by the same show times, again
// on every render: each text is parsed once (a kiosk's two weeks are a few hundred of them).
const instants = new Map<string, number>();

/** The instant of an ISO show time, in epoch milliseconds (NaN when it is not a show time). */
export function instantOf(iso: string): number {
  let ms = instants.get(iso);
  if (ms === undefined) {
    if (instants.size >= 10_000) instants.clear();
    const wall = parseShowTime(iso);
    ms = wall === null ? Number.NaN : toUtc(wall, 'UTC').getTime();
    instants.set(iso, ms);
  }
  return ms;
}

export function sameInstant(a: string, b: string): boolean {
  return instantOf(a) === instantOf(b);
}

/** The theatre's wall clock at `iso`. */
export function wallOf(iso: string, timeZone: string | undefined): WallTime | null {
  if (timeZone === undefined) return parseShowTime(iso);
  const ms = instantOf(iso);
  return Number.isNaN(ms) ? null : parseShowTime(formatInZone(new Date(ms), timeZone));
}

/**
 * The theatre's wall clock now. Without a zone, the offset of a show time stands in for it
 * (off by an hour at most across a DST change, and only for the "today" label).
 */
export function wallNow(nowMs: number, timeZone: string | undefined, sampleIso: string | undefined): WallTime {
  let offset = 0;
  if (timeZone !== undefined) offset = zoneOffsetMinutes(nowMs, timeZone);
  else if (sampleIso !== undefined) offset = parseShowTime(sampleIso)?.offsetMinutes ?? 0;
  return parseShowTime(formatAtOffset(nowMs, offset)) as WallTime;
}

function formatAtOffset(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60000);
  return d.toISOString().slice(0, 19);
}

const asUtcDate = (wall: WallTime): Date => new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));

export const dayKey = (wall: WallTime): string => asUtcDate(wall).toISOString().slice(0, 10);

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, localeTag: string, options: Intl.DateTimeFormatOptions) {
  let f = cache.get(localeTag);
  if (!f) {
    // The wall time is carried in UTC fields, so it is formatted in UTC to come out unchanged.
    f = new Intl.DateTimeFormat(localeTag, { ...options, timeZone: 'UTC' });
    cache.set(localeTag, f);
  }
  return f;
}

export function formatClock(wall: WallTime, localeTag: string): string {
  return cached(timeFormats, localeTag, { hour: 'numeric', minute: '2-digit' }).format(asUtcDate(wall));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "March 3" / "3 de marzo": a day named in a sentence, without the weekday. */
export function formatDate(wall: WallTime, localeTag: string): string {
  return cached(dateFormats, localeTag, { day: 'numeric', month: 'long' }).format(asUtcDate(wall));
}

export interface DayWords {
  today: string;
  tomorrow: string;
}

export function formatDay(wall: WallTime, today: WallTime, localeTag: string, words: DayWords): string {
  const days = Math.round((Date.parse(dayKey(wall)) - Date.parse(dayKey(today))) / 86_400_000);
  if (days === 0) return words.today;
  if (days === 1) return words.tomorrow;
  const text = cached(dayFormats, localeTag, { weekday: 'long', day: 'numeric', month: 'long' }).format(asUtcDate(wall));
  return text.charAt(0).toLocaleUpperCase(localeTag) + text.slice(1);
}

/**
 * A past moment named in a sentence: its clock, and its date unless it fell on today's
 * ("March 3" / "3 de marzo"; null for today). Null when `iso` is not a time.
 */
export function momentOf(iso: string, nowMs: number, timeZone: string | undefined, localeTag: string): { day: string | null; clock: string } | null {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return null;
  const today = wallNow(nowMs, timeZone, iso);
  return { day: dayKey(wall) === dayKey(today) ? null : formatDate(wall, localeTag), clock: formatClock(wall, localeTag) };
}

/** "Today 19:30" / "Friday, 28 November 7:30 PM": the one phrase used wherever a show is named. */
export function formatWhen(iso: string, nowMs: number, timeZone: string | undefined, localeTag: string, words: DayWords): string {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return iso;
  const today = wallNow(nowMs, timeZone, iso);
  return `${formatDay(wall, today, localeTag, words)} ${formatClock(wall, localeTag)}`;
}

const printedDayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Wed, Dec 3 · 5:28 PM" / "mié, 3 dic · 17:28": a show named on paper. A printed ticket is read
 * on other days than it was printed, so it carries the date where the screen says "Today".
 */
export function formatPrintedWhen(iso: string, timeZone: string | undefined, localeTag: string): string {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return iso;
  const day = cached(printedDayFormats, localeTag, { weekday: 'short', day: 'numeric', month: 'short' }).format(asUtcDate(wall));
  return `${day} · ${formatClock(wall, localeTag)}`;
}
