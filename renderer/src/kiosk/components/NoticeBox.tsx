// The store's current notice (sold out, expired, not found, ...) in plain words (NoticeBox, read
// above), and the one action that helps — book the suggested show instead, or pick another —
// in the reach zone below (NoticeActions).
import { useNow } from '../../shared/hooks/useNow';
import { momentOf } from '../../shared/lib/show-time';
import { showLabel } from '../../shared/lib/shows';
import { useWhen } from '../hooks/useWhen';
import type { Messages } from '../i18n';
import { useActions, useKiosk, useMessages } from '../store/context';
import type { Notice } from '../store/kiosk-store';

export const showTitle = (m: Messages, title: string | null) => title ?? m.show.untitled;
/** "Casablanca · Screen 2": a show as the guest picks it, where several screens play. */
export const showName = (m: Messages, show: { title: string | null; screenName?: string | null }) => showLabel(show, m.show.untitled);

type SimpleNotice = Exclude<Notice, { kind: 'housefull' | 'expired' | 'ticketCancelled' }>;

function simpleText(m: Messages, notice: SimpleNotice): string {
  switch (notice.kind) {
    case 'fewSeats':
      return m.party.fewSeats(notice.seatsLeft);
    case 'quotaFull':
      return notice.atCounter ? m.party.askAtCounter(notice.name) : m.party.quotaFull(notice.name, notice.left);
    case 'typeGone':
      return m.party.typeGone(notice.name);
    case 'emptyParty':
      return m.party.empty;
    case 'gaveBack':
      return m.giveBack.done(notice.released);
    case 'notFound':
      return m.lookup.notFound;
    case 'ticketExpired':
      return m.myTicket.expired;
    case 'rateLimited':
      return m.notices.rateLimited;
    case 'reconnected':
      return m.notices.reconnected;
    case 'printFailed':
      return m.ticket.printFailed;
    case 'error':
      return m.notices.error;
  }
}

/** "cancelled today at 7:05 PM" / "on March 3 at 7:05 PM", in the theatre's clock. */
function cancelledText(m: Messages, cancelledAt: string | null, timeZone: string | undefined, nowMs: number): string {
  const at = cancelledAt === null ? null : momentOf(cancelledAt, nowMs, timeZone, m.localeTag);
  return at === null ? m.lookup.cancelledUnknown : m.lookup.cancelled(at.day, at.clock);
}

export function NoticeBox() {
  const m = useMessages();
  const notice = useKiosk((s) => s.notice);
  const when = useWhen();
  const timeZone = useKiosk((s) => s.timeZone);
  const now = useNow();
  if (notice === null) return null;

  if (notice.kind === 'ticketCancelled') {
    const { screening } = notice;
    return (
      <div className="notice notice-warn" role="alert" data-notice={notice.kind} data-screening-cancelled={screening !== null}>
        <p className="notice-title">{screening ? m.lookup.screeningCancelled(screening.reason) : cancelledText(m, notice.cancelledAt, timeZone, now)}</p>
        <p>{screening ? m.lookup.screeningCancelledHelp : m.lookup.cancelledHelp}</p>
      </div>
    );
  }

  if (!('suggestion' in notice)) {
    const tone = notice.kind === 'reconnected' || notice.kind === 'gaveBack' ? 'notice-info' : 'notice-warn';
    return (
      <div className={`notice ${tone}`} role="alert" data-notice={notice.kind}>
        <p>{simpleText(m, notice)}</p>
      </div>
    );
  }

  return (
    <div className="notice notice-warn" role="alert" data-notice={notice.kind}>
      <p className="notice-title">{notice.kind === 'housefull' ? m.notices.housefull : m.notices.expired}</p>
      <p>{notice.suggestion ? m.notices.suggestion(`${showName(m, notice.suggestion)} · ${when(notice.suggestion.showTime)}`) : m.notices.noSuggestion}</p>
    </div>
  );
}

/** The buttons of a sold-out or too-late notice, where the guest can reach them. */
export function NoticeActions() {
  const m = useMessages();
  const notice = useKiosk((s) => s.notice);
  const screen = useKiosk((s) => s.screen);
  const { takeSuggestion, goTo } = useActions();
  if (notice === null || (notice.kind !== 'housefull' && notice.kind !== 'expired')) return null;
  return (
    <div className="notice-actions" data-testid="notice-actions">
      {notice.suggestion ? (
        <>
          <button type="button" className="button button-primary" onClick={() => void takeSuggestion()}>
            {m.notices.takeSuggestion}
          </button>
          <button type="button" className="button button-secondary" onClick={() => goTo(screen === 'move' ? 'move' : 'start')}>
            {m.notices.pickAnother}
          </button>
        </>
      ) : (
        <button type="button" className="button button-secondary" onClick={() => void takeSuggestion()}>
          {m.notices.pickAnother}
        </button>
      )}
    </div>
  );
}
