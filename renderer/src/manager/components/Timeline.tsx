// One day of the theatre, one lane per screen, hours across: each show is a block from its
// start to when it frees the screen (`endsAt`: runtime + turnaround), so the empty stretches
// of a lane are the times still free. A cancelled screening stays, struck through and grey.
// Each block is a button that opens the show's roster; its name says all the block shows.
import { useMemo } from 'react';
import type { Screen, Show } from '../../../../main/common/schemas';
import { formatClock } from '../../shared/lib/show-time';
import { useTimes } from '../hooks/useTimes';
import { showName } from '../lib/show-name';
import { minutesInto } from '../lib/week';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { fillLevel } from './CapacityBar';

/** The hours drawn at least; a day with earlier or later shows widens to hold them. */
const FIRST_HOUR = 10;
const LAST_HOUR = 24;

interface Placed {
  show: Show;
  start: number;
  end: number;
}

interface Lane {
  screenId: number;
  name: string;
  seats: number | null;
  shows: Placed[];
}

export interface TimelineProps {
  day: string;
  shows: readonly Show[];
  screens: readonly Screen[];
}

/** The screens' lanes in the order of /screen/list, plus any screen a show names that the list no longer has. */
function lanesOf(day: string, shows: readonly Show[], screens: readonly Screen[], timeZone: string | undefined): Lane[] {
  const lanes = new Map<number, Lane>(screens.map((s) => [s.screenId, { screenId: s.screenId, name: s.name, seats: s.capacity, shows: [] }]));
  for (const show of shows) {
    const start = minutesInto(day, show.showTime, timeZone);
    const end = minutesInto(day, show.endsAt, timeZone);
    if (start === null) continue;
    let lane = lanes.get(show.screenId);
    if (!lane) lanes.set(show.screenId, (lane = { screenId: show.screenId, name: show.screenName, seats: null, shows: [] }));
    lane.shows.push({ show, start, end: Math.max(start, end ?? start) });
  }
  for (const lane of lanes.values()) lane.shows.sort((a, b) => a.start - b.start);
  return [...lanes.values()];
}

export function Timeline({ day, shows, screens }: TimelineProps) {
  const m = useManagerMessages();
  const t = useTimes();
  const timeZone = useManager((s) => s.timeZone);
  const selected = useManager((s) => s.selectedShowId);
  const { selectShow } = useManagerActions();
  const lanes = useMemo(() => lanesOf(day, shows, screens, timeZone), [day, shows, screens, timeZone]);

  const placed = lanes.flatMap((lane) => lane.shows);
  const firstHour = Math.min(FIRST_HOUR, ...placed.map((p) => Math.floor(p.start / 60)));
  const lastHour = Math.max(LAST_HOUR, ...placed.map((p) => Math.ceil(p.end / 60)));
  const span = (lastHour - firstHour) * 60;
  const at = (minutes: number) => `${((minutes - firstHour * 60) / span) * 100}%`;
  const length = (minutes: number) => `${(minutes / span) * 100}%`;
  const hours = Array.from({ length: lastHour - firstHour + 1 }, (_, i) => firstHour + i);
  const hourLabel = (hour: number) => formatClock({ year: 2000, month: 1, day: 1, hour: hour % 24, minute: 0, second: 0, offsetMinutes: null }, m.localeTag);

  return (
    <div className="lanes" data-day={day}>
      <div className="lane-row lane-hours" aria-hidden="true">
        <div className="lane-name" />
        <div className="lane-track">
          {hours.map((hour) => (
            <span key={hour} className="lane-hour" style={{ left: at(hour * 60) }}>
              {hourLabel(hour)}
            </span>
          ))}
        </div>
      </div>
      {lanes.map((lane) => (
        <section key={lane.screenId} className="lane-row" aria-label={lane.name} data-screen-id={lane.screenId}>
          <div className="lane-name">
            <span className="lane-screen">{lane.name}</span>
            {lane.seats !== null && <span className="lane-seats">{m.week.seats(lane.seats)}</span>}
          </div>
          <div className="lane-track">
            {hours.map((hour) => (
              <span key={hour} className="lane-gridline" style={{ left: at(hour * 60) }} aria-hidden="true" />
            ))}
            {lane.shows.length === 0 ? (
              <p className="lane-free">{m.week.laneEmpty}</p>
            ) : (
              <ul className="lane-shows">
                {lane.shows.map(({ show, start, end }) => {
                  const title = showName(show, m.untitled);
                  const cancelled = show.cancelledAt !== null;
                  const from = t.clock(show.showTime);
                  const to = end > start ? t.clock(show.endsAt) : null;
                  const level = fillLevel(show.booked, show.capacity);
                  return (
                    <li key={show.showId} className="lane-item" style={{ left: at(start), width: length(end - start) }}>
                      <button
                        type="button"
                        className={`lane-show lane-${cancelled ? 'cancelled' : level}${selected === show.showId ? ' is-selected' : ''}${show.isExpired ? ' is-past' : ''}`}
                        data-show-id={show.showId}
                        aria-current={selected === show.showId ? 'true' : undefined}
                        aria-label={cancelled ? m.week.blockCancelled(title, from, lane.name) : m.week.block(title, from, to, lane.name, show.booked, show.capacity)}
                        onClick={() => void selectShow(show.showId)}
                      >
                        <span className="lane-title">{title}</span>
                        <span className="lane-when">
                          {from}
                          {to && `–${to}`}
                        </span>
                        <span className="lane-booked">{cancelled ? m.week.cancelled : m.schedule.bookedOf(show.booked, show.capacity)}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
