// Today's shows, one list per screen: what the door will be letting in, and where. The show
// the count on top follows is marked; a cancelled screening stays listed, marked as such, so
// whoever stands at the door knows why its guests come.
import type { DoorShow } from '../../../../main/common/schemas';
import { useNow } from '../../shared/hooks/useNow';
import { instantOf } from '../../shared/lib/show-time';
import { groupByScreen } from '../../shared/lib/shows';
import { useDoorTimes } from '../hooks';
import { currentShow } from '../lib/current-show';
import { useDoor, useDoorMessages } from '../store/context';

export function TodayByScreen() {
  const m = useDoorMessages();
  const shows = useDoor((s) => s.shows);
  const lastShowId = useDoor((s) => s.lastShowId);
  const now = useNow(15_000);
  if (shows.length === 0) return null;
  const current = currentShow(shows, now, lastShowId);
  const byStart = [...shows].sort((a, b) => instantOf(a.showTime) - instantOf(b.showTime));
  return (
    <section className="door-today" aria-labelledby="door-today-heading" data-testid="door-today">
      <h2 id="door-today-heading" className="door-today-heading">
        {m.today.heading}
      </h2>
      {groupByScreen(byStart).map((screen) => (
        <section key={screen.screenId} className="door-screen" aria-labelledby={`door-screen-${screen.screenId}`} data-screen-id={screen.screenId}>
          <h3 id={`door-screen-${screen.screenId}`} className="door-screen-name">
            {screen.screenName}
          </h3>
          <ul className="door-screen-shows">
            {screen.shows.map((show) => (
              <TodayShow key={show.showId} show={show} current={show.showId === current?.showId} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function TodayShow({ show, current }: { show: DoorShow; current: boolean }) {
  const m = useDoorMessages();
  const t = useDoorTimes();
  const cancelled = show.cancelledAt !== null;
  return (
    <li
      className={`door-show${current ? ' door-show-current' : ''}${cancelled ? ' door-show-cancelled' : ''}`}
      data-show-id={show.showId}
      aria-current={current ? 'true' : undefined}
    >
      <span className="door-show-time">{t.clock(show.showTime)}</span>
      <span className="door-show-title">{show.title ?? t.untitled}</span>
      {cancelled ? (
        <span className="door-show-state">{m.today.cancelled}</span>
      ) : (
        <span className="door-show-figures" aria-label={m.today.figuresLabel(show.checkedIn, show.booked)}>
          {m.count.figures(show.checkedIn, show.booked)}
        </span>
      )}
      {!cancelled && show.doorsOpen && <span className="door-show-state door-show-open">{m.today.doorsOpen}</span>}
    </li>
  );
}
