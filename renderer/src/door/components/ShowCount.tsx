// The current show's count of guests in against tickets booked, refreshed by the store's poll.
import { useNow } from '../../shared/hooks/useNow';
import { showLabel } from '../../shared/lib/shows';
import { currentShow } from '../lib/current-show';
import { useDoorTimes } from '../hooks';
import { useDoor, useDoorMessages } from '../store/context';

export function ShowCount() {
  const m = useDoorMessages();
  const t = useDoorTimes();
  const shows = useDoor((s) => s.shows);
  const lastShowId = useDoor((s) => s.lastShowId);
  const now = useNow(15_000);
  const show = currentShow(shows, now, lastShowId);
  if (show === null) return <p className="door-count door-count-empty">{m.count.noShow}</p>;
  return (
    <section className="door-count" aria-live="polite" data-show-id={show.showId} data-testid="door-count">
      <div className="door-count-show">
        <strong>{showLabel(show, t.untitled)}</strong>
        <span>{show.doorsOpen ? t.when(show.showTime) : m.count.doorsClosed(t.when(show.showTime))}</span>
      </div>
      <div className="door-count-figures">
        <span className="door-count-label">{m.count.label}</span>
        <strong data-testid="door-count-figures">{m.count.figures(show.checkedIn, show.booked)}</strong>
      </div>
    </section>
  );
}
