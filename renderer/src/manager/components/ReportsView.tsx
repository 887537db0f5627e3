// Reports: sales, occupancy and revenue of a range of days (the server's default week back and
// ahead until the staff picks others), drawn as bar charts and listed in tables — per show, per
// day and per ticket type — which are also what a screen reader reads — then per screen and per
// film, and the distributor report (per film and week, with its gross); each table downloads as
// CSV, the page prints. Money is shown in the manager's language (shared/lib/money.ts).
import { useId, useMemo } from 'react';
import { downloadText } from '../../shared/lib/csv';
import { formatMoney } from '../../shared/lib/money';
import { useTimes } from '../hooks/useTimes';
import type { ManagerMessages } from '../i18n';
import type { FilmReport, SalesReport } from '../lib/operations';
import { daysCsv, distributorCsv, filmsCsv, reportFileName, screensCsv, showsCsv, typesCsv } from '../lib/report-csv';
import { formatLongDay, formatShortDay, formatShortWhen } from '../lib/time';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { BarChart, type Bar } from './BarChart';
import { Field } from './Field';
import { ViewHead } from './ViewHead';

/** What every row has: the totals' figures without the per-type list. */
type Figures = Omit<SalesReport['totals'], 'byType'>;

function percentFormat(m: ManagerMessages) {
  const format = new Intl.NumberFormat(m.localeTag, { style: 'percent', maximumFractionDigits: 1 });
  return (value: number) => format.format(value / 100);
}

/** Over a narrow bar: "$1.2K" rather than "$1,234.50". */
function compactMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact' });
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** The counted figures, in the order of the headings (after capacity, before occupancy). */
const COUNTS = ['sold', 'cancelled', 'movedIn', 'movedOut', 'held', 'checkedIn'] as const;

/** The figures every row has, in the order of the headings. */
function FigureCells({ row, percent }: { row: Figures; percent: (value: number) => string }) {
  return (
    <>
      <td className="cell-figure">{row.capacity}</td>
      {COUNTS.map((key) => (
        <td key={key} className="cell-figure" data-cell={key}>
          {row[key]}
        </td>
      ))}
      <td className="cell-figure" data-cell="occupancy">
        {percent(row.occupancyPercent)}
      </td>
      <MoneyCell minor={row.revenue} currency={row.currency} cell="revenue" />
    </>
  );
}

function MoneyCell({ minor, currency, cell }: { minor: number; currency: string; cell: string }) {
  const m = useManagerMessages();
  return (
    <td className="cell-figure" data-cell={cell}>
      {formatMoney(minor, currency, m.localeTag)}
    </td>
  );
}

/** Column headings over figures (right-aligned, as the figures under them). */
function FigureColumnHeadings({ headings }: { headings: string[] }) {
  return (
    <>
      {headings.map((heading) => (
        <th key={heading} scope="col" className="cell-figure">
          {heading}
        </th>
      ))}
    </>
  );
}

function FigureHeadings({ m }: { m: ManagerMessages }) {
  const c = m.reports.columns;
  return <FigureColumnHeadings headings={[c.capacity, ...COUNTS.map((key) => c[key]), c.occupancy, c.revenue]} />;
}

function RangeForm() {
  const m = useManagerMessages();
  const range = useManager((s) => s.reportRange);
  const problem = useManager((s) => s.reportProblem);
  const report = useManager((s) => s.report);
  const { typeReportRange, loadReport } = useManagerActions();
  const errorFor = (field: 'from' | 'to') => (problem?.field === field ? m.reports.problems[problem.problem] : null);
  const files = {
    shows: { label: m.reports.csvShows, text: (r: SalesReport) => showsCsv(r, m) },
    days: { label: m.reports.csvDays, text: (r: SalesReport) => daysCsv(r, m) },
    types: { label: m.reports.csvTypes, text: (r: SalesReport) => typesCsv(r, m) },
  } as const;
  return (
    <form
      className="mgr-card report-range"
      onSubmit={(event) => {
        event.preventDefault();
        void loadReport();
      }}
    >
      {(['from', 'to'] as const).map((field) => (
        <Field key={field} label={m.reports[field]} error={errorFor(field)}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name={`report-${field}`}
              type="date"
              className="mgr-input"
              value={range[field]}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => typeReportRange(field, event.target.value)}
            />
          )}
        </Field>
      ))}
      <button type="submit" className="button button-primary report-submit">
        {m.reports.show}
      </button>
      <div className="report-downloads">
        {(Object.keys(files) as Array<keyof typeof files>).map((kind) => (
          <button key={kind} type="button" className="button button-secondary" disabled={report === null} onClick={() => report && downloadText(reportFileName(kind, report), files[kind].text(report))}>
            {files[kind].label}
          </button>
        ))}
        <button type="button" className="button button-secondary" disabled={report === null} onClick={() => window.print()}>
          {m.reports.print}
        </button>
      </div>
      <p className="mgr-hint report-hint">{m.reports.rangeHint}</p>
    </form>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="report-stat">
      <dt>{label}</dt>
      <dd>
        <span className="report-stat-value">{value}</span>
        {sub && <span className="report-stat-sub">{sub}</span>}
      </dd>
    </div>
  );
}

function ReportBody({ report }: { report: SalesReport }) {
  const m = useManagerMessages();
  const t = useTimes();
  const id = useId();
  const percent = useMemo(() => percentFormat(m), [m]);
  const { totals } = report;

  const occupancyBars = useMemo<Bar[]>(
    () =>
      report.shows.map((show) => {
        const title = show.title ?? m.untitled;
        return {
          key: String(show.showId),
          label: formatShortWhen(show.showTime, report.timeZone, m.localeTag),
          value: show.occupancyPercent,
          title: m.reports.occupancyBar(title, t.when(show.showTime), percent(show.occupancyPercent), show.held, show.capacity),
        };
      }),
    [report, m, t, percent],
  );
  const soldBars = useMemo<Bar[]>(
    () =>
      report.days.map((day) => ({
        key: day.day,
        label: formatShortDay(day.day, m.localeTag),
        value: day.sold,
        title: m.reports.soldBar(formatLongDay(day.day, m.localeTag), day.sold),
      })),
    [report, m],
  );
  const money = (minor: number) => formatMoney(minor, totals.currency, m.localeTag);
  const revenueBars = useMemo<Bar[]>(
    () =>
      report.days.map((day) => ({
        key: day.day,
        label: formatShortDay(day.day, m.localeTag),
        value: day.revenue,
        valueLabel: compactMoney(day.revenue, day.currency, m.localeTag),
        title: m.reports.revenueBar(formatLongDay(day.day, m.localeTag), formatMoney(day.revenue, day.currency, m.localeTag)),
      })),
    [report, m],
  );

  return (
    <>
      <section className="mgr-card report-summary" aria-labelledby={`${id}-totals`} data-testid="report-totals">
        <h2 id={`${id}-totals`}>
          {m.reports.totals}
          <span className="pane-heading-extra">
            {' '}
            · {m.reports.period(formatLongDay(report.from, m.localeTag), formatLongDay(report.to, m.localeTag))} · {m.reports.totalShows(report.shows.length)}
          </span>
        </h2>
        <dl className="report-stats">
          <Stat label={m.reports.statSold} value={String(totals.sold)} />
          <Stat label={m.reports.statHeld} value={m.reports.statHeldOf(totals.held, totals.capacity)} />
          <Stat label={m.reports.statOccupancy} value={percent(totals.occupancyPercent)} />
          <Stat label={m.reports.statCheckedIn} value={String(totals.checkedIn)} />
          <Stat label={m.reports.statRevenue} value={money(totals.revenue)} />
        </dl>
      </section>
      {report.shows.length === 0 ? (
        <p className="mgr-card pane-empty" data-testid="report-empty">
          {m.reports.none}
        </p>
      ) : (
        <>
          <div className="report-charts">
            <section className="mgr-card" data-chart="occupancy">
              <BarChart bars={occupancyBars} max={100} unit="%" caption={m.reports.occupancyChart} emptyText={m.reports.noBars} />
            </section>
            <section className="mgr-card" data-chart="sold">
              <BarChart bars={soldBars} caption={m.reports.soldChart} emptyText={m.reports.noBars} />
            </section>
            <section className="mgr-card" data-chart="revenue">
              <BarChart bars={revenueBars} caption={m.reports.revenueChart} emptyText={m.reports.noBars} />
            </section>
          </div>
          <section className="mgr-card report-table-card" aria-labelledby={`${id}-shows`}>
            <h2 id={`${id}-shows`}>{m.reports.byShow}</h2>
            <table className="grid report-table" data-testid="report-shows">
              <caption className="sr-only">{m.reports.byShowCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.reports.columns.show}</th>
                  <th scope="col">{m.reports.columns.title}</th>
                  <FigureHeadings m={m} />
                </tr>
              </thead>
              <tbody>
                {report.shows.map((show) => (
                  <tr key={show.showId} data-show-id={show.showId}>
                    <td className="cell-when">{t.when(show.showTime)}</td>
                    <th scope="row" className="cell-title">
                      {show.title ?? m.untitled}
                    </th>
                    <FigureCells row={show} percent={percent} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="mgr-card report-table-card" aria-labelledby={`${id}-days`}>
            <h2 id={`${id}-days`}>{m.reports.byDay}</h2>
            <table className="grid report-table" data-testid="report-days">
              <caption className="sr-only">{m.reports.byDayCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.reports.columns.date}</th>
                  <th scope="col" className="cell-figure">
                    {m.reports.columns.shows}
                  </th>
                  <FigureHeadings m={m} />
                </tr>
              </thead>
              <tbody>
                {report.days.map((day) => (
                  <tr key={day.day} data-day={day.day}>
                    <th scope="row" className="cell-title">
                      {formatLongDay(day.day, m.localeTag)}
                    </th>
                    <td className="cell-figure">{day.shows}</td>
                    <FigureCells row={day} percent={percent} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-day="total">
                  <th scope="row">{m.reports.total}</th>
                  <td className="cell-figure">{report.shows.length}</td>
                  <FigureCells row={totals} percent={percent} />
                </tr>
              </tfoot>
            </table>
          </section>
          <TypesTable report={report} />
          <BreakdownTable
            heading={m.reports.byScreen}
            caption={m.reports.byScreenCaption}
            firstHeading={m.reports.columns.screen}
            rows={report.byScreen.map((r) => ({ key: `screen-${r.screenId}`, name: r.screenName, ...r }))}
            download={{ label: m.reports.csvScreens, file: () => downloadText(reportFileName('screens', report), screensCsv(report, m)) }}
            testId="report-screens"
            percent={percent}
          />
          <BreakdownTable
            heading={m.reports.byFilm}
            caption={m.reports.byFilmCaption}
            firstHeading={m.reports.columns.film}
            rows={report.byFilm.map((r) => ({ key: `film-${r.filmId ?? 'none'}`, name: r.filmId === null ? m.reports.noFilm : (r.filmTitle ?? m.untitled), ...r }))}
            download={{ label: m.reports.csvFilms, file: () => downloadText(reportFileName('films', report), filmsCsv(report, m)) }}
            testId="report-films"
            percent={percent}
          />
        </>
      )}
    </>
  );
}

/**
 * Admissions per ticket type: a row per type, a column pair (seats, revenue) per day and for
 * the whole range, so a day's mix reads across and a type's week reads down.
 */
function TypesTable({ report }: { report: SalesReport }) {
  const m = useManagerMessages();
  const id = useId();
  const c = m.reports.columns;
  const types = report.totals.byType;
  const money = (minor: number) => formatMoney(minor, report.totals.currency, m.localeTag);
  const cellsOf = (list: SalesReport['totals']['byType'], ticketTypeId: number) => {
    const entry = list.find((t) => t.ticketTypeId === ticketTypeId);
    return [entry?.sold ?? 0, money(entry?.revenue ?? 0)] as const;
  };
  return (
    <section className="mgr-card report-table-card" aria-labelledby={`${id}-h`}>
      <CardHead id={`${id}-h`} heading={m.reports.byType} download={{ label: m.reports.csvTypes, file: () => downloadText(reportFileName('types', report), typesCsv(report, m)) }} />
      {types.length === 0 ? (
        <p className="pane-empty">{m.reports.byTypeNone}</p>
      ) : (
        <div className="report-table-scroll">
          <table className="grid report-table" data-testid="report-types">
            <caption className="sr-only">{m.reports.byTypeCaption}</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {c.type}
                </th>
                {report.days.map((day) => (
                  <th key={day.day} scope="colgroup" colSpan={2} className="cell-figure">
                    {formatShortDay(day.day, m.localeTag)}
                  </th>
                ))}
                <th scope="colgroup" colSpan={2} className="cell-figure">
                  {m.reports.total}
                </th>
              </tr>
              <tr>
                {[...report.days.map((d) => d.day), 'total'].map((key) => (
                  <FigureColumnHeadings key={key} headings={[c.seats, c.revenue]} />
                ))}
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type.ticketTypeId} data-type-id={type.ticketTypeId}>
                  <th scope="row" className="cell-title">
                    {type.name}
                  </th>
                  {report.days.map((day) => {
                    const [seats, revenue] = cellsOf(day.byType, type.ticketTypeId);
                    return [
                      <td key={`${day.day}-s`} className="cell-figure">{seats}</td>,
                      <td key={`${day.day}-r`} className="cell-figure">{revenue}</td>,
                    ];
                  })}
                  <td className="cell-figure" data-cell="seats">
                    {type.sold}
                  </td>
                  <td className="cell-figure" data-cell="revenue">
                    {money(type.revenue)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A table card's heading with the button that downloads its table. */
function CardHead({ id, heading, download }: { id: string; heading: string; download: { label: string; file(): void } }) {
  return (
    <div className="report-card-head">
      <h2 id={id}>{heading}</h2>
      <button type="button" className="button button-secondary button-small" onClick={download.file}>
        {download.label}
      </button>
    </div>
  );
}

function BreakdownTable({ heading, caption, firstHeading, rows, download, testId, percent }: {
  heading: string;
  caption: string;
  firstHeading: string;
  rows: Array<Figures & { key: string; name: string; shows: number }>;
  download: { label: string; file(): void };
  testId: string;
  percent: (value: number) => string;
}) {
  const m = useManagerMessages();
  const id = useId();
  return (
    <section className="mgr-card report-table-card" aria-labelledby={`${id}-h`}>
      <CardHead id={`${id}-h`} heading={heading} download={download} />
      <table className="grid report-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstHeading}</th>
            <th scope="col" className="cell-figure">
              {m.reports.columns.shows}
            </th>
            <FigureHeadings m={m} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row" className="cell-title">
                {row.name}
              </th>
              <td className="cell-figure">{row.shows}</td>
              <FigureCells row={row} percent={percent} />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** For the film's distributor: shows and admissions per film and week, then per film in all. */
function DistributorReport({ report, range }: { report: FilmReport; range: Pick<SalesReport, 'from' | 'to'> }) {
  const m = useManagerMessages();
  const id = useId();
  const c = m.reports.columns;
  return (
    <section className="mgr-card report-table-card report-distributor" aria-labelledby={`${id}-h`} data-testid="report-distributor">
      <CardHead
        id={`${id}-h`}
        heading={m.reports.distributor}
        download={{ label: m.reports.csvDistributor, file: () => downloadText(reportFileName('distributor', range), distributorCsv(report, m)) }}
      />
      <p className="pane-sub">{m.reports.distributorSub}</p>
      {report.rows.length === 0 ? (
        <p className="pane-empty">{m.reports.distributorNone}</p>
      ) : (
        <>
          <table className="grid report-table" data-testid="distributor-weeks">
            <caption className="sr-only">{m.reports.distributorCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{c.film}</th>
                <th scope="col">{c.week}</th>
                <FigureColumnHeadings headings={[c.shows, c.admissions, c.checkedIn, c.gross]} />
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={`${row.filmId}|${row.weekStart}`} data-film-id={row.filmId} data-week={row.weekStart}>
                  <th scope="row" className="cell-title">
                    {row.title}
                  </th>
                  <td>{formatLongDay(row.weekStart, m.localeTag)}</td>
                  <td className="cell-figure">{row.shows}</td>
                  <td className="cell-figure">{row.admissions}</td>
                  <td className="cell-figure">{row.checkedIn}</td>
                  <MoneyCell minor={row.gross} currency={row.currency} cell="gross" />
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="report-subheading">{m.reports.distributorTotals}</h3>
          <table className="grid report-table" data-testid="distributor-totals">
            <caption className="sr-only">{m.reports.distributorTotalsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{c.film}</th>
                <FigureColumnHeadings headings={[c.shows, c.admissions, c.gross]} />
              </tr>
            </thead>
            <tbody>
              {report.totals.map((row) => (
                <tr key={row.filmId} data-film-id={row.filmId}>
                  <th scope="row" className="cell-title">
                    {row.title}
                  </th>
                  <td className="cell-figure">{row.shows}</td>
                  <td className="cell-figure">{row.admissions}</td>
                  <MoneyCell minor={row.gross} currency={row.currency} cell="gross" />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function ReportsView() {
  const m = useManagerMessages();
  const id = useId();
  const report = useManager((s) => s.report);
  const filmReport = useManager((s) => s.filmReport);
  const loading = useManager((s) => s.reportLoading);
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-reports" aria-labelledby={`${id}-h`} data-view="reports" aria-busy={loading || undefined}>
      <ViewHead headingId={`${id}-h`} heading={m.reports.heading} sub={m.reports.subheading} />
      <RangeForm />
      {report === null ? <p className="pane-empty">{loading ? m.reports.loading : ''}</p> : <ReportBody report={report} />}
      {report !== null && filmReport !== null && <DistributorReport report={filmReport} range={report} />}
    </main>
  );
}
