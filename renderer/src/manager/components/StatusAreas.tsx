// The page's calm messages: the outage banner (reads retry by themselves), the last problem
// (an alert, dismissable) and the last success (announced politely).
import { useEffect } from 'react';
import { Banner } from '../../shared/components/Banner';
import type { ManagerMessages } from '../i18n';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import type { Done, Notice } from '../store/manager-store';
import { useTimes, type Times } from '../hooks/useTimes';

export function OutageBanner() {
  const m = useManagerMessages();
  const outage = useManager((s) => s.outage);
  return <Banner show={outage} title={m.outage.title} body={m.outage.body} className="mgr-banner" />;
}

const noticeText = (m: ManagerMessages, notice: Notice): string => m.notices[notice.kind];

function doneText(m: ManagerMessages, done: Done, t: Times): string {
  switch (done.kind) {
    case 'showCreated':
      return m.done.showCreated(done.title ?? m.untitled, t.when(done.showTime));
    case 'showUpdated':
      return m.done.showUpdated(done.title ?? m.untitled, t.when(done.showTime));
    case 'showDeleted':
      return m.done.showDeleted(done.title ?? m.untitled, t.when(done.showTime));
    case 'moved':
      return m.done.moved(done.ticketId, t.when(done.showTime));
    case 'cancelled':
      return m.done.cancelled(done.ticketId);
    case 'revoked':
      return m.done.revoked[done.outcome](done.label);
    case 'screenSaved':
      return m.done.screenSaved(done.name);
    case 'screenDeleted':
      return m.done.screenDeleted(done.name);
    case 'filmSaved':
      return m.done.filmSaved(done.title);
    case 'programmed':
      return m.done.programmed(done.count);
    case 'rescheduled':
      return m.done.rescheduled(done.title ?? m.untitled, t.when(done.showTime), done.movedTickets);
    case 'ticketTypeSaved':
    case 'ticketTypeDeleted':
    case 'ticketTypeMoved':
    case 'ticketTypeActivated':
    case 'ticketTypeDeactivated':
    case 'ticketTypeDefault':
      return m.done[done.kind](done.name);
  }
}

export function Messages() {
  const m = useManagerMessages();
  const notice = useManager((s) => s.notice);
  const done = useManager((s) => s.done);
  const { dismissNotice, dismissDone } = useManagerActions();
  const t = useTimes();
  useEffect(() => {
    if (done === null) return;
    const timer = setTimeout(dismissDone, 8000);
    return () => clearTimeout(timer);
  }, [done, dismissDone]);
  return (
    <div className="mgr-messages">
      <div role="alert" className="mgr-message-slot">
        {notice && (
          <div className={`mgr-message mgr-message-${notice.kind === 'reconnected' ? 'info' : 'warn'}`} data-notice={notice.kind}>
            <span className="mgr-message-icon" aria-hidden="true">
              {notice.kind === 'reconnected' ? 'ℹ' : '!'}
            </span>
            <p>{noticeText(m, notice)}</p>
            <button type="button" className="button button-ghost button-small" onClick={dismissNotice}>
              {m.notices.dismiss}
            </button>
          </div>
        )}
      </div>
      <div role="status" className="mgr-message-slot">
        {done && (
          <div className="mgr-message mgr-message-ok" data-done={done.kind}>
            <span className="mgr-message-icon" aria-hidden="true">
              ✓
            </span>
            <p>{doneText(m, done, t)}</p>
            <button type="button" className="button button-ghost button-small" onClick={dismissDone}>
              {m.notices.dismiss}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
