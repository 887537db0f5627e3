import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { DetailList } from '../../shared/components/DetailList';
import { showTitle } from '../components/NoticeBox';
import { ScreenLayout } from '../components/ScreenLayout';
import { useWhen } from '../hooks/useWhen';
import { sameInstant } from '../../shared/lib/show-time';
import { useActions, useKiosk, useMessages } from '../store/context';

export function MyTicketScreen() {
  const m = useMessages();
  const when = useWhen();
  const ticket = useKiosk((s) => s.guestTicket);
  const title = useKiosk((s) => (s.guestTicket ? (s.shows.find((x) => sameInstant(x.showTime, s.guestTicket!.showTime))?.title ?? null) : null));
  const confirming = useKiosk((s) => s.confirmation?.kind === 'cancel');
  const { goTo, askCancel, closeConfirmation, confirmCancel, startOver } = useActions();
  if (ticket === null) return null;
  return (
    <ScreenLayout
      name="myTicket"
      title={m.myTicket.heading}
      footer={
        <button type="button" className="button button-primary button-next" onClick={startOver}>
          {m.nav.done}
        </button>
      }
    >
      <article className="ticket ticket-compact">
        <div className="ticket-main">
          <p className="ticket-number-label">{m.ticket.number}</p>
          <p className="ticket-number">{ticket.ticketId}</p>
          <DetailList
            items={[
              { label: m.ticket.show, value: `${showTitle(m, title)} · ${when(ticket.showTime)}` },
              { label: m.ticket.name, value: ticket.userName },
            ]}
          />
          {ticket.isExpired && <p className="notice notice-warn">{m.myTicket.expired}</p>}
        </div>
      </article>
      {!ticket.isExpired && (
        <div className="choice-row">
          <button type="button" className="button button-secondary button-block" onClick={() => goTo('changeShow')}>
            {m.myTicket.change}
          </button>
          <button type="button" className="button button-danger-outline button-block" onClick={askCancel}>
            {m.myTicket.cancel}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={m.cancel.confirmTitle(ticket.ticketId)}
          body={m.cancel.confirmBody}
          yes={m.cancel.confirmYes}
          no={m.cancel.confirmNo}
          danger
          onYes={() => void confirmCancel()}
          onNo={closeConfirmation}
        />
      )}
    </ScreenLayout>
  );
}
