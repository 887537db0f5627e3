// The sales report: per show and per theatre-local day, counted from the audit trail
// (ticket_event) rather than from the live tables, because the expiry sweep deletes the
// tickets of past shows and the show's seat counter goes down with them.
import { MarqueeError } from '../../common/errors';
import type { OperationOutput, ParsedInput } from '../../common/operations';
import type { DaySales, ShowSales } from '../../common/schemas';
import { formatInZone, toUtc } from '../../common/time';
import type { OperationContext } from './context';

/** Default window: a week back and a week ahead of today. */
const DEFAULT_DAYS_BACK = 7;
const DEFAULT_DAYS_AHEAD = 7;
/** One year at most per report: the answer stays a reasonable size. */
const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;

interface Figures {
  capacity: number;
  sold: number;
  cancelled: number;
  movedIn: number;
  movedOut: number;
  checkedIn: number;
}

const dayOfIso = (iso: string) => iso.slice(0, 10);

/** A theatre-local day ± n days, as YYYY-MM-DD (calendar arithmetic, no time zone needed). */
function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function startOfDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return toUtc({ year, month, day: date, hour: 0, minute: 0, second: 0, offsetMinutes: null }, timeZone);
}

function withTotals<T extends Figures>(row: T): T & { held: number; occupancyPercent: number } {
  const held = row.sold - row.cancelled + row.movedIn - row.movedOut;
  return { ...row, held, occupancyPercent: row.capacity > 0 ? Math.round((held / row.capacity) * 1000) / 10 : 0 };
}

const zero = (): Figures => ({ capacity: 0, sold: 0, cancelled: 0, movedIn: 0, movedOut: 0, checkedIn: 0 });

function add(into: Figures, row: Figures): void {
  into.capacity += row.capacity;
  into.sold += row.sold;
  into.cancelled += row.cancelled;
  into.movedIn += row.movedIn;
  into.movedOut += row.movedOut;
  into.checkedIn += row.checkedIn;
}

export async function salesReport(ctx: OperationContext, input: ParsedInput<'salesReport'>): Promise<OperationOutput<'salesReport'>> {
  const tz = ctx.config.timeZone;
  const today = dayOfIso(formatInZone(new Date(), tz));
  const from = input.from ?? shiftDay(input.to ?? today, -DEFAULT_DAYS_BACK);
  const to = input.to ?? (input.from ? shiftDay(from, DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD) : shiftDay(today, DEFAULT_DAYS_AHEAD));
  if (to < from) throw new MarqueeError('INVALID_INPUT', 'to: must not be before from', 'to');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_REPORT_DAYS) {
    throw new MarqueeError('INVALID_INPUT', `to: a report covers at most ${MAX_REPORT_DAYS} days`, 'to');
  }

  // The sweep's removals of expired tickets are their own kind ('removed'), never counted as
  // cancellations. Check-ins are counted net of undone ones (an undo always follows a check-in
  // of the same ticket).
  const rows = await ctx.db.rows(
    `SELECT s.show_id, s.starts_at, s.title, s.capacity,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'booked') AS sold,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'cancelled') AS cancelled,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'moved') AS moved_in,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.from_show_id = s.show_id AND e.kind = 'moved') AS moved_out,
            (SELECT COALESCE(SUM(CASE e.kind WHEN 'checked_in' THEN 1 ELSE -1 END), 0) FROM ticket_event e
              WHERE e.show_id = s.show_id AND e.kind IN ('checked_in', 'checkin_undone')) AS checked_in
       FROM show_record s
      WHERE s.starts_at >= ? AND s.starts_at < ?
      ORDER BY s.starts_at`,
    [startOfDay(from, tz), startOfDay(shiftDay(to, 1), tz)],
  );

  const shows: ShowSales[] = rows.map((r) =>
    withTotals({
      showId: Number(r.show_id),
      showTime: formatInZone(r.starts_at as Date, tz),
      title: r.title === null ? null : String(r.title),
      capacity: Number(r.capacity),
      sold: Number(r.sold),
      cancelled: Number(r.cancelled),
      movedIn: Number(r.moved_in),
      movedOut: Number(r.moved_out),
      checkedIn: Number(r.checked_in),
    }),
  );

  const byDay = new Map<string, Figures & { shows: number }>();
  const totals = zero();
  for (const show of shows) {
    const day = dayOfIso(show.showTime);
    const entry = byDay.get(day) ?? { ...zero(), shows: 0 };
    add(entry, show);
    entry.shows += 1;
    byDay.set(day, entry);
    add(totals, show);
  }
  const days: DaySales[] = [...byDay].map(([day, figures]) => withTotals({ day, ...figures }));
  return { from, to, timeZone: tz, days, shows, totals: withTotals(totals), byScreen: [], byFilm: [] };
}

export async function filmReport(_ctx: OperationContext, _input: ParsedInput<'filmReport'>): Promise<OperationOutput<'filmReport'>> {
  throw new MarqueeError('INTERNAL', 'Not yet built.');
}
