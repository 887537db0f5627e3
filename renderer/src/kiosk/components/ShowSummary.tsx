// The picked show in one line, kept in view during booking so the guest knows what they book.
import type { Show } from '../../../../main/common/schemas';
import { useWhen } from '../hooks/useWhen';
import { useKiosk, useMessages } from '../store/context';
import { showName } from './NoticeBox';

export function ShowSummary({ show }: { show: Show }) {
  const m = useMessages();
  const when = useWhen();
  // Live seats: the snapshot taken when the show was picked may be stale by now.
  const seatsLeft = useKiosk((s) => s.shows.find((x) => x.showId === show.showId)?.seatsLeft ?? show.seatsLeft);
  return (
    <div className="show-summary">
      <span className="show-summary-title">{showName(m, show)}</span>
      <span className="show-summary-when">{when(show.showTime)}</span>
      <span className={`seats${seatsLeft <= 0 ? ' seats-none' : ''}`}>{seatsLeft <= 0 ? m.show.soldOut : m.show.seatsLeft(seatsLeft)}</span>
    </div>
  );
}

/** The show being booked, or nothing when none is picked. */
export function SelectedShowSummary() {
  const show = useKiosk((s) => s.selectedShow);
  return show ? <ShowSummary show={show} /> : null;
}
