// The manager's CSV files: the sales report (one file per show, one per day: their columns
// differ, and a spreadsheet sorts and sums a file of like rows) and a show's roster. Headers
// come in the manager's language; times are the theatre's wall clock; numbers stay plain
// (62.5, never "62,5 %", money 12.50 under "Revenue (EUR)") so every spreadsheet reads them as numbers.
import type { CallListGuest, DaySales, FilmSales, ScreenSales, ShowSales, TicketRow, TypeSales } from '../../../../main/common/schemas';
import { toCsv, type CsvColumn } from '../../shared/lib/csv';
import type { ManagerMessages } from '../i18n';
import type { FilmReport, SalesReport } from './operations';
import { csvWallTime } from './time';

/** Minor units as a plain decimal in the currency's own digits: 1250 EUR → "12.50", 1250 JPY → "1250". */
export function plainMoney(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

function figures<T extends DaySales | ShowSales | ScreenSales | FilmSales>(m: ManagerMessages, currency: string): CsvColumn<T>[] {
  const c = m.reports.columns;
  return [
    { header: c.capacity, value: (r) => r.capacity },
    { header: c.sold, value: (r) => r.sold },
    { header: c.cancelled, value: (r) => r.cancelled },
    { header: c.movedIn, value: (r) => r.movedIn },
    { header: c.movedOut, value: (r) => r.movedOut },
    { header: c.held, value: (r) => r.held },
    { header: c.checkedIn, value: (r) => r.checkedIn },
    { header: c.occupancy, value: (r) => r.occupancyPercent },
    { header: c.inCurrency(c.revenue, currency), value: (r) => plainMoney(r.revenue, r.currency) },
  ];
}

export function showsCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const columns: CsvColumn<ShowSales>[] = [
    { header: c.date, value: (r) => csvWallTime(r.showTime, report.timeZone).slice(0, 10) },
    { header: c.time, value: (r) => csvWallTime(r.showTime, report.timeZone).slice(11) },
    { header: c.title, value: (r) => r.title ?? m.untitled },
    ...figures<ShowSales>(m, report.totals.currency),
  ];
  return toCsv(report.shows, columns);
}

export function daysCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const columns: CsvColumn<DaySales>[] = [{ header: c.date, value: (r) => r.day }, { header: c.shows, value: (r) => r.shows }, ...figures<DaySales>(m, report.totals.currency)];
  return toCsv(report.days, columns);
}

export function screensCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const columns: CsvColumn<ScreenSales>[] = [{ header: c.screen, value: (r) => r.screenName }, { header: c.shows, value: (r) => r.shows }, ...figures<ScreenSales>(m, report.totals.currency)];
  return toCsv(report.byScreen, columns);
}

export function filmsCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const columns: CsvColumn<FilmSales>[] = [
    { header: c.film, value: (r) => (r.filmId === null ? m.reports.noFilm : r.filmTitle) },
    { header: c.shows, value: (r) => r.shows },
    ...figures<FilmSales>(m, report.totals.currency),
  ];
  return toCsv(report.byFilm, columns);
}

/** Admissions per ticket type: a row per day and type, then a row per type for all the days. */
export function typesCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const currency = report.totals.currency;
  const rows: Array<TypeSales & { day: string }> = [
    ...report.days.flatMap((d) => d.byType.map((t) => ({ ...t, day: d.day }))),
    ...report.totals.byType.map((t) => ({ ...t, day: m.reports.total })),
  ];
  return toCsv(rows, [
    { header: c.date, value: (r) => r.day },
    { header: c.type, value: (r) => r.name },
    { header: c.seats, value: (r) => r.sold },
    { header: c.inCurrency(c.revenue, currency), value: (r) => plainMoney(r.revenue, currency) },
  ]);
}

/** The distributor's file: a row per film and week, then a row per film for all the weeks. */
export function distributorCsv(report: FilmReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  type Row = { title: string; week: string; shows: number; admissions: number; checkedIn: number | ''; gross: string; currency: string };
  const rows: Row[] = [
    ...report.rows.map((r) => ({ title: r.title, week: r.weekStart, shows: r.shows, admissions: r.admissions, checkedIn: r.checkedIn, gross: plainMoney(r.gross, r.currency), currency: r.currency })),
    ...report.totals.map((r) => ({ title: r.title, week: m.reports.total, shows: r.shows, admissions: r.admissions, checkedIn: '' as const, gross: plainMoney(r.gross, r.currency), currency: r.currency })),
  ];
  const currency = rows[0]?.currency ?? '';
  return toCsv(rows, [
    { header: c.film, value: (r) => r.title },
    { header: c.week, value: (r) => r.week },
    { header: c.shows, value: (r) => r.shows },
    { header: c.admissions, value: (r) => r.admissions },
    { header: c.checkedIn, value: (r) => r.checkedIn },
    { header: currency ? c.inCurrency(c.gross, currency) : c.gross, value: (r) => r.gross },
  ]);
}

export const reportFileName = (kind: 'shows' | 'days' | 'types' | 'screens' | 'films' | 'distributor', report: Pick<SalesReport, 'from' | 'to'>): string =>
  `marquee-sales-${kind}-${report.from}-to-${report.to}.csv`;

/** The code column only when the rows carry codes (a viewer's roster has none); the total once the currency is known. */
export function rosterCsv(rows: readonly TicketRow[], m: ManagerMessages, timeZone: string | undefined, currency?: string | null): string {
  const withCodes = rows.some((r) => r.ticketCode !== undefined);
  const columns: CsvColumn<TicketRow>[] = [
    { header: m.csv.ticket, value: (r) => r.ticketId },
    ...(withCodes ? [{ header: m.csv.code, value: (r: TicketRow) => r.ticketCode }] : []),
    { header: m.csv.name, value: (r) => r.userName },
    // As the server sent it: masked for a viewer.
    { header: m.csv.phone, value: (r) => r.phoneNo },
    { header: m.party.seats, value: (r) => r.seats },
    { header: m.party.party, value: (r) => r.items.map((i) => m.party.item(i.count, i.name)).join(', ') },
    ...(currency ? [{ header: m.reports.columns.inCurrency(m.party.total, currency), value: (r: TicketRow) => plainMoney(r.total, currency) }] : []),
    { header: m.csv.checkedIn, value: (r) => (r.checkedInAt ? csvWallTime(r.checkedInAt, timeZone) : '') },
    { header: m.csv.checkedInBy, value: (r) => r.checkedInBy ?? '' },
  ];
  return toCsv(rows, columns);
}

/** "marquee-roster-2026-11-25-1930.csv": the show's wall time, which names it uniquely. */
export function rosterFileName(showTime: string, timeZone: string | undefined): string {
  return `marquee-roster-${fileStamp(showTime, timeZone)}.csv`;
}

/** "2026-11-25-1930": a show's wall time in a file name. */
const fileStamp = (showTime: string, timeZone: string | undefined) => csvWallTime(showTime, timeZone).replace(' ', '-').replace(':', '');

/** The guests of a cancelled screening, to phone. */
export function callListCsv(guests: readonly CallListGuest[], m: ManagerMessages): string {
  return toCsv(guests, [
    { header: m.csv.name, value: (g) => g.name },
    { header: m.csv.phone, value: (g) => g.phone },
    { header: m.csv.code, value: (g) => g.ticketCode },
    { header: m.csv.ticket, value: (g) => g.ticketId },
  ]);
}

/** "marquee-call-list-2026-11-25-1930.csv". */
export function callListFileName(showTime: string, timeZone: string | undefined): string {
  return `marquee-call-list-${fileStamp(showTime, timeZone)}.csv`;
}
