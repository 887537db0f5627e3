// The catalog slice: the theatre's screens (name, seats, notes) and films (title, runtime,
// rating, description, poster). Forms are checked here with the contract's limits before
// asking; the server's refusals land on the field they concern.
import type { ErrorBody } from '../../../../main/common/errors';
import {
  CAPACITY_MAX, DESCRIPTION_MAX, NOTES_MAX, RATING_MAX, RUNTIME_MAX_MINUTES, SCREEN_NAME_MAX, TITLE_MAX,
  type Film, type Screen,
} from '../../../../main/common/schemas';
import { checkPoster, type PosterFile, type PosterProblem } from '../lib/poster';
import type { ManagerKit } from './kit';

export interface ScreenDraft {
  name: string;
  capacity: string;
  notes: string;
}
export type ScreenField = keyof ScreenDraft;

export interface FilmDraft {
  title: string;
  runtimeMinutes: string;
  rating: string;
  description: string;
}
export type FilmField = keyof FilmDraft;

/** What is wrong with a field: the words come from the manager's i18n. */
/** needsQuota: a count held back of a quota that is not set (a ticket type's spaces held for the counter). */
export type FieldProblem = 'empty' | 'tooLong' | 'invalid' | 'range' | 'exists' | 'busy' | 'needsQuota';

export type DraftErrors<F extends string> = Partial<Record<F, FieldProblem>>;

/** Why a screen was not deleted, as the server said it. */
export type ScreenRefusal = { kind: 'hasShows'; futureShows: number } | { kind: 'last' };

export interface CatalogData {
  screens: Screen[] | null;
  films: Film[] | null;
  screenErrors: DraftErrors<ScreenField>;
  filmErrors: DraftErrors<FilmField>;
  /** The last poster refused, for which film and why. */
  posterProblem: { filmId: number; problem: PosterProblem } | null;
  /** The film whose poster is being sent. */
  posterBusy: number | null;
}

export interface CatalogActions {
  /** Reads screens and films (the schedule's forms and the Screens & films view need both). */
  loadCatalog(): Promise<void>;
  openScreen(screen: Screen | null): void;
  saveScreen(draft: ScreenDraft): Promise<void>;
  askDeleteScreen(screen: Screen): void;
  confirmDeleteScreen(): Promise<void>;
  openFilm(film: Film | null): void;
  saveFilm(draft: FilmDraft): Promise<void>;
  /** Checks the file (type by content, size), then sends it; `null` removes the poster. */
  setPoster(filmId: number, file: PosterFile | null): Promise<void>;
}

const length = (s: string) => [...s.trim()].length;

function wholeNumber(value: string, max: number): FieldProblem | undefined {
  const text = value.trim();
  if (text === '') return 'empty';
  if (!/^\d+$/.test(text)) return 'invalid';
  const n = Number(text);
  return n < 1 || n > max ? 'range' : undefined;
}

export function validateScreen(draft: ScreenDraft): DraftErrors<ScreenField> {
  const errors: DraftErrors<ScreenField> = {};
  if (draft.name.trim() === '') errors.name = 'empty';
  else if (length(draft.name) > SCREEN_NAME_MAX) errors.name = 'tooLong';
  const capacity = wholeNumber(draft.capacity, CAPACITY_MAX);
  if (capacity) errors.capacity = capacity;
  if (length(draft.notes) > NOTES_MAX) errors.notes = 'tooLong';
  return errors;
}

export function validateFilm(draft: FilmDraft): DraftErrors<FilmField> {
  const errors: DraftErrors<FilmField> = {};
  if (draft.title.trim() === '') errors.title = 'empty';
  else if (length(draft.title) > TITLE_MAX) errors.title = 'tooLong';
  const runtime = wholeNumber(draft.runtimeMinutes, RUNTIME_MAX_MINUTES);
  if (runtime) errors.runtimeMinutes = runtime;
  if (length(draft.rating) > RATING_MAX) errors.rating = 'tooLong';
  if (length(draft.description) > DESCRIPTION_MAX) errors.description = 'tooLong';
  return errors;
}

export const screenDraftOf = (screen: Screen | null): ScreenDraft =>
  ({ name: screen?.name ?? '', capacity: screen ? String(screen.capacity) : '', notes: screen?.notes ?? '' });

export const filmDraftOf = (film: Film | null): FilmDraft => ({
  title: film?.title ?? '',
  runtimeMinutes: film ? String(film.runtimeMinutes) : '',
  rating: film?.rating ?? '',
  description: film?.description ?? '',
});

/** An INVALID_INPUT the server found at one of the form's own fields. */
function fieldOf<F extends string>(error: ErrorBody, fields: readonly F[]): F | null {
  return error.code === 'INVALID_INPUT' && fields.includes(error.field as F) ? (error.field as F) : null;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function createCatalogSlice(kit: ManagerKit): CatalogData & CatalogActions {
  const { set, get } = kit;

  async function refreshScreens() {
    const answer = await kit.read('listScreens', {});
    if (answer !== null) set({ screens: answer.screens });
  }

  async function refreshFilms() {
    const answer = await kit.read('listFilms', {});
    if (answer !== null) set({ films: answer.films });
  }

  function replaceFilm(film: Film) {
    const films = get().films ?? [];
    const next = films.some((f) => f.filmId === film.filmId) ? films.map((f) => (f.filmId === film.filmId ? film : f)) : [...films, film];
    set({ films: next.sort((a, b) => a.title.localeCompare(b.title)) });
  }

  return {
    screens: null,
    films: null,
    screenErrors: {},
    filmErrors: {},
    posterProblem: null,
    posterBusy: null,

    async loadCatalog() {
      await Promise.all([refreshScreens(), refreshFilms()]);
    },

    openScreen(screen) {
      set({ dialog: { kind: 'screen', screen }, screenErrors: {}, notice: null, done: null });
    },

    async saveScreen(draft) {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'screen') return;
      const errors = validateScreen(draft);
      set({ screenErrors: errors });
      if (Object.keys(errors).length > 0) return;
      const fields = { name: draft.name.trim(), capacity: Number(draft.capacity.trim()), notes: orNull(draft.notes) };
      const handle = (error: ErrorBody) => {
        const field = fieldOf(error, ['name', 'capacity', 'notes'] as const);
        if (error.code === 'SCREEN_EXISTS') set({ screenErrors: { name: 'exists' } });
        else if (field) set({ screenErrors: { [field]: 'invalid' } });
        else return false;
        return true;
      };
      const saved = dialog.screen
        ? await kit.change('updateScreen', { screenId: dialog.screen.screenId, ...fields }, handle)
        : await kit.change('createScreen', fields, handle);
      if (saved === null) return;
      set({ dialog: null, done: { kind: 'screenSaved', name: saved.name } });
      await refreshScreens();
      // Show lists name the screen: a rename shows there too.
      void get().refreshShows();
    },

    askDeleteScreen(screen) {
      set({ dialog: { kind: 'deleteScreen', screen, refusal: null }, notice: null, done: null });
    },

    async confirmDeleteScreen() {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'deleteScreen') return;
      const { screen } = dialog;
      const deleted = await kit.change('deleteScreen', { screenId: screen.screenId }, (error) => {
        // The dialog stays open and says why, so the staff reads the reason where they asked.
        if (error.code === 'SCREEN_HAS_SHOWS') set({ dialog: { ...dialog, refusal: { kind: 'hasShows', futureShows: Number(error.details?.futureShows ?? 0) } } });
        else if (error.code === 'LAST_SCREEN') set({ dialog: { ...dialog, refusal: { kind: 'last' } } });
        else if (error.code === 'SCREEN_NOT_FOUND') set({ dialog: null });
        else return false;
        void refreshScreens();
        return true;
      });
      if (deleted === null) return;
      set({ dialog: null, done: { kind: 'screenDeleted', name: screen.name } });
      await refreshScreens();
    },

    openFilm(film) {
      set({ dialog: { kind: 'film', film }, filmErrors: {}, posterProblem: null, notice: null, done: null });
    },

    async saveFilm(draft) {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'film') return;
      const errors = validateFilm(draft);
      set({ filmErrors: errors });
      if (Object.keys(errors).length > 0) return;
      const fields = {
        title: draft.title.trim(),
        runtimeMinutes: Number(draft.runtimeMinutes.trim()),
        rating: orNull(draft.rating),
        description: orNull(draft.description),
      };
      const handle = (error: ErrorBody) => {
        const field = fieldOf(error, ['title', 'runtimeMinutes', 'rating', 'description'] as const);
        // A longer runtime that no longer fits before the next show on some screen.
        if (error.code === 'SCREEN_BUSY') set({ filmErrors: { runtimeMinutes: 'busy' } });
        else if (field) set({ filmErrors: { [field]: 'invalid' } });
        else return false;
        return true;
      };
      const saved = dialog.film
        ? await kit.change('updateFilm', { filmId: dialog.film.filmId, ...fields }, handle)
        : await kit.change('createFilm', fields, handle);
      if (saved === null) return;
      replaceFilm(saved);
      // A new film stays open in its dialog, so its poster can be added next.
      set({ dialog: dialog.film ? null : { kind: 'film', film: saved }, done: { kind: 'filmSaved', title: saved.title } });
      if (dialog.film) void get().refreshShows();
    },

    async setPoster(filmId, file) {
      if (get().busy) return;
      set({ posterProblem: null });
      let image: string | null = null;
      if (file !== null) {
        const checked = await checkPoster(file);
        if (!checked.ok) return set({ posterProblem: { filmId, problem: checked.problem } });
        image = checked.base64;
      }
      set({ posterBusy: filmId });
      const film = await kit.change('setFilmPoster', { filmId, image }, (error) => {
        if (error.code !== 'INVALID_INPUT' && error.code !== 'PAYLOAD_TOO_LARGE') return false;
        // The server reads the content too; its refusal is worded like ours.
        set({ posterProblem: { filmId, problem: error.code === 'PAYLOAD_TOO_LARGE' ? 'size' : 'type' } });
        return true;
      });
      set({ posterBusy: null });
      if (film === null) return;
      replaceFilm(film);
      const dialog = get().dialog;
      if (dialog?.kind === 'film' && dialog.film?.filmId === filmId) set({ dialog: { kind: 'film', film } });
    },
  };
}
