// The reports slice against the in-memory box office (its figures come from the fake's audit
// trail), and the CSV files of the report and of a roster: headers in the staff's language,
// the theatre's wall clock, plain numbers, and a guest's name never run as a formula.
import { describe, expect, it } from 'vitest';
import type { TicketRow } from '../../../main/common/schemas';
import { MANAGER_LOCALES } from '../../../renderer/src/manager/i18n';
import type { FilmReport, SalesReport } from '../../../renderer/src/manager/lib/operations';
import { daysCsv, distributorCsv, plainMoney, reportFileName, rosterCsv, rosterFileName, showsCsv, typesCsv } from '../../../renderer/src/manager/lib/report-csv';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, makeShow } from './fake-manager-transport';
import { ONE_SEAT } from '../party-fixture';

const { en, es } = MANAGER_LOCALES;

async function until(check: () => boolean, ms = 2_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A theatre day `days` from today, as YYYY-MM-DD (the fake's shows are at +01:00). */
const dayIn = (days: number) => new Date(Date.now() + 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

function schedule() {
  return [
    makeShow(1, `${dayIn(1)}T18:00:00+01:00`, { title: 'Harbour Lights', capacity: 10 }),
    makeShow(2, `${dayIn(1)}T21:00:00+01:00`, { title: 'Night Train', capacity: 4 }),
    makeShow(3, `${dayIn(2)}T17:30:00+01:00`, { title: 'Paper Moons', capacity: 8 }),
    makeShow(4, `${dayIn(30)}T20:00:00+01:00`, { title: 'Far Away', capacity: 8 }),
  ];
}

async function paired(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, refreshEveryMs: 60_000 });
  await store.getState().init();
  return store;
}

/** Three bookings in show 1 (one cancelled), four in show 2, two in show 3 (one moved to show 1). */
async function seed(transport: FakeManagerTransport, store: ManagerStore) {
  const [a1] = [transport.book(1, 'Ana'), transport.book(1, 'Ben'), transport.book(1, 'Cai')];
  for (const name of ['Dee', 'Eli', 'Fay', 'Gus']) transport.book(2, name);
  const [, p2] = [transport.book(3, 'Hal'), transport.book(3, 'Ida')];
  await transport.call('cancel', { ticketId: a1! });
  await transport.call('move', { ticketId: p2!, showTime: transport.shows[0]!.showTime });
  return store;
}

describe('reports slice', () => {
  it('opens on the server’s default range, fills the date fields from the answer, and shows its figures', async () => {
    const transport = new FakeManagerTransport(schedule());
    const store = await seed(transport, await paired(transport));
    store.getState().setView('reports');
    expect(store.getState().reportLoading).toBe(true);
    await until(() => store.getState().report !== null);

    expect(transport.callsOf('salesReport')[0]!.input).toEqual({});
    const { report, reportRange, reportLoading } = store.getState();
    expect(reportLoading).toBe(false);
    expect(reportRange).toEqual({ from: report!.from, to: report!.to });
    expect(report!.to > report!.from).toBe(true);
    const byTitle = Object.fromEntries(report!.shows.map((s) => [s.title, [s.sold, s.cancelled, s.movedIn, s.movedOut, s.held, s.occupancyPercent]]));
    expect(byTitle).toEqual({
      'Harbour Lights': [3, 1, 1, 0, 3, 30],
      'Night Train': [4, 0, 0, 0, 4, 100],
      'Paper Moons': [2, 0, 0, 1, 1, 12.5],
    });
    expect(report!.days.map((d) => [d.day, d.shows, d.held])).toEqual([
      [dayIn(1), 2, 7],
      [dayIn(2), 1, 1],
    ]);
  });

  it('asks for the days typed, and refuses a last day before the first without asking', async () => {
    const transport = new FakeManagerTransport(schedule());
    const store = await paired(transport);
    store.getState().typeReportRange('from', dayIn(2));
    store.getState().typeReportRange('to', dayIn(1));
    await store.getState().loadReport();
    expect(store.getState().reportProblem).toEqual({ field: 'to', problem: 'order' });
    expect(transport.callsOf('salesReport')).toHaveLength(0);

    // Fixing the field clears its problem; the report covers exactly the days asked.
    store.getState().typeReportRange('to', dayIn(30));
    expect(store.getState().reportProblem).toBeNull();
    await store.getState().loadReport();
    expect(transport.callsOf('salesReport').at(-1)!.input).toEqual({ from: dayIn(2), to: dayIn(30) });
    expect(store.getState().report!.shows.map((s) => s.title)).toEqual(['Paper Moons', 'Far Away']);
  });

  it('puts a range the server refuses on the "to" field, and keeps the last report', async () => {
    const transport = new FakeManagerTransport(schedule());
    const store = await paired(transport);
    await store.getState().loadReport();
    const before = store.getState().report;
    expect(before).not.toBeNull();
    transport.override('salesReport', () => transport.fail('INVALID_INPUT', 'to', 'to: a report covers at most 366 days'));
    store.getState().typeReportRange('from', '2020-01-01');
    await store.getState().loadReport();
    expect(store.getState().reportProblem).toEqual({ field: 'to', problem: 'range' });
    expect(store.getState().report).toBe(before);
    expect(store.getState().notice).toBeNull();
  });

  it('reloads the report when the box office is reachable again, and forgets it on unpairing', async () => {
    const transport = new FakeManagerTransport(schedule());
    const store = await paired(transport);
    store.getState().setView('reports');
    await until(() => store.getState().report !== null);
    transport.down = true;
    await store.getState().refreshShows();
    await until(() => store.getState().outage);
    const asked = transport.callsOf('salesReport').length;
    transport.down = false;
    await until(() => !store.getState().outage && transport.callsOf('salesReport').length > asked);

    store.getState().unpair();
    expect(store.getState().report).toBeNull();
  });
});

const ADULTS = { ticketTypeId: 2, name: 'Adult', sold: 20, revenue: 18000 };
const CHILDREN = { ticketTypeId: 3, name: 'Child, small', sold: 5, revenue: 3050 };
const report: SalesReport = {
  from: '2026-11-20',
  to: '2026-11-26',
  timeZone: 'Europe/Madrid',
  shows: [
    { showId: 7, showTime: '2026-11-24T19:30:00+01:00', title: 'Night, "Train"', capacity: 40, sold: 26, cancelled: 1, movedIn: 2, movedOut: 2, held: 25, checkedIn: 20, occupancyPercent: 62.5, revenue: 21050, currency: 'EUR' },
    { showId: 8, showTime: '2026-11-25T00:15:00+01:00', title: null, capacity: 10, sold: 0, cancelled: 0, movedIn: 0, movedOut: 0, held: 0, checkedIn: 0, occupancyPercent: 0, revenue: 0, currency: 'EUR' },
  ],
  days: [
    { day: '2026-11-24', shows: 1, capacity: 40, sold: 26, cancelled: 1, movedIn: 2, movedOut: 2, held: 25, checkedIn: 20, occupancyPercent: 62.5, revenue: 21050, currency: 'EUR', byType: [ADULTS, CHILDREN] },
    { day: '2026-11-25', shows: 1, capacity: 10, sold: 0, cancelled: 0, movedIn: 0, movedOut: 0, held: 0, checkedIn: 0, occupancyPercent: 0, revenue: 0, currency: 'EUR', byType: [] },
  ],
  totals: { capacity: 50, sold: 26, cancelled: 1, movedIn: 2, movedOut: 2, held: 25, checkedIn: 20, occupancyPercent: 50, revenue: 21050, currency: 'EUR', byType: [ADULTS, CHILDREN] },
  byScreen: [], byFilm: [],
};

const lines = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(1, -2).split('\r\n');
};

describe('CSV files', () => {
  it('the report per show: date and time on the theatre’s clock, quoted titles, plain numbers', () => {
    expect(lines(showsCsv(report, en))).toEqual([
      'Date,Time,Title,Capacity,Sold,Cancelled,Moved in,Moved out,Seats taken,Checked in,Occupancy %,Revenue (EUR)',
      '2026-11-24,19:30,"Night, ""Train""",40,26,1,2,2,25,20,62.5,210.50',
      '2026-11-25,00:15,Feature presentation,10,0,0,0,0,0,0,0,0.00',
    ]);
    expect(reportFileName('shows', report)).toBe('marquee-sales-shows-2026-11-20-to-2026-11-26.csv');
  });

  it('the report per day, with the headers in Spanish', () => {
    expect(lines(daysCsv(report, es))).toEqual([
      'Fecha,Funciones,Aforo,Vendidas,Anuladas,Movidas aquí,Movidas a otra,Asientos ocupados,Han entrado,Ocupación %,Ingresos (EUR)',
      '2026-11-24,1,40,26,1,2,2,25,20,62.5,210.50',
      '2026-11-25,1,10,0,0,0,0,0,0,0,0.00',
    ]);
    expect(reportFileName('days', report)).toBe('marquee-sales-days-2026-11-20-to-2026-11-26.csv');
  });

  it('admissions per ticket type: a row per day and type, then the totals; money plain in the currency’s digits', () => {
    expect(lines(typesCsv(report, en))).toEqual([
      'Date,Ticket type,Seats,Revenue (EUR)',
      '2026-11-24,Adult,20,180.00',
      '2026-11-24,"Child, small",5,30.50',
      'Total,Adult,20,180.00',
      'Total,"Child, small",5,30.50',
    ]);
    expect(plainMoney(1250, 'JPY')).toBe('1250');
    expect(plainMoney(5, 'USD')).toBe('0.05');
  });

  it('the distributor report gains the gross per film and week and in total', () => {
    const films: FilmReport = {
      rows: [{ filmId: 1, title: 'Alpha', weekStart: '2026-11-23', shows: 2, admissions: 9, checkedIn: 4, gross: 8100, currency: 'EUR' }],
      totals: [{ filmId: 1, title: 'Alpha', shows: 2, admissions: 9, gross: 8100, currency: 'EUR' }],
    };
    expect(lines(distributorCsv(films, en))).toEqual([
      'Film,Week of,Shows,Admissions,Checked in,Gross (EUR)',
      'Alpha,2026-11-23,2,9,4,81.00',
      'Alpha,Total,2,9,,81.00',
    ]);
  });

  const row = (overrides: Partial<TicketRow>): TicketRow => ({
    ticketId: 1,
    userName: 'Ana',
    phoneNo: '600 111 222',
    showTime: '2026-11-24T19:30:00+01:00',
    isExpired: false,
    checkedInAt: null,
    checkedInBy: null,
    ...ONE_SEAT,
    ...overrides,
  });

  it('a manager’s roster: number, code, guest, phone, party, when and where checked in; a name is never a formula', () => {
    const family = { seats: 4, admitted: 4, total: 3100, items: [{ ticketTypeId: 2, name: 'Adult', count: 2, unitPrice: 950 }, { ticketTypeId: 3, name: 'Child', count: 2, unitPrice: 600 }] };
    const rows = [
      row({ ticketId: 12, ticketCode: 'K7QM-4XWP-9TX8', userName: 'José Muñoz', checkedInAt: '2026-11-24T18:52:10Z', checkedInBy: 'Door A', ...family }),
      row({ ticketId: 13, ticketCode: 'ABCD-EFGH-JKMN', userName: '=HYPERLINK("x")', phoneNo: '+34 600 111 333' }),
    ];
    expect(lines(rosterCsv(rows, en, 'Europe/Madrid', 'EUR'))).toEqual([
      'Ticket,Code,Guest,Phone,Seats,Party,Total (EUR),Checked in,Door',
      '12,K7QM-4XWP-9TX8,José Muñoz,600 111 222,4,"2 Adult, 2 Child",31.00,2026-11-24 19:52,Door A',
      `13,ABCD-EFGH-JKMN,"'=HYPERLINK(""x"")","+34 600 111 333",1,1 Standard,0.00,,`,
    ]);
    expect(rosterFileName('2026-11-24T19:30:00+01:00', 'Europe/Madrid')).toBe('marquee-roster-2026-11-24-1930.csv');
  });

  it('a viewer’s roster has no codes and the phones as the server masked them', () => {
    expect(lines(rosterCsv([row({ phoneNo: '•••• 22' })], es, undefined))).toEqual(['Entrada,Cliente,Teléfono,Asientos,Grupo,Entrada registrada,Puerta', '1,Ana,•••• 22,1,1 Standard,,']);
  });
});
