// Show times as the guest sees them: the theatre's wall clock, whatever zone this device is in.
// The API sends ISO 8601 with the theatre's offset, so the wall time is already in the text;
// when the shell tells us the theatre's IANA zone we use it, which also gets DST right for "now".
import { formatInZone, parseShowTime, toUtc, zoneOffsetMinutes, type WallTime } from '../../../../main/common/time';

/** The instant of an ISO show time, in epoch milliseconds (NaN when it is not a show time). */
export function instantOf(iso: string): number {
  const wall = parseShowTime(iso);
  return wall === null ? Number.NaN : toUtc(wall, 'UTC').getTime();
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

/** "Today 19:30" / "Friday, 28 November 7:30 PM": the one phrase used wherever a show is named. */
export function formatWhen(iso: string, nowMs: number, timeZone: string | undefined, localeTag: string, words: DayWords): string {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return iso;
  const today = wallNow(nowMs, timeZone, iso);
  return `${formatDay(wall, today, localeTag, words)} ${formatClock(wall, localeTag)}`;
}
