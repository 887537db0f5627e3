// Screens & films: the theatre's rooms (name, seats, notes) in a table, and its films as
// cards with their posters. Adding, editing and removing happen in dialogs (CatalogDialogs.tsx).
import { useId } from 'react';
import type { Film } from '../../../../main/common/schemas';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { ViewHead } from './ViewHead';

function ScreensCard() {
  const m = useManagerMessages();
  const id = useId();
  const screens = useManager((s) => s.screens);
  const { openScreen, askDeleteScreen } = useManagerActions();
  return (
    <section className="mgr-card catalog-card" aria-labelledby={`${id}-h`} data-testid="screens">
      <div className="catalog-card-head">
        <h2 id={`${id}-h`}>{m.catalog.screens}</h2>
        <button type="button" className="button button-primary" onClick={() => openScreen(null)}>
          <span aria-hidden="true" className="button-icon">
            +
          </span>
          {m.catalog.addScreen}
        </button>
      </div>
      {screens === null ? (
        <p className="pane-empty">{m.catalog.loading}</p>
      ) : screens.length === 0 ? (
        <p className="pane-empty">{m.catalog.noScreens}</p>
      ) : (
        <table className="grid catalog-table">
          <caption className="sr-only">{m.catalog.screensCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.catalog.name}</th>
              <th scope="col" className="cell-figure">
                {m.catalog.seats}
              </th>
              <th scope="col">{m.catalog.notes}</th>
              <th scope="col" className="cell-actions">
                {m.catalog.actions}
              </th>
            </tr>
          </thead>
          <tbody>
            {screens.map((screen) => (
              <tr key={screen.screenId} data-screen-id={screen.screenId}>
                <th scope="row" className="cell-title">
                  {screen.name}
                </th>
                <td className="cell-figure">{screen.capacity}</td>
                <td className="cell-notes">{screen.notes ?? ''}</td>
                <td className="cell-actions">
                  <button type="button" className="button button-secondary button-small" aria-label={m.catalog.editScreen(screen.name)} onClick={() => openScreen(screen)}>
                    {m.catalog.edit}
                  </button>
                  <button type="button" className="button button-danger-outline button-small" aria-label={m.catalog.removeScreen(screen.name)} onClick={() => askDeleteScreen(screen)}>
                    {m.catalog.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Poster({ film, className = '' }: { film: Pick<Film, 'title' | 'posterUrl'>; className?: string }) {
  const m = useManagerMessages();
  return film.posterUrl ? (
    <img className={`poster ${className}`} src={film.posterUrl} alt={m.catalog.posterOf(film.title)} loading="lazy" />
  ) : (
    <div className={`poster poster-none ${className}`}>
      <span>{m.catalog.noPoster}</span>
    </div>
  );
}

function FilmsCard() {
  const m = useManagerMessages();
  const id = useId();
  const films = useManager((s) => s.films);
  const { openFilm } = useManagerActions();
  return (
    <section className="mgr-card catalog-card" aria-labelledby={`${id}-h`} data-testid="films">
      <div className="catalog-card-head">
        <h2 id={`${id}-h`}>{m.catalog.films}</h2>
        <button type="button" className="button button-primary" onClick={() => openFilm(null)}>
          <span aria-hidden="true" className="button-icon">
            +
          </span>
          {m.catalog.addFilm}
        </button>
      </div>
      {films === null ? (
        <p className="pane-empty">{m.catalog.loading}</p>
      ) : films.length === 0 ? (
        <p className="pane-empty">{m.catalog.noFilms}</p>
      ) : (
        <ul className="film-grid">
          {films.map((film) => (
            <li key={film.filmId} className="film-card" data-film-id={film.filmId}>
              <Poster film={film} />
              <div className="film-card-text">
                <h3>{film.title}</h3>
                <p className="film-facts">
                  {m.catalog.runtime(film.runtimeMinutes)}
                  {film.rating && <span className="tag tag-muted">{film.rating}</span>}
                </p>
                <button type="button" className="button button-secondary button-small" aria-label={m.catalog.editFilm(film.title)} onClick={() => openFilm(film)}>
                  {m.catalog.edit}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CatalogView() {
  const m = useManagerMessages();
  const id = useId();
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-catalog" aria-labelledby={`${id}-h`} data-view="catalog">
      <ViewHead headingId={`${id}-h`} heading={m.catalog.heading} sub={m.catalog.subheading} />
      <div className="catalog-columns">
        <ScreensCard />
        <FilmsCard />
      </div>
    </main>
  );
}
