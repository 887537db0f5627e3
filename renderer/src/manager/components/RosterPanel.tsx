// The roster of the selected show: every ticket with its guest, phone, expired flag and,
// once scanned at the door, when and by which door it was checked in. It downloads as CSV and
// prints on its own (manager.css, @media print) as a black-on-white list under the show's
// title and full date.
import { useId } from 'react';
import { downloadText } from '../../shared/lib/csv';
import { rosterCsv, rosterFileName } from '../lib/report-csv';
import { showName } from '../lib/show-name';
import { useTimes } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { CapacityBar } from './CapacityBar';
import { TicketTable } from './TicketTable';

export function RosterPanel() {
  const m = useManagerMessages();
  const id = useId();
  const show = useManager((s) => (s.selectedShowId === null ? undefined : s.shows.find((x) => x.showId === s.selectedShowId)));
  const showTime = show?.showTime ?? null;
  const roster = useManager((s) => s.roster);
  const timeZone = useManager((s) => s.timeZone);
  const currency = useManager((s) => s.currency);
  const { openEditShow, askDeleteShow, openReschedule, openCancelShow } = useManagerActions();
  const t = useTimes();
  const title = show ? showName(show, m.untitled) : m.untitled;
  const cancelled = show !== undefined && show.cancelledAt !== null;
  const changeable = show !== undefined && !cancelled && !show.isExpired;

  return (
    <section className="pane pane-detail" aria-labelledby={`${id}-heading`} data-panel="roster">
      <div className="pane-head">
        <div className="pane-titles">
          <h2 id={`${id}-heading`}>
            {m.roster.heading}
            {showTime !== null && <span className="pane-heading-extra"> · {title}</span>}
          </h2>
          {showTime !== null && (
            <p className="pane-sub">
              {t.when(showTime)}
              {show && <> · {show.screenName}</>}
              {roster !== null && <> · {m.roster.count(roster.length)}</>}
            </p>
          )}
          {showTime !== null && (
            <p className="print-only roster-print-when">
              {t.full(showTime)}
              {show && <> · {show.screenName}</>}
              {roster !== null && <> · {m.roster.count(roster.length)}</>}
            </p>
          )}
        </div>
        {cancelled && (
          <p className="mgr-message mgr-message-warn mgr-message-inline roster-cancelled" data-testid="show-cancelled">
            {m.roster.cancelled(show.cancelReason ?? '')}
          </p>
        )}
        {show && !cancelled && (
          <div className="pane-head-bar">
            <CapacityBar booked={show.booked} capacity={show.capacity} />
          </div>
        )}
        {show && (
          <div className="pane-head-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={roster === null}
              onClick={() => roster !== null && downloadText(rosterFileName(show.showTime, timeZone), rosterCsv(roster, m, timeZone, currency))}
            >
              {m.roster.csv}
            </button>
            <button type="button" className="button button-secondary" onClick={() => window.print()}>
              {m.roster.print}
            </button>
            {changeable && (
              <button type="button" className="button button-secondary" onClick={() => openReschedule(show)}>
                {m.roster.reschedule}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => openEditShow(show)}>
              {m.editShow.edit}
            </button>
            {changeable && (
              <button type="button" className="button button-danger-outline" onClick={() => openCancelShow(show)}>
                {m.roster.cancelScreening}
              </button>
            )}
            <button type="button" className="button button-danger-outline" onClick={() => askDeleteShow(show)}>
              {m.editShow.delete}
            </button>
          </div>
        )}
      </div>
      <div className="pane-body">
        {showTime === null ? (
          <p className="pane-empty">{m.roster.pick}</p>
        ) : roster === null ? (
          <p className="pane-empty">{m.roster.loading}</p>
        ) : roster.length === 0 ? (
          <p className="pane-empty">{m.roster.empty}</p>
        ) : (
          <TicketTable
            rows={roster}
            caption={m.roster.caption(title, t.when(showTime))}
            lastHeading={m.roster.status}
            lastCell={(row) => (
              <>
                <span className={`tag ${row.isExpired ? 'tag-muted' : 'tag-ok'}`}>{row.isExpired ? m.roster.expired : m.roster.active}</span>
                {row.checkedInAt && (
                  <span className="tag tag-ok tag-checked-in" data-checked-in="true">
                    {m.roster.checkedIn(t.stamp(row.checkedInAt), row.checkedInBy ?? '?')}
                  </span>
                )}
              </>
            )}
          />
        )}
      </div>
    </section>
  );
}
