// What the staff needs to help a guest at the desk, in the ticket panel (schedule and Find):
// the ticket's code and QR, what is due or paid, and Take payment, Refund, Reprint and Check in
// by hand. On paper (Reprint) the slip alone prints, on the 80 mm ticket page the kiosk uses
// (main/common/ticket-paper.ts), with the same QR a door scans.
import type { TicketRow } from '../../../../main/common/schemas';
import { formatTicketCode, ticketQrText } from '../../../../main/common/ticket-code';
import { QrCode } from '../../shared/components/QrCode';
import { formatMoney } from '../../shared/lib/money';
import { useTimes } from '../hooks/useTimes';
import { partyLine } from '../lib/party';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import type { MoneyOutcome } from '../store/find';
import { printSlip } from '../lib/print-slip';

function outcomeText(m: ReturnType<typeof useManagerMessages>, outcome: MoneyOutcome, money: (n: number) => string): string {
  const o = m.money.outcomes;
  switch (outcome.kind) {
    case 'paid':
      return o.paid(money(outcome.amount), outcome.method === 'cash' && outcome.change > 0 ? money(outcome.change) : null);
    case 'refunded':
      return o.refunded(money(outcome.amount), m.money[outcome.method]);
    case 'checkedIn':
      return o.checkedIn;
    case 'checkInRefused':
      return o[outcome.reason];
  }
}

export function TicketCounter({ ticketId, row, title }: { ticketId: number; row: TicketRow; title: string }) {
  const m = useManagerMessages();
  const t = useTimes();
  const busy = useManager((s) => s.busy);
  const currency = useManager((s) => s.currency);
  const outcome = useManager((s) => (s.moneyOutcome?.ticketId === ticketId ? s.moneyOutcome : null));
  const { askPay, askRefund, reprint, checkInByHand } = useManagerActions();
  const money = (minor: number) => (currency === null ? String(minor) : formatMoney(minor, currency, m.localeTag));
  const code = row.ticketCode ? formatTicketCode(row.ticketCode.replace(/-/g, '')) : null;
  const allIn = row.admitted >= row.seats;
  return (
    <div className="counter-ticket" data-testid="ticket-counter">
      {code !== null && (
        <div className="counter-code">
          <div>
            <p className="counter-code-label">{m.money.code}</p>
            <p className="counter-code-value" data-testid="ticket-code">
              {code}
            </p>
            <p className="counter-due" data-testid="ticket-due">
              {row.amountDue > 0 ? `${m.money.amountDue}: ${money(row.amountDue)}` : m.money.paidInFull}
              {row.refundable > 0 && row.amountDue === 0 ? ` · ${m.money.refundable}: ${money(row.refundable)}` : ''}
            </p>
          </div>
          <QrCode text={ticketQrText(code.replace(/-/g, ''))} label={m.money.qr(code)} size={120} />
        </div>
      )}
      {outcome && (
        <p className="counter-outcome" role="status" data-testid="money-outcome">
          {outcomeText(m, outcome, money)}
        </p>
      )}
      <div className="ticket-actions counter-actions">
        {row.amountDue > 0 && (
          <button type="button" className="button button-primary" disabled={busy} onClick={askPay}>
            {m.money.takePayment}
          </button>
        )}
        {row.refundable > 0 && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={askRefund}>
            {m.money.refund}
          </button>
        )}
        {code !== null && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void printSlip('ticket', reprint)}>
            {m.money.reprint}
          </button>
        )}
        {!allIn && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void checkInByHand()}>
            {m.money.checkIn}
          </button>
        )}
      </div>
      {code !== null && (
        // The reprinted ticket: only paper shows it (manager.css, html.print-slip).
        <article className="print-slip" aria-hidden="true">
          <QrCode text={ticketQrText(code.replace(/-/g, ''))} label="" size={160} />
          <p className="print-slip-code">{code}</p>
          <p>{`${title} · ${t.when(row.showTime)}`}</p>
          <p>{row.userName}</p>
          <p>{partyLine({ ...row, total: 0 }, null, m)}</p>
          {currency !== null && row.total > 0 && <p>{row.amountDue > 0 ? `${m.money.amountDue}: ${money(row.amountDue)}` : `${m.money.paidInFull}: ${money(row.total)}`}</p>
          }
          <p>#{ticketId}</p>
        </article>
      )}
    </div>
  );
}
