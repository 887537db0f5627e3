import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { PrintableTicket } from '../components/PrintableTicket';
import { ScreenLayout } from '../components/ScreenLayout';
import { useWhen } from '../hooks/useWhen';
import { useActions, useKiosk, useMessages } from '../store/context';
import { guestShow } from '../store/kiosk-store';
import { TicketFooter } from './buttons';

export function MyTicketScreen() {
  const m = useMessages();
  const when = useWhen();
  const ticket = useKiosk((s) => s.guestTicket);
  const show = useKiosk(guestShow);
  const confirming = useKiosk((s) => s.confirmation?.kind === 'cancel');
  const lookupCode = useKiosk((s) => s.inputs.lookupCode);
  const currency = useKiosk((s) => s.currency);
  const { goTo, askCancel, closeConfirmation, confirmCancel, openGiveBack } = useActions();
  if (ticket === null) return null;
  // Used at the door: the guest may still see and print it, but not change or cancel it.
  const used = ticket.checkedInAt !== null || ticket.checkedInBy !== null;
  return (
    <ScreenLayout
      name="myTicket"
      title={m.myTicket.heading}
      footer={<TicketFooter canPrint={!ticket.isExpired} />}
      controls={
        !ticket.isExpired &&
        !used && (
          <div className="choice-row">
            <button type="button" className="button button-secondary button-block" onClick={() => goTo('move')}>
              {m.myTicket.change}
            </button>
            {ticket.seats > 1 && (
              <button type="button" className="button button-secondary button-block" onClick={openGiveBack}>
                {m.myTicket.giveBack}
              </button>
            )}
            <button type="button" className="button button-danger-outline button-block" onClick={askCancel}>
              {m.myTicket.cancel}
            </button>
          </div>
        )
      }
    >
      <PrintableTicket
        ticketId={ticket.ticketId}
        ticketCode={ticket.ticketCode ?? lookupCode}
        title={show?.title ?? null}
        screenName={show?.screenName ?? null}
        showTime={ticket.showTime}
        userName={ticket.userName}
        items={ticket.items}
        total={ticket.total}
        currency={currency}
        compact
      />
      {ticket.isExpired && <p className="notice notice-warn">{m.myTicket.expired}</p>}
      {!ticket.isExpired && used && (
        <p className="notice notice-info" role="status" data-notice="usedAtDoor">
          {m.myTicket.usedAtDoor(ticket.checkedInAt ? when(ticket.checkedInAt) : null)}
        </p>
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
