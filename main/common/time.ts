// Show-time parsing and time-zone arithmetic. Runs anywhere (Intl only, no Node APIs).
// Input: ISO 8601 with or without offset, or the original API's `YYYY-MM-DD HH:MM:SS[.ffff]`.
// A time without offset is wall time in the theatre's IANA zone.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the input named an offset; null means theatre-local. */
  offsetMinutes: number | null;
}

const SHOW_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses the text of a show time, or returns null when it is not one. Fractions of a second are dropped. */
export function parseShowTime(text: string): WallTime | null {
  const m = SHOW_TIME_PATTERN.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (year < 2000 || year > 2199) return null;
  let offsetMinutes: number | null = null;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (hours > 14 || minutes > 59) return null;
      offsetMinutes = sign * (hours * 60 + minutes);
    }
  }
  return { year, month, day, hour, minute, second, offsetMinutes };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Zone offsets only change on quarter-hour instants (every real zone's offset is a multiple of
// 15 minutes and its changes fall on local whole or half hours), so one lookup serves a whole
// quarter hour: a roster of many tickets formats its times without asking Intl each time.
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const offsetCache = new Map<string, number>();

/** Offset of `timeZone` from UTC at the instant `utcMs`, in minutes east. */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(utcMs / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size > 10_000) offsetCache.clear();
    offset = readZoneOffset(utcMs, timeZone);
    offsetCache.set(key, offset);
  }
  return offset;
}

function readZoneOffset(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * How a wall time reads in a zone: once (`exact`), twice on a fall-back night (`ambiguous`:
 * `instant` is the first, `later` the second), or not at all in a spring-forward gap (`gap`:
 * `instant` is the first minute after it). `jump` is the zone's change of that night.
 */
export type LocalReading =
  | { kind: 'exact'; instant: Date }
  | { kind: 'ambiguous'; instant: Date; later: Date; jump: ClockJump }
  | { kind: 'gap'; instant: Date; jump: ClockJump };

/** A change of a zone's offset: clocks read `fromWall` at `at`, then `toWall` (theatre-local HH:MM). */
export interface ClockJump {
  at: Date;
  fromWall: string;
  toWall: string;
}

const MINUTE_MS = 60_000;
/** No zone changes its offset twice within a day either side: the two offsets around any wall time. */
const AROUND_MS = 24 * 60 * MINUTE_MS;

/** HH:MM of an instant at a given offset. */
const wallClock = (utcMs: number, offsetMinutes: number): string => new Date(utcMs + offsetMinutes * MINUTE_MS).toISOString().slice(11, 16);

/** The instant (to the minute) between `low` and `high` where the zone's offset changes. */
function clockJump(lowMs: number, highMs: number, timeZone: string): ClockJump {
  const before = zoneOffsetMinutes(lowMs, timeZone);
  let low = Math.floor(lowMs / MINUTE_MS);
  let high = Math.ceil(highMs / MINUTE_MS);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zoneOffsetMinutes(mid * MINUTE_MS, timeZone) === before) low = mid;
    else high = mid;
  }
  const at = high * MINUTE_MS;
  return { at: new Date(at), fromWall: wallClock(at, before), toWall: wallClock(at, zoneOffsetMinutes(at, timeZone)) };
}

/** Reads a parsed show time: with its own offset it is exact; without, it is wall time in `timeZone`. */
export function readLocalTime(wall: WallTime, timeZone: string): LocalReading {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (wall.offsetMinutes !== null) return { kind: 'exact', instant: new Date(naive - wall.offsetMinutes * MINUTE_MS) };
  const offsets = new Set([zoneOffsetMinutes(naive - AROUND_MS, timeZone), zoneOffsetMinutes(naive + AROUND_MS, timeZone)]);
  // An offset fits when the instant it gives really has that offset.
  const fits = [...offsets]
    .map((offset) => naive - offset * MINUTE_MS)
    .filter((ms) => naive - zoneOffsetMinutes(ms, timeZone) * MINUTE_MS === ms)
    .sort((a, b) => a - b);
  if (fits.length === 1) return { kind: 'exact', instant: new Date(fits[0]!) };
  const [earliest, latest] = [...offsets].map((offset) => naive - offset * MINUTE_MS).sort((a, b) => a - b) as [number, number];
  const jump = clockJump(earliest, latest, timeZone);
  if (fits.length === 2) return { kind: 'ambiguous', instant: new Date(fits[0]!), later: new Date(fits[1]!), jump };
  return { kind: 'gap', instant: jump.at, jump };
}

/**
 * The UTC instant of a parsed show time; wall times without offset are read in `timeZone`. Never
 * earlier than meant: a time in a spring-forward gap is the first minute after the gap, a time
 * that happens twice on a fall-back night is the first (readLocalTime says which it was).
 */
export function toUtc(wall: WallTime, timeZone: string): Date {
  return readLocalTime(wall, timeZone).instant;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 with the offset of `timeZone`, e.g. `2026-11-24T19:30:00+01:00`. */
export function formatInZone(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(instant.getTime(), timeZone);
  const local = new Date(instant.getTime() + offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** The theatre-local calendar day (YYYY-MM-DD) an instant falls on. */
export function localDayOf(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone).slice(0, 10);
}

/**
 * The theatre-local day `day` (YYYY-MM-DD) as UTC instants [start, end): its midnight and the
 * next one, so a clock-change day is 23 or 25 hours long. The one rule every "which day" query
 * uses (cash-up, reports, the door's list, check-in conflicts).
 */
export function localDayWindow(day: string, timeZone: string): [Date, Date] {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // Date.UTC (under toUtc) rolls day 32 over into the next month.
  const midnight = (d: number) => toUtc({ year, month, day: d, hour: 0, minute: 0, second: 0, offsetMinutes: null }, timeZone);
  return [midnight(date), midnight(date + 1)];
}
