// The schedule: shows of the next days grouped by day, each with its booked/capacity bar,
// live from seat updates, and today's door conflicts. A row opens that show's roster.
import { useId, useMemo } from 'react';
import type { Show } from '../../../../main/common/schemas';
import { dayKey, instantOf, wallOf } from '../../shared/lib/show-time';
import { useTimes } from '../hooks/useTimes';
import { showName } from '../lib/show-name';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { SCHEDULE_DAYS } from '../store/manager-store';
import { CapacityBar } from './CapacityBar';
import { DoorConflictsBadge } from './DoorConflicts';
import { IncludeExpiredSwitch } from './IncludeExpiredSwitch';

interface Day {
  key: string;
  label: string;
  shows: Show[];
}

export function SchedulePanel() {
  const m = useManagerMessages();
  const id = useId();
  const shows = useManager((s) => s.shows);
  const loaded = useManager((s) => s.showsLoaded);
  const selected = useManager((s) => s.selectedShowId);
  const timeZone = useManager((s) => s.timeZone);
  const { openNewShow, selectShow } = useManagerActions();
  const t = useTimes();

  // The screen is named once the theatre plays on more than one.
  const severalScreens = useMemo(() => new Set(shows.map((s) => s.screenId)).size > 1, [shows]);
  const days = useMemo<Day[]>(() => {
    const sorted = [...shows].sort((a, b) => instantOf(a.showTime) - instantOf(b.showTime) || a.showId - b.showId);
    const byDay = new Map<string, Day>();
    for (const show of sorted) {
      const wall = wallOf(show.showTime, timeZone);
      const key = wall ? dayKey(wall) : show.showTime;
      let day = byDay.get(key);
      if (!day) byDay.set(key, (day = { key, label: t.day(show.showTime), shows: [] }));
      day.shows.push(show);
    }
    return [...byDay.values()];
  }, [shows, timeZone, t]);

  return (
    <section className="pane pane-schedule" aria-labelledby={`${id}-heading`} data-panel="schedule">
      <div className="pane-head">
        <div className="pane-titles">
          <h1 id={`${id}-heading`}>{m.schedule.heading}</h1>
          <p className="pane-sub">{m.schedule.subheading(SCHEDULE_DAYS)}</p>
        </div>
        <IncludeExpiredSwitch />
        <button type="button" className="button button-primary" onClick={openNewShow}>
          <span aria-hidden="true" className="button-icon">+</span>
          {m.schedule.newShow}
        </button>
      </div>
      <DoorConflictsBadge />
      <div className="pane-body">
        {!loaded ? (
          <p className="pane-empty">{m.schedule.loading}</p>
        ) : days.length === 0 ? (
          <p className="pane-empty">{m.schedule.none}</p>
        ) : (
          <table className="grid schedule-table">
            <caption className="sr-only">{m.schedule.caption}</caption>
            <colgroup>
              <col className="col-time" />
              <col />
              <col className="col-booked" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{m.schedule.time}</th>
                <th scope="col">{m.schedule.show}</th>
                <th scope="col">{m.schedule.booked}</th>
              </tr>
            </thead>
            {days.map((day) => (
              <tbody key={day.key}>
                <tr className="day-row">
                  <th scope="colgroup" colSpan={3}>
                    {day.label}
                  </th>
                </tr>
                {day.shows.map((show) => {
                  const current = selected === show.showId;
                  const title = showName(show, m.untitled);
                  const cancelled = show.cancelledAt !== null;
                  return (
                    <tr
                      key={show.showId}
                      className={`row-link show-row${current ? ' is-selected' : ''}${show.isExpired ? ' is-past' : ''}${cancelled ? ' is-cancelled' : ''}`}
                      data-show-id={show.showId}
                    >
                      <td className="cell-time">{t.clock(show.showTime)}</td>
                      <td className="cell-title">
                        <button
                          type="button"
                          className="row-button"
                          aria-current={current ? 'true' : undefined}
                          aria-label={m.schedule.openRoster(title, t.when(show.showTime))}
                          onClick={() => void selectShow(show.showId)}
                        >
                          {title}
                        </button>
                        {show.isExpired && <span className="tag tag-muted">{m.schedule.past}</span>}
                        {cancelled && <span className="tag tag-cancelled">{m.schedule.cancelled}</span>}
                        {severalScreens && <span className="cell-screen">{show.screenName}</span>}
                      </td>
                      <td className="cell-booked">
                        {cancelled ? <span className="capacity-text">{m.schedule.cancelled}</span> : <CapacityBar booked={show.booked} capacity={show.capacity} />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        )}
      </div>
    </section>
  );
}
