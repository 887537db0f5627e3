// One show as a big tappable card (the move screen): day, time, title and screen, live seats,
// sold-out and starting-soon states. useShowFacts words those states for every show button.
import type { Show } from '../../../../main/common/schemas';
import { formatClock, formatDay, wallNow, wallOf } from '../../shared/lib/show-time';
import { startState } from '../../shared/lib/shows';
import { useKiosk, useMessages } from '../store/context';
import { showName } from './NoticeBox';

/** What a show's button says: its clock, its seats (and their colour), whether it is starting. */
export function useShowFacts(show: Show, nowMs: number) {
  const m = useMessages();
  const timeZone = useKiosk((s) => s.timeZone);
  const wall = wallOf(show.showTime, timeZone);
  const soldOut = show.seatsLeft <= 0;
  const state = startState(show, nowMs);
  const fewSeats = !soldOut && show.seatsLeft <= Math.max(3, Math.ceil(show.capacity / 10));
  return {
    wall,
    clock: wall ? formatClock(wall, m.localeTag) : show.showTime,
    soldOut,
    seats: soldOut ? m.show.soldOut : m.show.seatsLeft(show.seatsLeft),
    seatsClass: `seats${soldOut ? ' seats-none' : fewSeats ? ' seats-few' : ''}`,
    timing: state.kind === 'started' ? m.show.started(state.minutes) : state.kind === 'soon' ? m.show.startsIn(state.minutes) : null,
  };
}

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
  const { wall, clock, soldOut, seats, seatsClass, timing } = useShowFacts(show, nowMs);
  const day = withDay && wall ? formatDay(wall, wallNow(nowMs, timeZone, show.showTime), m.localeTag, m.day) : null;

  return (
    <button
      type="button"
      className={`show-card${soldOut ? ' show-card-sold-out' : ''}`}
      disabled={soldOut}
      // The visible parts are separate lines; spoken, they need commas between them.
      aria-label={m.show.cardLabel(showName(m, show), day ? `${day} ${clock}` : clock, timing ? `${seats}, ${timing}` : seats)}
      onClick={() => onPick(show)}
      data-show-id={show.showId}
    >
      {day && <span className="show-card-day">{day}</span>}
      <span className="show-card-time">{clock}</span>
      <span className="show-card-title">{show.title ?? m.show.untitled}</span>
      <span className="show-card-screen">{show.screenName}</span>
      <span className="show-card-meta">
        <span className={seatsClass}>{seats}</span>
        {timing && <span className="badge">{timing}</span>}
      </span>
    </button>
  );
}
