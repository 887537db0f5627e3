// The counter's paper, 80 mm (lib/paper.ts): the ticket a guest keeps (code, QR, show, party)
// and the receipt of what was paid (theatre, items, total, tendered, change, method, time,
// device, the ticket's QR). Shared by the Sell screen's done step and a ticket's Reprint: the
// caller passes what it knows; a receipt without a payment leaves the money lines out.
// Print-only: on screen the done step shows the code, QR and change in its own large type.
import type { PartyItem } from '../../../../main/common/schemas';
import { formatTicketCode, ticketQrText } from '../../../../main/common/ticket-code';
import { QrCode } from '../../shared/components/QrCode';
import { formatMoney } from '../../shared/lib/money';
import { formatClock, formatDate, formatPrintedWhen, wallNow } from '../../shared/lib/show-time';
import type { PaperKind } from '../lib/paper';
import { useManager, useManagerMessages } from '../store/context';

export interface PaperPayment {
  method: 'cash' | 'card' | 'comp';
  /** Cash handed over (null: card, comp, or not said). */
  tendered: number | null;
  change: number;
  reference: string | null;
}

export interface CounterPaperProps {
  kind: PaperKind;
  ticketId: number;
  ticketCode: string;
  title: string | null;
  screenName: string | null;
  showTime: string;
  userName: string;
  items: readonly PartyItem[];
  total: number;
  currency: string;
  payment: PaperPayment | null;
  /** When it was sold or reprinted (ISO), and by which device. */
  at: string;
  device: string | null;
}

export function CounterPaper(props: CounterPaperProps) {
  const m = useManagerMessages();
  const timeZone = useManager((s) => s.timeZone);
  const money = (minor: number) => formatMoney(minor, props.currency, m.localeTag);
  const code = formatTicketCode(props.ticketCode.replace(/-/g, ''));
  const r = m.receipt;
  // The theatre's wall clock at the sale: its zone when known, else the show time's offset (a browser is told no zone).
  const soldWall = wallNow(Date.parse(props.at), timeZone, props.showTime);
  const soldAt = `${formatDate(soldWall, m.localeTag)} ${formatClock(soldWall, m.localeTag)}`;
  const rows: Array<[string, string]> = [
    [r.show, `${props.title ?? m.untitled} · ${formatPrintedWhen(props.showTime, timeZone, m.localeTag)}`],
    ...(props.screenName ? [[r.screen, props.screenName] as [string, string]] : []),
  ];
  return (
    <article className="counter-paper print-only" data-kind={props.kind}>
      <p className="paper-theatre">
        <strong>{m.appName}</strong> · {r.theatre}
      </p>
      {props.kind === 'receipt' && <p className="paper-heading">{r.heading}</p>}
      <p className="paper-code">{code}</p>
      <dl className="paper-rows">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {props.kind === 'ticket' && (
          <div>
            <dt>{r.name}</dt>
            <dd>{props.userName}</dd>
          </div>
        )}
      </dl>
      <ul className="paper-items">
        {props.items.map((item) => (
          <li key={item.ticketTypeId}>
            <span>{r.item(item.count, item.name, money(item.unitPrice))}</span>
            {props.kind === 'receipt' && <span>{money(item.count * item.unitPrice)}</span>}
          </li>
        ))}
      </ul>
      <dl className="paper-rows paper-money">
        <div className="paper-total">
          <dt>{r.total}</dt>
          <dd>{money(props.total)}</dd>
        </div>
        {props.payment && (
          <div>
            <dt>{r.method}</dt>
            <dd>{r.methods[props.payment.method]}</dd>
          </div>
        )}
        {props.kind === 'receipt' && props.payment?.tendered != null && (
          <>
            <div>
              <dt>{r.tendered}</dt>
              <dd>{money(props.payment.tendered)}</dd>
            </div>
            <div>
              <dt>{r.change}</dt>
              <dd>{money(props.payment.change)}</dd>
            </div>
          </>
        )}
        {props.kind === 'receipt' && props.payment?.reference && (
          <div>
            <dt>{r.reference}</dt>
            <dd>{props.payment.reference}</dd>
          </div>
        )}
        {props.kind === 'receipt' && (
          <>
            <div>
              <dt>{r.time}</dt>
              <dd>{soldAt}</dd>
            </div>
            {props.device && (
              <div>
                <dt>{r.device}</dt>
                <dd>{props.device}</dd>
              </div>
            )}
          </>
        )}
      </dl>
      <div className="paper-qr">
        <QrCode text={ticketQrText(code.replace(/-/g, ''))} label={m.sell.qrAlt(code)} size={150} />
      </div>
      <p className="paper-ticket-id">
        {r.ticket} {props.ticketId}
      </p>
    </article>
  );
}
