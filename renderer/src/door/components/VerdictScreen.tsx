// The answer, full screen and readable at arm's length: a green ✓ with the guest's name and
// show, or a red ✗ with the reason (headed "Cancelled" for a cancelled ticket, with when), each
// ending with what to do. It is also spoken: both live regions are always in the page (a region
// added together with its text is often not read), a ✓ polite, a ✗ assertive. It stays until
// the next scan or "Next guest" (or the door's reset setting).
import { formatTicketCode, normalizeTicketCode } from '../../../../main/common/ticket-code';
import type { Messages } from '../i18n';
import type { Verdict } from '../store/door-store';
import { useDoorTimes } from '../hooks';
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

type Times = ReturnType<typeof useDoorTimes>;

function reasonText(m: Messages, verdict: Extract<Verdict, { kind: 'refused' }>, t: Times): string {
  const { details } = verdict;
  switch (verdict.reason) {
    case 'already': {
      const seats = Number(details.seats ?? '1');
      if (verdict.offline) return m.refused.alreadyHere(seats);
      const at = details.checkedInAt ? t.clock(details.checkedInAt) : '?';
      return seats > 1 ? m.refused.partyIn(seats, at, details.checkedInBy ?? '?') : m.refused.already(at, details.checkedInBy ?? '?');
    }
    case 'notOpen':
      return m.refused.notOpen(details.opensAt ? t.clock(details.opensAt) : '?');
    case 'cancelled': {
      if (details.screeningCancelledAt !== undefined) return m.refused.screeningCancelled(details.reason ?? null);
      const at = details.cancelledAt ? t.moment(details.cancelledAt) : null;
      return at === null ? m.refused.cancelledUnknown : m.refused.cancelled(at.day, at.clock);
    }
    case 'wrongEntrance':
      return m.refused.wrongEntrance(details.screenName ?? '?', details.screenNotes ?? null);
    case 'notPaid':
      return m.refused.notPaid(details.currency ? t.money(Number(details.amountDue ?? 0), details.currency) : details.amountDue ?? '?');
    case 'notInSnapshot':
      return m.refused.notInSnapshot(details.snapshotAt ? t.clock(details.snapshotAt) : null);
    default:
      return m.refused[verdict.reason];
  }
}

function Admitted({ verdict }: { verdict: Extract<Verdict, { kind: 'ok' }> }) {
  const m = useDoorMessages();
  const t = useDoorTimes();
  const { checkIn } = verdict;
  return (
    <>
      <p className="door-verdict-heading">{m.ok.heading}</p>
      <p className="door-verdict-name" data-testid="verdict-name">{checkIn.userName}</p>
      <p className="door-verdict-screen" data-testid="verdict-screen">{checkIn.screenName}</p>
      {checkIn.seats > 1 && (
        <p className="door-verdict-party" data-testid="verdict-party">
          {m.ok.party(checkIn.admittedNow, checkIn.admittedNow === checkIn.seats ? checkIn.items.map((i) => `${i.count} ${i.name}`) : [])}
          {checkIn.admitted > checkIn.admittedNow && <> · {m.ok.alreadyIn(checkIn.admitted - checkIn.admittedNow, checkIn.seats)}</>}
        </p>
      )}
      <p className="door-verdict-detail">{m.ok.show(checkIn.title ?? t.untitled, t.when(checkIn.showTime))}</p>
      {verdict.offline && <p className="door-verdict-offline" data-testid="verdict-offline">{m.ok.offline}</p>}
      <p className="door-verdict-todo">{m.ok.todo}</p>
    </>
  );
}

function Refused({ verdict }: { verdict: Extract<Verdict, { kind: 'refused' }> }) {
  const m = useDoorMessages();
  const t = useDoorTimes();
  return (
    <>
      <p className="door-verdict-heading" data-testid="verdict-heading">{verdict.reason === 'cancelled' ? m.refused.cancelledHeading : m.refused.heading}</p>
      <p className="door-verdict-reason" data-testid="verdict-reason">{reasonText(m, verdict, t)}</p>
      <p className="door-verdict-code">{normalizeTicketCode(verdict.code) ? formatTicketCode(verdict.code) : verdict.code}</p>
      <p className="door-verdict-todo">{m.refused.todo}</p>
    </>
  );
}

export function VerdictScreen() {
  const m = useDoorMessages();
  const verdict = useDoor((s) => s.verdict);
  const { dismiss } = useDoorActions();
  return (
    <div
      className={verdict ? `door-verdict door-verdict-${verdict.kind}` : 'door-verdict-slot'}
      data-verdict={verdict?.kind}
      data-reason={verdict?.kind === 'refused' ? verdict.reason : undefined}
      data-offline={verdict?.offline ? 'true' : undefined}
    >
      {verdict && (
        <span className="door-verdict-mark" aria-hidden="true">
          {verdict.kind === 'ok' ? '✓' : '✗'}
        </span>
      )}
      <div role="status" aria-live="polite" aria-atomic="true" className="door-verdict-live">
        {verdict?.kind === 'ok' && <Admitted verdict={verdict} />}
      </div>
      <div role="alert" aria-live="assertive" aria-atomic="true" className="door-verdict-live">
        {verdict?.kind === 'refused' && <Refused verdict={verdict} />}
      </div>
      {verdict && (
        <button type="button" className="door-verdict-next" onClick={dismiss}>
          {m.next}
        </button>
      )}
    </div>
  );
}
