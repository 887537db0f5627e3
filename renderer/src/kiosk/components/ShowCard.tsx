// One show as a big tappable card: time, title, live seats, sold-out and starting-soon states.
import type { Show } from '../../../../main/common/schemas';
import { formatClock, formatDay, wallNow, wallOf } from '../../shared/lib/show-time';
import { startState } from '../../shared/lib/shows';
import { useKiosk, useMessages } from '../store/context';

export interface ShowCardProps {
  show: Show;
  nowMs: number;
  onPick: (show: Show) => void;
  /** Names the day too, where cards are not grouped under a day heading. */
  withDay?: boolean;
}

export function ShowCard({ show, nowMs, onPick, withDay = false }: ShowCardProps) {
  const m = useMessages();
  const timeZone = useKiosk((s) => s.timeZone);
  const wall = wallOf(show.showTime, timeZone);
  const clock = wall ? formatClock(wall, m.localeTag) : show.showTime;
  const day = withDay && wall ? formatDay(wall, wallNow(nowMs, timeZone, show.showTime), m.localeTag, m.day) : null;
  const soldOut = show.seatsLeft <= 0;
  const state = startState(show, nowMs);
  const seats = soldOut ? m.show.soldOut : m.show.seatsLeft(show.seatsLeft);
  const timing = state.kind === 'started' ? m.show.started(state.minutes) : state.kind === 'soon' ? m.show.startsIn(state.minutes) : null;
  const title = show.title ?? m.show.untitled;
  const fewSeats = !soldOut && show.seatsLeft <= Math.max(3, Math.ceil(show.capacity / 10));

  return (
    <button
      type="button"
      className={`show-card${soldOut ? ' show-card-sold-out' : ''}`}
      disabled={soldOut}
      // The visible parts are separate lines; spoken, they need commas between them.
      aria-label={m.show.cardLabel(title, day ? `${day} ${clock}` : clock, timing ? `${seats}, ${timing}` : seats)}
      onClick={() => onPick(show)}
      data-show-id={show.showId}
    >
      {day && <span className="show-card-day">{day}</span>}
      <span className="show-card-time">{clock}</span>
      <span className="show-card-title">{title}</span>
      <span className="show-card-meta">
        <span className={`seats${soldOut ? ' seats-none' : fewSeats ? ' seats-few' : ''}`}>{seats}</span>
        {timing && <span className="badge">{timing}</span>}
      </span>
    </button>
  );
}
