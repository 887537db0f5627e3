import { DetailList } from '../../shared/components/DetailList';
import { showTitle } from '../components/NoticeBox';
import { QrCode } from '../components/QrCode';
import { ScreenLayout } from '../components/ScreenLayout';
import { useWhen } from '../hooks/useWhen';
import { useActions, useKiosk, useMessages } from '../store/context';

export function TicketScreen() {
  const m = useMessages();
  const when = useWhen();
  const ticket = useKiosk((s) => s.ticket);
  const { printTicket, startOver } = useActions();
  if (ticket === null) return null;
  return (
    <ScreenLayout
      name="ticket"
      title={ticket.moved ? m.ticket.moved : m.ticket.heading}
      subtitle={m.ticket.hint}
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={() => void printTicket()}>
            {m.ticket.print}
          </button>
          <button type="button" className="button button-primary button-next" onClick={startOver}>
            {m.nav.done}
          </button>
        </>
      }
    >
      <article className="ticket" aria-label={`${m.ticket.number} ${ticket.ticketId}`}>
        <div className="ticket-main">
          <p className="ticket-number-label">{m.ticket.number}</p>
          <p className="ticket-number" data-testid="ticket-number">
            {ticket.ticketId}
          </p>
          <DetailList
            items={[
              { label: m.ticket.show, value: `${showTitle(m, ticket.title)} · ${when(ticket.showTime)}` },
              { label: m.ticket.name, value: ticket.userName },
            ]}
          />
        </div>
        <div className="ticket-stub">
          <QrCode text={String(ticket.ticketId)} label={m.ticket.qrAlt(ticket.ticketId)} />
        </div>
      </article>
    </ScreenLayout>
  );
}
