// Calendar days of the theatre (YYYY-MM-DD, as date inputs and /show/schedule take them) and
// where a show falls in them: its day, its wall-clock time, its minutes from that day's
// midnight. Day arithmetic is done on the calendar (UTC fields), never by adding 24 hours to
// an instant, so a daylight-saving change does not shift a day.
import type { Show } from '../../../../main/common/schemas';
import { dayKey, wallNow, wallOf } from '../../shared/lib/show-time';

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => dayOfMs(dayMs(day) + n * DAY_MS);

export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: string): number => ((new Date(dayMs(day)).getUTCDay() + 6) % 7) + 1;

/** The Monday of the week `day` is in. */
export const weekStartOf = (day: string): string => addDays(day, 1 - isoWeekday(day));

/** The seven days of the week starting `monday`. */
export const weekOf = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/** Today on the theatre's calendar. */
export function theatreToday(nowMs: number, timeZone: string | undefined, sampleIso?: string): string {
  return dayKey(wallNow(nowMs, timeZone, sampleIso));
}

/** The theatre's calendar day of a show time. */
export function theatreDayOf(iso: string, timeZone: string | undefined): string | null {
  const wall = wallOf(iso, timeZone);
  return wall === null ? null : dayKey(wall);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "19:30": the theatre's wall clock, as /show/schedule takes times. */
export function theatreClockOf(iso: string, timeZone: string | undefined): string | null {
  const wall = wallOf(iso, timeZone);
  return wall === null ? null : `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** Minutes from the midnight that starts `day` to `iso` on the theatre's clock (past midnight: over 1440). */
export function minutesInto(day: string, iso: string, timeZone: string | undefined): number | null {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return null;
  return daysBetween(day, dayKey(wall)) * 1440 + wall.hour * 60 + wall.minute;
}

/** The shows whose theatre day is `day`. */
export const showsOnDay = (shows: readonly Show[], day: string, timeZone: string | undefined): Show[] =>
  shows.filter((show) => theatreDayOf(show.showTime, timeZone) === day);
