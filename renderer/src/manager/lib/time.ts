// Times as staff read and enter them. Display goes through the kiosk's show-time helpers
// (the theatre's wall clock); entry builds an ISO string with this device's own offset.
import type { WallTime } from '../../../../main/common/time';
import { wallOf } from '../../shared/lib/show-time';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** "2026-12-24" + "19:30" → "2026-12-24T19:30:00+01:00" in this device's zone; null when not a date and time. */
export function isoFromLocalInputs(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  // A wall time inside a DST gap moves forward, as the clock on the wall does.
  const local = new Date(year, month - 1, day, hour, minute, 0, 0);
  if (Number.isNaN(local.getTime()) || local.getDate() !== day) return null;
  const offset = -local.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}` +
    `T${pad(local.getHours())}:${pad(local.getMinutes())}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** Today in this device's zone, as a date input wants it. */
export function todayInput(nowMs: number = Date.now()): string {
  const d = new Date(nowMs);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const asUtcDate = (wall: WallTime): Date => new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** "Nov 27, 2026, 7:30:05 PM": audit entries, tokens and sweeps, to the second. */
export function formatStamp(iso: string, timeZone: string | undefined, localeTag: string): string {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return iso;
  let format = stampFormats.get(localeTag);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      second: '2-digit',
      // The wall time is carried in UTC fields.
      timeZone: 'UTC',
    });
    stampFormats.set(localeTag, format);
  }
  return format.format(asUtcDate(wall));
}

/** A duration for humans: "850 ms", "3.2 s". */
export function formatDuration(ms: number, localeTag: string): string {
  if (ms < 1000) return `${new Intl.NumberFormat(localeTag).format(Math.round(ms))} ms`;
  return `${new Intl.NumberFormat(localeTag, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}

/** How long ago, in the largest unit that fits: "5 hours ago", "3 days ago". */
export function formatAge(hours: number, localeTag: string): string {
  const format = new Intl.RelativeTimeFormat(localeTag, { numeric: 'auto' });
  if (hours < 1) return format.format(-Math.round(hours * 60), 'minute');
  if (hours < 48) return format.format(-Math.round(hours), 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

/** A file size for humans: "840 kB", "12.5 MB". */
export function formatSize(bytes: number, localeTag: string): string {
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(localeTag, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function formatWall(wall: WallTime, localeTag: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${localeTag}|${JSON.stringify(options)}`;
  let format = wallFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag, { ...options, timeZone: 'UTC' });
    wallFormats.set(key, format);
  }
  return format.format(asUtcDate(wall));
}

/** "Tuesday, November 25, 2026 at 7:30 PM": a show on paper, where "Today" would go stale. */
export function formatFullWhen(iso: string, timeZone: string | undefined, localeTag: string): string {
  const wall = wallOf(iso, timeZone);
  return wall === null ? iso : formatWall(wall, localeTag, { dateStyle: 'full', timeStyle: 'short' });
}

/** "Tue, 11/25": a day under a chart's bar. */
export function formatShortDay(day: string, localeTag: string): string {
  const wall = wallOf(`${day}T00:00:00`, undefined);
  return wall === null ? day : formatWall(wall, localeTag, { weekday: 'short', month: 'numeric', day: 'numeric' });
}

/** "11/25 7:30 PM": a show under a chart's bar. */
export function formatShortWhen(iso: string, timeZone: string | undefined, localeTag: string): string {
  const wall = wallOf(iso, timeZone);
  return wall === null ? iso : formatWall(wall, localeTag, { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "Tuesday, November 25, 2026": a report's first or last day. */
export function formatLongDay(day: string, localeTag: string): string {
  const wall = wallOf(`${day}T00:00:00`, undefined);
  return wall === null ? day : formatWall(wall, localeTag, { dateStyle: 'full' });
}

/** "2026-11-25 19:30": the theatre's wall clock as a spreadsheet reads it, for CSV files. */
export function csvWallTime(iso: string, timeZone: string | undefined): string {
  const wall = wallOf(iso, timeZone);
  if (wall === null) return iso;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}
