import { PrintableTicket } from '../components/PrintableTicket';
import { ScreenLayout } from '../components/ScreenLayout';
import { useKiosk, useMessages } from '../store/context';
import { TicketFooter } from './buttons';

export function TicketScreen() {
  const m = useMessages();
  const ticket = useKiosk((s) => s.ticket);
  if (ticket === null) return null;
  return (
    <ScreenLayout
      name="ticket"
      title={ticket.moved ? m.ticket.moved : m.ticket.heading}
      subtitle={m.ticket.hint}
      footer={<TicketFooter />}
    >
      <PrintableTicket
        ticketId={ticket.ticketId}
        ticketCode={ticket.ticketCode}
        title={ticket.title}
        screenName={ticket.screenName}
        showTime={ticket.showTime}
        userName={ticket.userName}
        items={ticket.items}
        total={ticket.total}
        currency={ticket.currency}
      />
    </ScreenLayout>
  );
}
