import { startTransition, useEffect, useMemo, useState } from 'react';
import { ScreenLayout } from '../components/ScreenLayout';
import { FilmGroup } from '../components/FilmGroup';
import { useNow } from '../../shared/hooks/useNow';
import { dayKey, formatDay, wallNow, wallOf } from '../../shared/lib/show-time';
import { groupByFilm, upcomingShows, type FilmGroup as Films } from '../../shared/lib/shows';
import { useInView } from '../hooks/useInView';
import { useActions, useKiosk, useMessages } from '../store/context';
import type { Show } from '../../../../main/common/schemas';

/**
 * Films drawn in the first frame: more than a screenful (a 1920 × 1080 landscape kiosk shows
 * four, a portrait one two). The rest (two weeks of a theatre's shows) follow in a render of
 * their own once that frame is painted, not before it.
 */
const FIRST_FILMS = 6;

interface DayGroup {
  key: string;
  label: string;
  shows: Show[];
  films: Films[];
}

export function StartScreen() {
  const m = useMessages();
  const shows = useKiosk((s) => s.shows);
  const loaded = useKiosk((s) => s.showsLoaded);
  const timeZone = useKiosk((s) => s.timeZone);
  const { pickShow, openLookup } = useActions();
  const now = useNow(15_000);
  const [listEnd, setListEnd] = useState<HTMLDivElement | null>(null);
  const endInView = useInView(listEnd);
  const [wholeList, setWholeList] = useState(false);
  useEffect(() => {
    if (!loaded) return;
    // A task queued from a frame's requestAnimationFrame runs after that frame's paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setWholeList(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [loaded]);

  const groups = useMemo(() => {
    const list = upcomingShows(shows, now);
    const today = wallNow(now, timeZone, list[0]?.showTime);
    const byDay = new Map<string, DayGroup>();
    for (const show of list) {
      const wall = wallOf(show.showTime, timeZone);
      if (wall === null) continue;
      const key = dayKey(wall);
      let group = byDay.get(key);
      if (!group) {
        group = { key, label: formatDay(wall, today, m.localeTag, m.day), shows: [], films: [] };
        byDay.set(key, group);
      }
      group.shows.push(show);
    }
    // Each day lists its films, each film its times: the way a cinema's programme reads.
    return [...byDay.values()].map((day) => ({ ...day, films: groupByFilm(day.shows) }));
  }, [shows, now, timeZone, m]);
  const drawn = useMemo(() => (wholeList ? groups : firstFilms(groups, FIRST_FILMS)), [wholeList, groups]);

  return (
    <ScreenLayout
      name="start"
      title={m.start.heading}
      subtitle={m.start.subheading}
      focusHeading={false}
      footer={
        <button type="button" className="button button-secondary button-block my-ticket" onClick={openLookup}>
          <span>{m.start.myTicket}</span>
          <small>{m.start.myTicketHint}</small>
        </button>
      }
      controls={
        !loaded ? (
          <p className="empty">{m.start.loading}</p>
        ) : groups.length === 0 ? (
          <p className="empty">{m.start.none}</p>
        ) : (
          <>
            {drawn.map((group) => (
              <section key={group.key} className="day" aria-labelledby={`day-${group.key}`}>
                <h2 id={`day-${group.key}`} className="day-heading">
                  {group.label}
                </h2>
                <div className="film-list">
                  {group.films.map((films, index) => (
                    <FilmGroup key={films.key} id={`${group.key}-${index}`} group={films} nowMs={now} onPick={(s) => pickShow(s.showId)} />
                  ))}
                </div>
              </section>
            ))}
            <div ref={setListEnd} className="list-end" aria-hidden="true" />
            {(!endInView || drawn !== groups) && <MoreBelow label={m.start.moreBelow} />}
          </>
        )
      }
    />
  );
}

/** The days' first `count` films, in order: `days` itself when that is all of them. */
function firstFilms(days: DayGroup[], count: number): DayGroup[] {
  const first: DayGroup[] = [];
  let left = count;
  for (const day of days) {
    if (day.films.length > left) return left > 0 ? [...first, { ...day, films: day.films.slice(0, left) }] : first;
    first.push(day);
    left -= day.films.length;
  }
  return days;
}

/**
 * Landscape screens fit a row or two of cards: without this, nothing said that more shows
 * were below the fold. A tap scrolls a screenful; a guest's own swipe works as well.
 */
function MoreBelow({ label }: { label: string }) {
  return (
    <div className="more-below" data-testid="more-below">
      <button
        type="button"
        className="more-below-button"
        onClick={(event) => {
          const list = event.currentTarget.closest('.controls');
          list?.scrollBy({ top: list.clientHeight * 0.8, behavior: 'smooth' });
        }}
      >
        <span>{label}</span>
        <span className="more-below-arrow" aria-hidden="true">
          ↓
        </span>
      </button>
    </div>
  );
}
