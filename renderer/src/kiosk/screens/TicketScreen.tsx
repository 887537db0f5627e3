import { PrintableTicket } from '../components/PrintableTicket';
import { ScreenLayout } from '../components/ScreenLayout';
import { useActions, useKiosk, useMessages } from '../store/context';

export function TicketScreen() {
  const m = useMessages();
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
      <PrintableTicket
        ticketId={ticket.ticketId}
        ticketCode={ticket.ticketCode}
        title={ticket.title}
        showTime={ticket.showTime}
        userName={ticket.userName}
      />
    </ScreenLayout>
  );
}
