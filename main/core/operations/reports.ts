// The sales report: per show and per theatre-local day, counted from the audit trail
// (ticket_event) rather than from the live tables, because the expiry sweep deletes the
// tickets of past shows and the show's seat counter goes down with them.
import { MarqueeError } from '../../common/errors';
import type { OperationOutput, ParsedInput } from '../../common/operations';
import type { DaySales, FilmSales, FilmWeek, ScreenSales, ShowSales } from '../../common/schemas';
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

/** The window a report covers, as theatre-local days; INVALID_INPUT when it is upside down or too long. */
function reportWindow(from: string, to: string): void {
  if (to < from) throw new MarqueeError('INVALID_INPUT', 'to: must not be before from', 'to');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_REPORT_DAYS) {
    throw new MarqueeError('INVALID_INPUT', `to: a report covers at most ${MAX_REPORT_DAYS} days`, 'to');
  }
}

interface ShowFigures extends Figures {
  showId: number;
  startsAt: Date;
  title: string | null;
  screenId: number;
  screenName: string;
  filmId: number | null;
  filmTitle: string | null;
  isCancelled: boolean;
}

/**
 * Every show starting on the theatre-local days from…to with its figures from the audit trail.
 * The sweep's removals of expired tickets are their own kind ('removed'), never counted as
 * cancellations. Check-ins are counted net of undone ones (an undo always follows a check-in of
 * the same ticket). A show moved in time (/show/reschedule) keeps its tickets: the 'moved' rows
 * it writes name the show on both sides and are no move in or out.
 */
async function showFigures(ctx: OperationContext, from: string, to: string): Promise<ShowFigures[]> {
  const tz = ctx.config.timeZone;
  const rows = await ctx.db.rows(
    `SELECT s.show_id, s.starts_at, COALESCE(s.title, f.title) AS title, s.capacity, s.screen_id, sc.name AS screen_name,
            s.film_id, f.title AS film_title, s.cancelled_at,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'booked') AS sold,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'cancelled') AS cancelled,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'moved' AND e.from_show_id <> e.show_id) AS moved_in,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.from_show_id = s.show_id AND e.kind = 'moved' AND e.from_show_id <> e.show_id) AS moved_out,
            (SELECT COALESCE(SUM(CASE e.kind WHEN 'checked_in' THEN 1 ELSE -1 END), 0) FROM ticket_event e
              WHERE e.show_id = s.show_id AND e.kind IN ('checked_in', 'checkin_undone')) AS checked_in
       FROM show_record s
       JOIN screen sc ON sc.screen_id = s.screen_id
       LEFT JOIN film f ON f.film_id = s.film_id
      WHERE s.starts_at >= ? AND s.starts_at < ?
      ORDER BY s.starts_at, s.screen_id`,
    [startOfDay(from, tz), startOfDay(shiftDay(to, 1), tz)],
  );
  return rows.map((r) => ({
    showId: Number(r.show_id),
    startsAt: r.starts_at as Date,
    title: r.title === null ? null : String(r.title),
    screenId: Number(r.screen_id),
    screenName: String(r.screen_name),
    filmId: r.film_id === null ? null : Number(r.film_id),
    filmTitle: r.film_title === null ? null : String(r.film_title),
    isCancelled: r.cancelled_at !== null,
    capacity: Number(r.capacity),
    sold: Number(r.sold),
    cancelled: Number(r.cancelled),
    movedIn: Number(r.moved_in),
    movedOut: Number(r.moved_out),
    checkedIn: Number(r.checked_in),
  }));
}

const figuresOf = ({ capacity, sold, cancelled, movedIn, movedOut, checkedIn }: Figures): Figures => ({ capacity, sold, cancelled, movedIn, movedOut, checkedIn });

/** Sums the shows' figures per key, in the order keys first appear. */
function sumBy<K, E extends object>(shows: ShowFigures[], keyOf: (show: ShowFigures) => K, entryOf: (show: ShowFigures) => E) {
  const groups = new Map<K, E & Figures & { shows: number }>();
  for (const show of shows) {
    const key = keyOf(show);
    const entry = groups.get(key) ?? { ...entryOf(show), ...zero(), shows: 0 };
    add(entry, show);
    entry.shows += 1;
    groups.set(key, entry);
  }
  return [...groups.values()].map(withTotals);
}

export async function salesReport(ctx: OperationContext, input: ParsedInput<'salesReport'>): Promise<OperationOutput<'salesReport'>> {
  const tz = ctx.config.timeZone;
  const today = dayOfIso(formatInZone(new Date(), tz));
  const from = input.from ?? shiftDay(input.to ?? today, -DEFAULT_DAYS_BACK);
  const to = input.to ?? (input.from ? shiftDay(from, DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD) : shiftDay(today, DEFAULT_DAYS_AHEAD));
  reportWindow(from, to);
  const figures = await showFigures(ctx, from, to);
  const shows: ShowSales[] = figures.map((f) =>
    withTotals({ showId: f.showId, showTime: formatInZone(f.startsAt, tz), title: f.title, ...figuresOf(f) }));
  const totals = zero();
  for (const show of figures) add(totals, show);
  const days: DaySales[] = sumBy(figures, (f) => dayOfIso(formatInZone(f.startsAt, tz)), (f) => ({ day: dayOfIso(formatInZone(f.startsAt, tz)) }));
  const byScreen: ScreenSales[] = sumBy(figures, (f) => f.screenId, (f) => ({ screenId: f.screenId, screenName: f.screenName }))
    .sort((a, b) => a.screenId - b.screenId);
  const byFilm: FilmSales[] = sumBy(figures, (f) => f.filmId, (f) => ({ filmId: f.filmId, filmTitle: f.filmTitle }))
    .sort((a, b) => (a.filmTitle ?? '\uffff').localeCompare(b.filmTitle ?? '\uffff'));
  return { from, to, timeZone: tz, days, shows, totals: withTotals(totals), byScreen, byFilm };
}

/** The Monday of a theatre-local day's week (ISO weeks start on Monday). */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return shiftDay(day, -((weekday + 6) % 7));
}

/**
 * The distributor report: per film and week (Monday to Sunday, theatre-local), the screenings
 * played or to play (a cancelled one is not counted: its tickets were all cancelled) and their
 * admissions — tickets sold and not cancelled, as the sales report's "held" — and check-ins.
 */
export async function filmReport(ctx: OperationContext, input: ParsedInput<'filmReport'>): Promise<OperationOutput<'filmReport'>> {
  const tz = ctx.config.timeZone;
  reportWindow(input.from, input.to);
  const figures = (await showFigures(ctx, input.from, input.to)).filter((f) => f.filmId !== null && !f.isCancelled);
  const admissionsOf = (f: ShowFigures) => withTotals(f).held;
  const rows = new Map<string, FilmWeek>();
  const totals = new Map<number, OperationOutput<'filmReport'>['totals'][number]>();
  for (const f of figures) {
    const filmId = f.filmId!;
    const title = f.filmTitle!;
    const weekStart = mondayOf(dayOfIso(formatInZone(f.startsAt, tz)));
    const row = rows.get(`${filmId}|${weekStart}`) ?? { filmId, title, weekStart, shows: 0, admissions: 0, checkedIn: 0 };
    row.shows += 1;
    row.admissions += admissionsOf(f);
    row.checkedIn += f.checkedIn;
    rows.set(`${filmId}|${weekStart}`, row);
    const total = totals.get(filmId) ?? { filmId, title, shows: 0, admissions: 0 };
    total.shows += 1;
    total.admissions += admissionsOf(f);
    totals.set(filmId, total);
  }
  const byTitle = (a: { title: string; filmId: number }, b: { title: string; filmId: number }) => a.title.localeCompare(b.title) || a.filmId - b.filmId;
  return {
    rows: [...rows.values()].sort((a, b) => byTitle(a, b) || a.weekStart.localeCompare(b.weekStart)),
    totals: [...totals.values()].sort(byTitle),
  };
}
