// How kiosk and door group and name shows where several screens and films play at once.
import { describe, expect, it } from 'vitest';
import { formatRuntime, groupByFilm, groupByScreen, isBookableNow, showLabel, suggestAlternative, upcomingShows } from '../../../renderer/src/shared/lib/shows';
import { makeShow, showTimeIn } from './shows';

const film = (filmId: number, filmTitle: string, extra = {}) => ({ filmId, filmTitle, title: filmTitle, rating: 'PG', runtimeMinutes: 102, ...extra });

describe('groupByFilm', () => {
  it('groups by film in the order of each film\'s first show; titled shows without a film by title; the rest last, as "other shows"', () => {
    const shows = upcomingShows(
      [
        makeShow(1, showTimeIn(60), { title: null }),
        makeShow(2, showTimeIn(90), film(7, 'Casablanca')),
        makeShow(3, showTimeIn(90), { ...film(8, 'Vertigo', { rating: null, runtimeMinutes: 128 }), screenId: 2, screenName: 'Screen 2' }),
        makeShow(4, showTimeIn(120), { title: 'Quiz night' }),
        makeShow(5, showTimeIn(150), film(7, 'Casablanca', { title: 'Casablanca — with an introduction' })),
        makeShow(6, showTimeIn(180), { title: 'Quiz night' }),
      ],
      Date.now(),
    );
    const groups = groupByFilm(shows);
    expect(groups.map((g) => [g.title, g.shows.map((s) => s.showId)])).toEqual([
      ['Casablanca', [2, 5]],
      ['Vertigo', [3]],
      ['Quiz night', [4, 6]],
      [null, [1]],
    ]);
    expect(groups[0]).toMatchObject({ filmId: 7, rating: 'PG', runtimeMinutes: 102 });
    expect(groups[1]).toMatchObject({ filmId: 8, rating: null, runtimeMinutes: 128 });
    expect(groups[2]).toMatchObject({ filmId: null, rating: null, runtimeMinutes: null });
  });

  it('has no group at all for an empty list', () => {
    expect(groupByFilm([])).toEqual([]);
  });
});

describe('groupByScreen', () => {
  it('lists the first screen first, each with its shows in the order given', () => {
    const a = { showId: 1, screenId: 2, screenName: 'Screen 2' };
    const b = { showId: 2, screenId: 1, screenName: 'Screen 1' };
    const c = { showId: 3, screenId: 2, screenName: 'Screen 2' };
    expect(groupByScreen([a, b, c])).toEqual([
      { screenId: 1, screenName: 'Screen 1', shows: [b] },
      { screenId: 2, screenName: 'Screen 2', shows: [a, c] },
    ]);
  });
});

describe('cancelled screenings', () => {
  it('are not bookable, listed or suggested', () => {
    const now = Date.now();
    const cancelled = makeShow(2, showTimeIn(60), { cancelledAt: showTimeIn(-10), cancelReason: 'Projector failure' });
    const failed = makeShow(1, showTimeIn(30), { seatsLeft: 0 });
    const later = makeShow(3, showTimeIn(120));
    expect(isBookableNow(cancelled, now)).toBe(false);
    expect(upcomingShows([later, cancelled, failed], now).map((s) => s.showId)).toEqual([1, 3]);
    expect(suggestAlternative([failed, cancelled, later], failed, now)?.showId).toBe(3);
  });

  it('suggests the same film on another screen before another film', () => {
    const now = Date.now();
    const failed = makeShow(1, showTimeIn(30), { ...film(7, 'Casablanca'), seatsLeft: 0 });
    const other = makeShow(2, showTimeIn(40), film(8, 'Vertigo'));
    const same = makeShow(3, showTimeIn(50), { ...film(7, 'Casablanca', { title: 'Casablanca (Q&A)' }), screenId: 2, screenName: 'Screen 2' });
    expect(suggestAlternative([failed, other, same], failed, now)?.showId).toBe(3);
  });
});

describe('naming', () => {
  it('names a show with its screen, and an untitled one with the app\'s word', () => {
    expect(showLabel({ title: 'Casablanca', screenName: 'Screen 2' }, 'Feature presentation')).toBe('Casablanca · Screen 2');
    expect(showLabel({ title: null, screenName: 'Screen 1' }, 'Feature presentation')).toBe('Feature presentation · Screen 1');
    expect(showLabel({ title: 'Casablanca' }, 'Feature presentation')).toBe('Casablanca');
  });

  it('prints running times as a programme does', () => {
    expect([45, 60, 102, 120, 128].map(formatRuntime)).toEqual(['45 min', '1 h', '1 h 42 min', '2 h', '2 h 8 min']);
  });
});
