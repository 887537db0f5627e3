// One ticket: its guest and show, its audit trail as a timeline, and the two staff actions.
import { useEffect, useId, useRef } from 'react';
import { mayRun, type OperationName } from '../../../../main/common/operations';
import type { AuditEvent } from '../../../../main/common/schemas';
import { DetailList } from '../../shared/components/DetailList';
import { sameInstant } from '../../shared/lib/show-time';
import type { ManagerMessages } from '../i18n';
import { useTimes, type Times } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { formatMoney } from '../../shared/lib/money';
import { partyLine } from '../lib/party';
import { TicketCounter } from './TicketCounter';

function eventText(m: ManagerMessages, event: AuditEvent, t: Times): string {
  switch (event.kind) {
    case 'booked':
      return event.showTime ? m.ticket.events.booked(t.when(event.showTime)) : m.ticket.states.active;
    case 'moved':
      if (event.showTime && event.fromShowTime) return m.ticket.events.moved(t.when(event.fromShowTime), t.when(event.showTime));
      return event.showTime ? m.ticket.events.movedTo(t.when(event.showTime)) : m.ticket.events.movedTo(m.ticket.unknown);
    case 'cancelled':
      return m.ticket.events.cancelled;
    case 'expired':
      return m.ticket.events.expired;
    case 'removed':
      return m.ticket.events.removed;
    case 'checked_in':
      return m.ticket.events.checkedIn;
    case 'checkin_undone':
      return m.ticket.events.checkinUndone;
    case 'released':
      return m.ticket.events.released;
    case 'unpaid_released':
      return m.ticket.events.unpaidReleased;
  }
}

export function TicketPanel() {
  const m = useManagerMessages();
  const id = useId();
  const ticket = useManager((s) => s.ticket);
  const busy = useManager((s) => s.busy);
  const currency = useManager((s) => s.currency);
  const view = useManager((s) => s.view);
  const role = useManager((s) => s.deviceRole);
  // What this device's role may do (Electron's window, with no role yet, is the manager): a button
  // the server would refuse is not shown, and a read it would refuse is not sent.
  const may = (name: OperationName) => role === null || mayRun(role, name);
  const { backToRoster, askMove, askCancel, undoCheckIn } = useManagerActions();
  const t = useTimes();
  const heading = useRef<HTMLHeadingElement>(null);
  const ticketId = ticket?.ticketId;
  useEffect(() => heading.current?.focus(), [ticketId]);
  const row = ticket?.row ?? null;
  // A cancelled ticket found by number has no row: its last known show and who held it come
  // from the history (every audit event names the guest of the ticket then).
  const showTime = row?.showTime ?? ticket?.history?.findLast((e) => e.showTime !== null)?.showTime ?? null;
  const holder = row ?? ticket?.history?.at(-1) ?? null;
  const title = useShowTitle(showTime);
  if (ticket === null) return null;
  const state = ticket.state;

  return (
    <section className="pane pane-detail" aria-labelledby={`${id}-heading`} data-panel="ticket" data-ticket-state={state}>
      <div className="pane-head">
        <button type="button" className="button button-ghost button-back" onClick={backToRoster}>
          <span aria-hidden="true">‹ </span>
          {view === 'find' ? m.find.back : m.ticket.back}
        </button>
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} data-testid="ticket-heading">
          {m.ticket.heading(ticket.ticketId)}
        </h2>
        <span className={`tag tag-state tag-${state}`}>{m.ticket.states[state]}</span>
      </div>
      <div className="pane-body ticket-body">
        <DetailList
          className="mgr-details"
          items={[
            { label: m.ticket.guest, value: holder?.userName ?? m.ticket.unknown },
            { label: m.ticket.phone, value: holder?.phoneNo ?? m.ticket.unknown },
            { label: m.ticket.show, value: showTime ? `${title} · ${t.when(showTime)}` : m.ticket.unknown },
            ...(row ? [{ label: m.party.party, value: partyLine({ ...row, total: 0 }, null, m) }] : []),
            ...(row && currency !== null ? [{ label: m.party.total, value: formatMoney(row.total, currency, m.localeTag) }] : []),
            ...(row?.checkedInAt ? [{ label: m.ticket.checkedInAt, value: m.ticket.checkedInValue(t.stamp(row.checkedInAt), row.checkedInBy ?? '?') }] : []),
          ]}
        />
        {state === 'active' && row && <TicketCounter ticketId={ticket.ticketId} row={row} title={title} />}
        {row?.checkedInAt && may('undoCheckIn') && (
          <div className="ticket-actions">
            <button type="button" className="button button-danger-outline" disabled={busy} onClick={() => void undoCheckIn()}>
              {m.ticket.undoCheckIn}
            </button>
          </div>
        )}
        {state === 'active' && (may('move') || may('cancel')) ? (
          <div className="ticket-actions">
            {may('move') && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy || Boolean(row?.checkedInAt)}
                aria-describedby={row?.checkedInAt ? 'ticket-move-after-undo' : undefined}
                onClick={askMove}
              >
                {m.ticket.move}
              </button>
            )}
            {may('cancel') && (
              <button type="button" className="button button-danger-outline" disabled={busy} onClick={askCancel}>
                {m.ticket.cancel}
              </button>
            )}
          </div>
        ) : null}
        {state === 'active' && row?.checkedInAt && may('move') && (
          <p className="mgr-note" id="ticket-move-after-undo">
            {m.ticket.moveAfterUndo}
          </p>
        )}
        {state === 'expired' || state === 'cancelled' ? (
          <p className="mgr-note">{m.ticket.readOnly[state]}</p>
        ) : null}

        {/* The audit trail is the manager's: a counter is not sent for it (store/ticket.ts). */}
        {may('ticketHistory') && <h3 className="section-heading">{m.ticket.history}</h3>}
        {!may('ticketHistory') ? null : ticket.history === null ? (
          <p className="pane-empty pane-empty-small">{m.ticket.historyLoading}</p>
        ) : ticket.history.length === 0 ? (
          <p className="pane-empty pane-empty-small">{m.ticket.historyEmpty}</p>
        ) : (
          <ol className="timeline" data-testid="ticket-history">
            {ticket.history.map((event) => (
              <li key={event.eventId} className={`timeline-item timeline-${event.kind}`} data-kind={event.kind}>
                <span className="timeline-dot" aria-hidden="true" />
                <div className="timeline-content">
                  <p className="timeline-text">{eventText(m, event, t)}</p>
                  <p className="timeline-meta">
                    <time dateTime={event.at}>{t.stamp(event.at)}</time> · {m.ticket.by(event.actor)}
                  </p>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function useShowTitle(showTime: string | null): string {
  const m = useManagerMessages();
  const title = useManager((s) => (showTime === null ? null : (s.shows.find((x) => sameInstant(x.showTime, showTime))?.title ?? null)));
  return title ?? m.untitled;
}
