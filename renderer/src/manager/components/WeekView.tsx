// The week: a day strip (Monday to Sunday, with the previous and next weeks a step away), the
// chosen day's timeline per screen, and the roster of the show picked on it. From here the
// manager programs a film or copies the week to the next.
import { useId, useMemo } from 'react';
import { formatShortDay } from '../lib/time';
import { addDays, daysBetween, showsOnDay, theatreToday, weekOf, weekStartOf } from '../lib/week';
import { SCHEDULE_DAYS } from '../store/manager-store';
import { useTimes } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { DoorConflictsBadge } from './DoorConflicts';
import { IncludeExpiredSwitch } from './IncludeExpiredSwitch';
import { RosterPanel } from './RosterPanel';
import { Timeline } from './Timeline';

function DayStrip({ day, today }: { day: string; today: string }) {
  const m = useManagerMessages();
  const { setTimelineDay } = useManagerActions();
  const monday = weekStartOf(day);
  return (
    <nav className="week-strip" aria-label={m.week.days}>
      <button type="button" className="button button-ghost button-small" aria-label={m.week.previousWeek} onClick={() => setTimelineDay(addDays(day, -7))}>
        <span aria-hidden="true">‹</span>
      </button>
      <ul className="week-days">
        {weekOf(monday).map((d) => (
          <li key={d}>
            <button
              type="button"
              className={`week-day${d === day ? ' is-current' : ''}${d === today ? ' is-today' : ''}`}
              aria-pressed={d === day}
              data-day={d}
              onClick={() => setTimelineDay(d)}
            >
              {formatShortDay(d, m.localeTag)}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-ghost button-small" aria-label={m.week.nextWeek} onClick={() => setTimelineDay(addDays(day, 7))}>
        <span aria-hidden="true">›</span>
      </button>
      <button type="button" className="button button-secondary button-small" disabled={day === today} onClick={() => setTimelineDay(today)}>
        {m.week.today}
      </button>
    </nav>
  );
}

export function WeekView() {
  const m = useManagerMessages();
  const id = useId();
  const t = useTimes();
  const shows = useManager((s) => s.shows);
  const loaded = useManager((s) => s.showsLoaded);
  const screens = useManager((s) => s.screens);
  const timeZone = useManager((s) => s.timeZone);
  const includeExpired = useManager((s) => s.includeExpired);
  const chosen = useManager((s) => s.timelineDay);
  const { openProgram, openCopyWeek } = useManagerActions();
  const today = theatreToday(t.now, timeZone, shows[0]?.showTime);
  const day = chosen ?? today;
  const ofDay = useMemo(() => showsOnDay(shows, day, timeZone), [shows, day, timeZone]);
  const live = ofDay.filter((s) => s.cancelledAt === null);
  const booked = live.reduce((sum, s) => sum + s.booked, 0);
  // The show list covers today and the schedule's days ahead (past days only when asked): an empty day
  // out of it is unknown, not free.
  const outside = daysBetween(today, day) >= SCHEDULE_DAYS || (day < today && !includeExpired);

  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-week" aria-labelledby={`${id}-h`} data-view="week">
      <section className="pane pane-week" aria-labelledby={`${id}-h`}>
        <div className="pane-head">
          <div className="pane-titles">
            <h1 id={`${id}-h`}>
              {m.week.heading}
              <span className="pane-heading-extra"> · {formatShortDay(day, m.localeTag)}</span>
            </h1>
            <p className="pane-sub">{m.week.subheading}</p>
          </div>
          <IncludeExpiredSwitch />
          <button type="button" className="button button-secondary" onClick={() => void openCopyWeek()}>
            {m.week.copyWeek}
          </button>
          <button type="button" className="button button-primary" onClick={openProgram}>
            <span aria-hidden="true" className="button-icon">
              +
            </span>
            {m.week.programFilm}
          </button>
        </div>
        <div className="week-bar">
          <DayStrip day={day} today={today} />
          <p className="week-totals" data-testid="day-totals">
            {outside && ofDay.length === 0 ? m.week.outsideWindow : m.week.dayTotals(live.length, booked)}
          </p>
        </div>
        {/* The conflicts are today's: another day's timeline does not carry them. */}
        {day === today && <DoorConflictsBadge />}
        {/* Focusable: on a narrow screen the keyboard scrolls the day sideways. */}
        <div className="pane-body week-body" tabIndex={0} role="region" aria-label={m.week.timeline}>
          {!loaded || screens === null ? (
            <p className="pane-empty">{m.week.loading}</p>
          ) : screens.length === 0 && ofDay.length === 0 ? (
            <p className="pane-empty">{m.week.noScreens}</p>
          ) : (
            <Timeline day={day} shows={ofDay} screens={screens} />
          )}
        </div>
      </section>
      <RosterPanel />
    </main>
  );
}
