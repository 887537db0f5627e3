// The footer buttons every step shares.
import { useActions, useKiosk, useMessages } from '../store/context';

export function BackButton({ onClick, label }: { onClick: () => void; label?: string }) {
  const m = useMessages();
  return (
    <button type="button" className="button button-secondary" onClick={onClick}>
      <span aria-hidden="true">‹ </span>
      {label ?? m.nav.back}
    </button>
  );
}

export function NextButton({ onClick, label }: { onClick: () => void; label: string }) {
  const busy = useKiosk((s) => s.busy);
  return (
    <button type="button" className="button button-primary button-next" disabled={busy} onClick={onClick}>
      {label}
    </button>
  );
}

/** A ticket's footer: print it (unless it can no longer be used), then done. */
export function TicketFooter({ canPrint = true }: { canPrint?: boolean }) {
  const m = useMessages();
  const { printTicket, startOver } = useActions();
  return (
    <>
      {canPrint && (
        <button type="button" className="button button-secondary" onClick={() => void printTicket()}>
          {m.ticket.print}
        </button>
      )}
      <button type="button" className="button button-primary button-next" onClick={startOver}>
        {m.nav.done}
      </button>
    </>
  );
}
