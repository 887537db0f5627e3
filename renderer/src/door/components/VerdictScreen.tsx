// The answer, full screen and readable at arm's length: a green ✓ with the guest's name and
// show, or a red ✗ with the reason (headed "Cancelled" for a cancelled ticket, with when). A
// tap (or the timer) brings the scanner back.
import { formatTicketCode, normalizeTicketCode } from '../../../../main/common/ticket-code';
import type { Messages } from '../i18n';
import type { Verdict } from '../store/door-store';
import { useDoorTimes } from '../hooks';
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

type Times = ReturnType<typeof useDoorTimes>;

function reasonText(m: Messages, verdict: Extract<Verdict, { kind: 'refused' }>, t: Times): string {
  const { details } = verdict;
  switch (verdict.reason) {
    case 'already':
      return m.refused.already(details.checkedInAt ? t.clock(details.checkedInAt) : '?', details.checkedInBy ?? '?');
    case 'notOpen':
      return m.refused.notOpen(details.opensAt ? t.clock(details.opensAt) : '?');
    case 'cancelled': {
      if (details.screeningCancelledAt !== undefined) return m.refused.screeningCancelled(details.reason ?? null);
      const at = details.cancelledAt ? t.moment(details.cancelledAt) : null;
      return at === null ? m.refused.cancelledUnknown : m.refused.cancelled(at.day, at.clock);
    }
    default:
      return m.refused[verdict.reason];
  }
}

export function VerdictScreen() {
  const m = useDoorMessages();
  const t = useDoorTimes();
  const verdict = useDoor((s) => s.verdict);
  const { dismiss } = useDoorActions();
  return (
    <div className="door-verdict-slot" role="alert" aria-live="assertive">
      {verdict && (
        <button
          type="button"
          className={`door-verdict door-verdict-${verdict.kind}`}
          data-verdict={verdict.kind}
          data-reason={verdict.kind === 'refused' ? verdict.reason : undefined}
          onClick={dismiss}
          aria-label={m.next}
        >
          <span className="door-verdict-mark" aria-hidden="true">
            {verdict.kind === 'ok' ? '✓' : '✗'}
          </span>
          {verdict.kind === 'ok' ? (
            <>
              <span className="door-verdict-heading">{m.ok.heading}</span>
              <span className="door-verdict-name" data-testid="verdict-name">{verdict.checkIn.userName}</span>
              <span className="door-verdict-screen" data-testid="verdict-screen">{verdict.checkIn.screenName}</span>
              <span className="door-verdict-detail">{m.ok.show(verdict.checkIn.title ?? t.untitled, t.when(verdict.checkIn.showTime))}</span>
            </>
          ) : (
            <>
              <span className="door-verdict-heading" data-testid="verdict-heading">{verdict.reason === 'cancelled' ? m.refused.cancelledHeading : m.refused.heading}</span>
              <span className="door-verdict-reason" data-testid="verdict-reason">{reasonText(m, verdict, t)}</span>
              <span className="door-verdict-code">{normalizeTicketCode(verdict.code) ? formatTicketCode(verdict.code) : verdict.code}</span>
            </>
          )}
          <span className="door-verdict-next">{m.next}</span>
        </button>
      )}
    </div>
  );
}
