// The counter's Cash-up view (issue 22): a day's money per device — cash sales, refunds and what
// should be in the drawer, card, comps — and each drawer's close: "Count the drawer" takes the
// cash counted and the server records it with the difference (short, over or balanced, said in
// words and not by colour alone). A counter sees its own drawer, the manager every device's.
// The Z-report prints on the 80 mm roll and downloads as CSV.
import { useId } from 'react';
import { downloadText } from '../../shared/lib/csv';
import { formatMoney } from '../../shared/lib/money';
import { formatClock, formatDate, wallNow } from '../../shared/lib/show-time';
import { useTimes } from '../hooks/useTimes';
import { cashUpCsv, cashUpFileName } from '../lib/cashup-csv';
import { printSlip } from '../lib/print-slip';
import type { ManagerMessages } from '../i18n';
import type { CashUpDevice } from '../store/cashup';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { ViewHead } from './ViewHead';

/** The difference in words (and a class for its colour): short, over or balanced. */
export function differenceText(m: ManagerMessages, difference: number, money: (n: number) => string): { text: string; tone: 'ok' | 'short' | 'over' } {
  if (difference === 0) return { text: m.cashup.balanced, tone: 'ok' };
  return difference < 0 ? { text: m.cashup.short(money(-difference)), tone: 'short' } : { text: m.cashup.over(money(difference)), tone: 'over' };
}

function CloseCell({ device, money }: { device: CashUpDevice; money: (n: number) => string }) {
  const m = useManagerMessages();
  const t = useTimes();
  const busy = useManager((s) => s.busy);
  const { askCount } = useManagerActions();
  if (device.close === null) {
    return (
      <td>
        <button type="button" className="button button-secondary counter-target" disabled={busy} aria-label={m.cashup.countFor(device.device)} onClick={() => askCount(device)}>
          {m.cashup.count}
        </button>
      </td>
    );
  }
  const diff = differenceText(m, device.close.difference, money);
  return (
    <td>
      <span className="counter-counted">{money(device.close.counted)}</span>{' '}
      <span className={`counter-diff counter-diff-${diff.tone}`} data-testid="cashup-difference">
        {diff.text}
      </span>
      <span className="mgr-hint counter-closed-by">{m.cashup.closedBy(device.close.closedBy, t.stamp(device.close.closedAt))}</span>
    </td>
  );
}

function ZReport({ money }: { money: (n: number) => string }) {
  const m = useManagerMessages();
  const t = useTimes();
  const cashUp = useManager((s) => s.cashUp);
  const timeZone = useManager((s) => s.timeZone);
  // The theatre's clock: its zone when known, else a show time's offset (a browser is told no zone),
  // as the receipt does; not the ISO string of now, which would print in UTC.
  const sample = useManager((s) => s.shows[0]?.showTime);
  if (cashUp === null) return null;
  const printedWall = wallNow(t.now, timeZone, sample ?? cashUp.devices.find((d) => d.close !== null)?.close?.closedAt);
  const lines = (d: Pick<CashUpDevice, 'cash' | 'card' | 'comp'>) => [
    [m.cashup.cashSales, money(d.cash.sales)],
    [m.cashup.cashRefunds, money(d.cash.refunds)],
    [m.cashup.expected, money(d.cash.expected)],
    [m.cashup.cardSales, money(d.card.sales)],
    [m.cashup.cardRefunds, money(d.card.refunds)],
    [m.cashup.comps, String(d.comp.count)],
  ];
  return (
    <article className="print-slip print-slip-zreport" aria-hidden="true">
      <p className="print-slip-code">{m.cashup.zTitle(cashUp.day)}</p>
      {cashUp.devices.map((d) => (
        <section key={`${d.tokenId ?? ''}|${d.device}`}>
          <p className="print-slip-strong">{d.device}</p>
          <dl>
            {lines(d).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
            {d.close && (
              <div>
                <dt>{m.cashup.counted}</dt>
                <dd>{`${money(d.close.counted)} · ${differenceText(m, d.close.difference, money).text}`}</dd>
              </div>
            )}
          </dl>
        </section>
      ))}
      <p className="print-slip-strong">{m.cashup.totals}</p>
      <dl>
        {lines(cashUp.totals).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p>{m.cashup.printedAt(`${formatDate(printedWall, m.localeTag)} ${formatClock(printedWall, m.localeTag)}`)}</p>
    </article>
  );
}

export function CashUpView() {
  const m = useManagerMessages();
  const id = useId();
  const day = useManager((s) => s.cashUpDay);
  const cashUp = useManager((s) => s.cashUp);
  const loading = useManager((s) => s.cashUpLoading);
  const closed = useManager((s) => s.closed);
  const { setCashUpDay, printZReport } = useManagerActions();
  const currency = cashUp?.currency ?? 'USD';
  const money = (minor: number) => formatMoney(minor, currency, m.localeTag);
  const shown = cashUp !== null && cashUp.day === day ? cashUp : null;
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-devices counter-view" data-view="cashup" aria-labelledby={`${id}-h`}>
      <ViewHead headingId={`${id}-h`} heading={m.cashup.heading} sub={m.cashup.sub}>
        <div className="report-downloads">
          <button type="button" className="button button-secondary counter-target" disabled={shown === null} onClick={() => void printSlip('zreport', printZReport)}>
            {m.cashup.print}
          </button>
          <button
            type="button"
            className="button button-secondary counter-target"
            disabled={shown === null}
            onClick={() => shown && downloadText(cashUpFileName(shown.day), cashUpCsv(shown, m))}
          >
            {m.cashup.csv}
          </button>
        </div>
      </ViewHead>
      <div className="report-range">
        <label htmlFor={`${id}-day`}>{m.cashup.day}</label>
        <input id={`${id}-day`} type="date" className="mgr-input counter-target" value={day} onChange={(event) => setCashUpDay(event.target.value)} />
      </div>
      {closed && (
        <p className="counter-outcome" role="status" data-testid="cashup-closed">
          {(closed.already ? m.cashup.alreadyClosed : m.cashup.closedNow)(closed.close.device, differenceText(m, closed.close.difference, money).text)}
        </p>
      )}
      {shown === null ? (
        <p className="pane-empty" role="status">{loading ? m.cashup.loading : ''}</p>
      ) : shown.devices.length === 0 ? (
        <p className="pane-empty">{m.cashup.none}</p>
      ) : (
        <div className="report-table-wrap">
          <table className="grid report-table" data-testid="cashup-table">
            <caption className="sr-only">{m.cashup.heading}</caption>
            <thead>
              <tr>
                <th scope="col">{m.cashup.device}</th>
                <th scope="col">{m.cashup.cashSales}</th>
                <th scope="col">{m.cashup.cashRefunds}</th>
                <th scope="col">{m.cashup.expected}</th>
                <th scope="col">{m.cashup.cardSales}</th>
                <th scope="col">{m.cashup.cardRefunds}</th>
                <th scope="col">{m.cashup.comps}</th>
                <th scope="col">{m.cashup.counted}</th>
              </tr>
            </thead>
            <tbody>
              {shown.devices.map((d) => (
                <tr key={`${d.tokenId ?? ''}|${d.device}`}>
                  <th scope="row">{d.device}</th>
                  <td>{money(d.cash.sales)}</td>
                  <td>{money(d.cash.refunds)}</td>
                  <td>{money(d.cash.expected)}</td>
                  <td>{money(d.card.sales)}</td>
                  <td>{money(d.card.refunds)}</td>
                  <td>{d.comp.count}</td>
                  <CloseCell device={d} money={money} />
                </tr>
              ))}
            </tbody>
            {shown.devices.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{m.cashup.totals}</th>
                  <td>{money(shown.totals.cash.sales)}</td>
                  <td>{money(shown.totals.cash.refunds)}</td>
                  <td>{money(shown.totals.cash.expected)}</td>
                  <td>{money(shown.totals.card.sales)}</td>
                  <td>{money(shown.totals.card.refunds)}</td>
                  <td>{shown.totals.comp.count}</td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      <ZReport money={money} />
    </main>
  );
}
