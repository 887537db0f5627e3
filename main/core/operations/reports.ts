// The sales report: per show and per theatre-local day, counted from the audit trail
// (ticket_event) rather than from the live tables, because the expiry sweep deletes the
// tickets of past shows and the show's seat counter goes down with them.
import { MarqueeError } from '../../common/errors';
import type { OperationOutput, ParsedInput } from '../../common/operations';
import type { DaySales, FilmSales, FilmWeek, ScreenSales, ShowSales, TypeSales } from '../../common/schemas';
import { formatInZone, localDayWindow } from '../../common/time';
import type { OperationContext } from './context';
import { currencyOf } from './ticket-types';

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
  revenue: number;
}

const dayOfIso = (iso: string) => iso.slice(0, 10);

/** A theatre-local day ± n days, as YYYY-MM-DD (calendar arithmetic, no time zone needed). */
function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const heldOf = (row: Figures) => row.sold - row.cancelled + row.movedIn - row.movedOut;

function withTotals<T extends Figures>(row: T, currency: string): T & { held: number; occupancyPercent: number; currency: string } {
  const held = heldOf(row);
  return { ...row, held, occupancyPercent: row.capacity > 0 ? Math.round((held / row.capacity) * 1000) / 10 : 0, currency };
}

const zero = (): Figures => ({ capacity: 0, sold: 0, cancelled: 0, movedIn: 0, movedOut: 0, checkedIn: 0, revenue: 0 });

function add(into: Figures, row: Figures): void {
  into.capacity += row.capacity;
  into.sold += row.sold;
  into.cancelled += row.cancelled;
  into.movedIn += row.movedIn;
  into.movedOut += row.movedOut;
  into.checkedIn += row.checkedIn;
  into.revenue += row.revenue;
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
  byType: TypeSales[];
}

/**
 * Every show starting on the theatre-local days from…to with its figures from the audit trail,
 * in seats (an event carries a party's `seats`) and money (its `amount`, at the prices the seats
 * were sold at). The sweep's removals of expired tickets are their own kind ('removed'), never
 * counted as cancellations nor taken off the revenue. Seats given back from a party ('released')
 * and unpaid reservations released before their show ('unpaid_released') count as cancelled. Check-ins are counted net of undone ones (an undo always follows a check-in
 * of the same ticket). A show moved in time (/show/reschedule) keeps its tickets: the 'moved'
 * rows it writes name the show on both sides and are no move in or out.
 */
async function showFigures(ctx: OperationContext, from: string, to: string): Promise<ShowFigures[]> {
  const tz = ctx.config.timeZone;
  const window = [localDayWindow(from, tz)[0], localDayWindow(to, tz)[1]];
  const rows = await ctx.db.rows(
    `SELECT s.show_id, s.starts_at, COALESCE(s.title, f.title) AS title, s.capacity, s.screen_id, sc.name AS screen_name,
            s.film_id, f.title AS film_title, s.cancelled_at,
            (SELECT COALESCE(SUM(e.seats), 0) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'booked') AS sold,
            (SELECT COALESCE(SUM(e.seats), 0) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind IN ('cancelled', 'released', 'unpaid_released')) AS cancelled,
            (SELECT COALESCE(SUM(e.seats), 0) FROM ticket_event e WHERE e.show_id = s.show_id AND e.kind = 'moved' AND e.from_show_id <> e.show_id) AS moved_in,
            (SELECT COALESCE(SUM(e.seats), 0) FROM ticket_event e WHERE e.from_show_id = s.show_id AND e.kind = 'moved' AND e.from_show_id <> e.show_id) AS moved_out,
            (SELECT COALESCE(SUM(CASE e.kind WHEN 'checked_in' THEN e.seats ELSE -e.seats END), 0) FROM ticket_event e
              WHERE e.show_id = s.show_id AND e.kind IN ('checked_in', 'checkin_undone')) AS checked_in
       FROM show_record s
       JOIN screen sc ON sc.screen_id = s.screen_id
       LEFT JOIN film f ON f.film_id = s.film_id
      WHERE s.starts_at >= ? AND s.starts_at < ?
      ORDER BY s.starts_at, s.screen_id`,
    window,
  );
  const types = await typeFigures(ctx, window);
  return rows.map((r) => {
    const byType = types.get(Number(r.show_id)) ?? [];
    return {
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
      revenue: byType.reduce((sum, t) => sum + t.revenue, 0),
      byType,
    };
  });
}

/**
 * Each show's seats and money per ticket type, from the events' items (a party's seats by type
 * with their unit prices): booked and moved in add, cancelled, given back and moved out take
 * away. An event from before ticket types (items NULL) is its seats of the default type at 0.
 * The revenue is summed from the same items, so a show's revenue is always its types' sum.
 */
async function typeFigures(ctx: OperationContext, window: Date[]): Promise<Map<number, TypeSales[]>> {
  const rows = await ctx.db.rows(
    `SELECT c.show_id, j.t AS ticket_type_id, tt.name, SUM(c.sign * j.n) AS seats, SUM(c.sign * j.n * j.p) AS revenue
       FROM (SELECT e.show_id, IF(e.kind IN ('booked', 'moved'), 1, -1) AS sign, e.seats, e.items
               FROM ticket_event e JOIN show_record s ON s.show_id = e.show_id
              WHERE s.starts_at >= ? AND s.starts_at < ?
                AND (e.kind IN ('booked', 'cancelled', 'released', 'unpaid_released') OR (e.kind = 'moved' AND e.from_show_id <> e.show_id))
             UNION ALL
             SELECT e.from_show_id, -1, e.seats, e.items
               FROM ticket_event e JOIN show_record s ON s.show_id = e.from_show_id
              WHERE s.starts_at >= ? AND s.starts_at < ?
                AND e.kind = 'moved' AND e.from_show_id <> e.show_id) c
       CROSS JOIN JSON_TABLE(
             COALESCE(c.items, JSON_ARRAY(JSON_OBJECT('t', (SELECT ticket_type_id FROM ticket_type WHERE is_default = 1), 'n', c.seats, 'p', 0))),
             '$[*]' COLUMNS (t INT UNSIGNED PATH '$.t', n INT PATH '$.n', p INT PATH '$.p')) j
       LEFT JOIN ticket_type tt ON tt.ticket_type_id = j.t
      GROUP BY c.show_id, j.t, tt.name, tt.sort_order
      ORDER BY c.show_id, tt.sort_order IS NULL, tt.sort_order, j.t`,
    [...window, ...window],
  );
  const byShow = new Map<number, TypeSales[]>();
  for (const r of rows) {
    const showId = Number(r.show_id);
    const ticketTypeId = Number(r.ticket_type_id);
    const list = byShow.get(showId) ?? [];
    list.push({ ticketTypeId, name: r.name === null ? `#${ticketTypeId}` : String(r.name), sold: Number(r.seats), revenue: Number(r.revenue) });
    byShow.set(showId, list);
  }
  return byShow;
}

/** Sums per-type figures, keeping the order types first appear (each show's list is in display order). */
function sumTypes(lists: TypeSales[][]): TypeSales[] {
  const sums = new Map<number, TypeSales>();
  for (const list of lists) {
    for (const t of list) {
      const sum = sums.get(t.ticketTypeId) ?? { ...t, sold: 0, revenue: 0 };
      sum.sold += t.sold;
      sum.revenue += t.revenue;
      sums.set(t.ticketTypeId, sum);
    }
  }
  return [...sums.values()];
}

const figuresOf = ({ capacity, sold, cancelled, movedIn, movedOut, checkedIn, revenue }: Figures): Figures => ({ capacity, sold, cancelled, movedIn, movedOut, checkedIn, revenue });

/** Sums the shows' figures per key, in the order keys first appear. */
function groupBy<K>(shows: ShowFigures[], keyOf: (show: ShowFigures) => K): ShowFigures[][] {
  const groups = new Map<K, ShowFigures[]>();
  for (const show of shows) groups.set(keyOf(show), [...(groups.get(keyOf(show)) ?? []), show]);
  return [...groups.values()];
}

function sumOf(shows: ShowFigures[]): Figures & { shows: number } {
  const sum = { ...zero(), shows: shows.length };
  for (const show of shows) add(sum, show);
  return sum;
}

export async function salesReport(ctx: OperationContext, input: ParsedInput<'salesReport'>): Promise<OperationOutput<'salesReport'>> {
  const tz = ctx.config.timeZone;
  const today = dayOfIso(formatInZone(new Date(), tz));
  const from = input.from ?? shiftDay(input.to ?? today, -DEFAULT_DAYS_BACK);
  const to = input.to ?? (input.from ? shiftDay(from, DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD) : shiftDay(today, DEFAULT_DAYS_AHEAD));
  reportWindow(from, to);
  const figures = await showFigures(ctx, from, to);
  const currency = currencyOf(ctx);
  const shows: ShowSales[] = figures.map((f) =>
    withTotals({ showId: f.showId, showTime: formatInZone(f.startsAt, tz), title: f.title, ...figuresOf(f) }, currency));
  const dayOf = (f: ShowFigures) => dayOfIso(formatInZone(f.startsAt, tz));
  const days: DaySales[] = groupBy(figures, dayOf).map((group) =>
    withTotals({ day: dayOf(group[0]!), ...sumOf(group), byType: sumTypes(group.map((f) => f.byType)) }, currency));
  const byScreen: ScreenSales[] = groupBy(figures, (f) => f.screenId)
    .map((group) => withTotals({ screenId: group[0]!.screenId, screenName: group[0]!.screenName, ...sumOf(group) }, currency))
    .sort((a, b) => a.screenId - b.screenId);
  const byFilm: FilmSales[] = groupBy(figures, (f) => f.filmId)
    .map((group) => withTotals({ filmId: group[0]!.filmId, filmTitle: group[0]!.filmTitle, ...sumOf(group) }, currency))
    .sort((a, b) => (a.filmTitle ?? '\uffff').localeCompare(b.filmTitle ?? '\uffff'));
  const { shows: _count, ...totals } = sumOf(figures);
  return {
    from, to, timeZone: tz, days, shows,
    totals: withTotals({ ...totals, byType: sumTypes(figures.map((f) => f.byType)) }, currency),
    byScreen, byFilm,
  };
}

/** The Monday of a theatre-local day's week (ISO weeks start on Monday). */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return shiftDay(day, -((weekday + 6) % 7));
}

/**
 * The distributor report: per film and week (Monday to Sunday, theatre-local), the screenings
 * played or to play (a cancelled one is not counted: its tickets were all cancelled) and their
 * admissions — seats sold and not cancelled, as the sales report's "held" — their gross and check-ins.
 */
export async function filmReport(ctx: OperationContext, input: ParsedInput<'filmReport'>): Promise<OperationOutput<'filmReport'>> {
  const tz = ctx.config.timeZone;
  reportWindow(input.from, input.to);
  const figures = (await showFigures(ctx, input.from, input.to)).filter((f) => f.filmId !== null && !f.isCancelled);
  const currency = currencyOf(ctx);
  const admissionsOf = heldOf;
  const rows = new Map<string, FilmWeek>();
  const totals = new Map<number, OperationOutput<'filmReport'>['totals'][number]>();
  for (const f of figures) {
    const filmId = f.filmId!;
    const title = f.filmTitle!;
    const weekStart = mondayOf(dayOfIso(formatInZone(f.startsAt, tz)));
    const row = rows.get(`${filmId}|${weekStart}`) ?? { filmId, title, weekStart, shows: 0, admissions: 0, checkedIn: 0, gross: 0, currency };
    row.shows += 1;
    row.admissions += admissionsOf(f);
    row.checkedIn += f.checkedIn;
    row.gross += f.revenue;
    rows.set(`${filmId}|${weekStart}`, row);
    const total = totals.get(filmId) ?? { filmId, title, shows: 0, admissions: 0, gross: 0, currency };
    total.shows += 1;
    total.admissions += admissionsOf(f);
    total.gross += f.revenue;
    totals.set(filmId, total);
  }
  const byTitle = (a: { title: string; filmId: number }, b: { title: string; filmId: number }) => a.title.localeCompare(b.title) || a.filmId - b.filmId;
  return {
    rows: [...rows.values()].sort((a, b) => byTitle(a, b) || a.weekStart.localeCompare(b.weekStart)),
    totals: [...totals.values()].sort(byTitle),
  };
}
