// One film on the start screen: its poster, title, rating and running time, then its times as
// big buttons, each naming its screen and seats left. A sold-out time stays visible (disabled)
// so the guest sees why it cannot be picked.
import type { Show } from '../../../../main/common/schemas';
import { formatRuntime, type FilmGroup as Group } from '../../shared/lib/shows';
import { posterOf } from '../store/kiosk-store';
import { useKiosk, useMessages } from '../store/context';
import { Poster } from './Poster';
import { useShowFacts } from './ShowCard';

export interface FilmGroupProps {
  group: Group;
  /** Unique on the page: the same film may play on several days. */
  id: string;
  nowMs: number;
  onPick: (show: Show) => void;
}

export function FilmGroup({ group, id, nowMs, onPick }: FilmGroupProps) {
  const m = useMessages();
  const posterUrl = useKiosk((s) => posterOf(s.films, group.filmId));
  const title = group.title ?? m.start.otherShows;
  const headingId = `film-${id}`;
  return (
    <section className="film" aria-labelledby={headingId} data-film-id={group.filmId ?? undefined}>
      <Poster src={posterUrl} title={title} />
      <div className="film-body">
        <h3 className="film-title" id={headingId}>
          {title}
        </h3>
        {(group.rating !== null || group.runtimeMinutes !== null) && (
          <p className="film-facts">
            {group.rating !== null && (
              <span className="film-rating" aria-label={m.show.rated(group.rating)}>
                {group.rating}
              </span>
            )}
            {group.runtimeMinutes !== null && (
              <span className="film-runtime" aria-label={m.show.runtime(formatRuntime(group.runtimeMinutes))}>
                {formatRuntime(group.runtimeMinutes)}
              </span>
            )}
          </p>
        )}
        <div className="film-times">
          {group.shows.map((show) => (
            <ShowTime key={show.showId} show={show} groupTitle={group.title} nowMs={nowMs} onPick={onPick} />
          ))}
        </div>
      </div>
    </section>
  );
}

function ShowTime({ show, groupTitle, nowMs, onPick }: { show: Show; groupTitle: string | null; nowMs: number; onPick: (show: Show) => void }) {
  const m = useMessages();
  const { clock, soldOut, seats, seatsClass, timing } = useShowFacts(show, nowMs);
  // A show titled apart from its film ("Casablanca — with an introduction") says so on its button.
  const ownTitle = show.title !== null && show.title !== groupTitle ? show.title : null;
  const spokenSeats = timing ? `${seats}, ${timing}` : seats;
  return (
    <button
      type="button"
      className={`show-time${soldOut ? ' show-time-sold-out' : ''}`}
      disabled={soldOut}
      // Spoken out of its group's context too (a screen reader's list of buttons): title first.
      aria-label={m.show.cardLabel(show.title ?? m.show.untitled, clock, `${show.screenName}, ${spokenSeats}`)}
      onClick={() => onPick(show)}
      data-show-id={show.showId}
    >
      <span className="show-time-clock">{clock}</span>
      <span className="show-time-screen">{show.screenName}</span>
      {ownTitle && <span className="show-time-title">{ownTitle}</span>}
      <span className="show-time-meta">
        <span className={seatsClass}>{seats}</span>
        {timing && <span className="badge">{timing}</span>}
      </span>
    </button>
  );
}
