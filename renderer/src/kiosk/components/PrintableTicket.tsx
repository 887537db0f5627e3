// The ticket as guests keep it: code, QR, show, name and the party it admits ("2 × Adult,
// 2 × Child") with its total, to pay at the counter (the kiosk takes no payments). On screen it is the ticket card; on
// paper (kiosk.css, @media print) it is an 80 mm thermal receipt, the printers lobby kiosks have,
// on the page main/common/ticket-paper.ts sizes. The show's day is relative on screen ("Today")
// and a date on paper, which is read the next day too; CSS shows the one for the medium.
import type { PartyItem } from '../../../../main/common/schemas';
import { formatTicketCode, ticketQrText } from '../../../../main/common/ticket-code';
import { DetailList } from '../../shared/components/DetailList';
import { useMessages } from '../store/context';
import { QrCode } from '../../shared/components/QrCode';
import { useMoney, usePartyText } from '../hooks/useMoney';
import { usePrintedWhen, useWhen } from '../hooks/useWhen';
import { showTitle } from './NoticeBox';

export interface PrintableTicketProps {
  ticketId: number;
  ticketCode: string;
  /** The show's title (null: untitled) and its ISO time. */
  title: string | null;
  /** Its screen (null: not known, e.g. a show no longer listed). */
  screenName: string | null;
  showTime: string;
  userName: string;
  /** The seats this one code admits, by ticket type. */
  items: readonly PartyItem[];
  /** What they cost, in minor units of `currency` (null: not known, the total is left out). */
  total: number;
  currency: string | null;
  compact?: boolean;
}

export function PrintableTicket({ ticketId, ticketCode, title, screenName, showTime, userName, items, total, currency, compact = false }: PrintableTicketProps) {
  const m = useMessages();
  const money = useMoney();
  const partyText = usePartyText();
  const when = useWhen();
  const printedWhen = usePrintedWhen();
  const show = showTitle(m, title);
  const code = formatTicketCode(ticketCode.replace(/-/g, ''));
  return (
    // Focusable: on a screen too short for a party's ticket the page scrolls, and a keyboard or
    // switch user reaches the rows below by moving focus here (WCAG 2.1.1).
    <article className={`ticket printable-ticket${compact ? ' ticket-compact' : ''}`} aria-label={`${m.ticket.code} ${code}`} tabIndex={0}>
      <div className="ticket-main">
        <p className="ticket-number-label">{m.ticket.code}</p>
        <p className="ticket-number ticket-code" data-testid="ticket-code">
          {code}
        </p>
        <DetailList
          items={[
            {
              label: m.ticket.show,
              value: (
                <>
                  <span className="ticket-on-screen">{`${show} · ${when(showTime)}`}</span>
                  <span className="ticket-on-paper">
                    {`${show} · `}
                    <span className="ticket-when">{printedWhen(showTime)}</span>
                  </span>
                </>
              ),
            },
            ...(screenName === null ? [] : [{ label: m.ticket.screen, value: screenName }]),
            { label: m.ticket.name, value: userName },
            { label: m.ticket.party, value: <span data-testid="ticket-party">{partyText(items)}</span> },
            ...(total > 0 && currency !== null
              ? [{ label: m.ticket.total, value: <span data-testid="ticket-total">{`${money(total, currency)} · ${m.ticket.toPay}`}</span> }]
              : []),
            { label: m.ticket.number, value: String(ticketId) },
          ]}
        />
      </div>
      <div className="ticket-stub">
        <QrCode text={ticketQrText(code.replace(/-/g, ''))} label={m.ticket.qrAlt(ticketId)} />
      </div>
    </article>
  );
}
