// The manager's CSV files: the sales report (one file per show, one per day: their columns
// differ, and a spreadsheet sorts and sums a file of like rows) and a show's roster. Headers
// come in the manager's language; times are the theatre's wall clock; numbers stay plain
// (62.5, never "62,5 %") so every spreadsheet reads them as numbers.
import type { DaySales, ShowSales, TicketRow } from '../../../../main/common/schemas';
import { toCsv, type CsvColumn } from '../../shared/lib/csv';
import type { ManagerMessages } from '../i18n';
import type { SalesReport } from './operations';
import { csvWallTime } from './time';

function figures<T extends DaySales | ShowSales>(m: ManagerMessages): CsvColumn<T>[] {
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
  ];
}

export function showsCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const columns: CsvColumn<ShowSales>[] = [
    { header: c.date, value: (r) => csvWallTime(r.showTime, report.timeZone).slice(0, 10) },
    { header: c.time, value: (r) => csvWallTime(r.showTime, report.timeZone).slice(11) },
    { header: c.title, value: (r) => r.title ?? m.untitled },
    ...figures<ShowSales>(m),
  ];
  return toCsv(report.shows, columns);
}

export function daysCsv(report: SalesReport, m: ManagerMessages): string {
  const c = m.reports.columns;
  const columns: CsvColumn<DaySales>[] = [{ header: c.date, value: (r) => r.day }, { header: c.shows, value: (r) => r.shows }, ...figures<DaySales>(m)];
  return toCsv(report.days, columns);
}

export const reportFileName = (kind: 'shows' | 'days', report: Pick<SalesReport, 'from' | 'to'>): string =>
  `marquee-sales-${kind}-${report.from}-to-${report.to}.csv`;

/** The code column only when the rows carry codes (a viewer's roster has none). */
export function rosterCsv(rows: readonly TicketRow[], m: ManagerMessages, timeZone: string | undefined): string {
  const withCodes = rows.some((r) => r.ticketCode !== undefined);
  const columns: CsvColumn<TicketRow>[] = [
    { header: m.csv.ticket, value: (r) => r.ticketId },
    ...(withCodes ? [{ header: m.csv.code, value: (r: TicketRow) => r.ticketCode }] : []),
    { header: m.csv.name, value: (r) => r.userName },
    // As the server sent it: masked for a viewer.
    { header: m.csv.phone, value: (r) => r.phoneNo },
    { header: m.csv.checkedIn, value: (r) => (r.checkedInAt ? csvWallTime(r.checkedInAt, timeZone) : '') },
    { header: m.csv.checkedInBy, value: (r) => r.checkedInBy ?? '' },
  ];
  return toCsv(rows, columns);
}

/** "marquee-roster-2026-11-25-1930.csv": the show's wall time, which names it uniquely. */
export function rosterFileName(showTime: string, timeZone: string | undefined): string {
  return `marquee-roster-${csvWallTime(showTime, timeZone).replace(' ', '-').replace(':', '')}.csv`;
}
