// The dialogs of Screens & films: a screen's form, removing a screen (the server's reason for
// refusing is said in the dialog), and a film's form with its poster.
import { useId, useState, type InputHTMLAttributes } from 'react';
import { CAPACITY_MAX, RUNTIME_MAX_MINUTES, type Film, type Screen } from '../../../../main/common/schemas';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { filmDraftOf, screenDraftOf, type DraftErrors, type FilmDraft, type ScreenDraft } from '../store/catalog';
import { Poster } from './CatalogView';
import { Field } from './Field';
import { boundInput, FormDialog } from './FormDialog';
import { Modal } from './Modal';

/** The words of a field's problem, from a table of them per field. */
function problemText<F extends string>(errors: DraftErrors<F>, table: Record<F, Record<string, string>>, field: F): string | null {
  const problem = errors[field];
  if (problem === undefined) return null;
  return table[field][problem] ?? Object.values(table[field])[0] ?? null;
}

function textArea(name: string, value: string, onChange: (value: string) => void, rows: number) {
  return function Control({ id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) {
    return (
      <textarea
        id={id}
        name={name}
        className="mgr-input mgr-textarea"
        rows={rows}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  };
}

export function ScreenDialog({ screen }: { screen: Screen | null }) {
  const m = useManagerMessages();
  const errors = useManager((s) => s.screenErrors);
  const busy = useManager((s) => s.busy);
  const { saveScreen, closeDialog } = useManagerActions();
  const [draft, setDraft] = useState<ScreenDraft>(() => screenDraftOf(screen));
  const type = (field: keyof ScreenDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const input = (field: keyof ScreenDraft, props: InputHTMLAttributes<HTMLInputElement>) => boundInput(`screen-${field}`, draft[field], type(field), props);
  const error = (field: keyof ScreenDraft) => problemText(errors, m.catalog.screenErrors, field);
  return (
    <FormDialog
      formId="mgr-screen"
      title={screen ? m.catalog.editScreen(screen.name) : m.catalog.screenNew}
      description={m.catalog.screenHint}
      cancelLabel={m.catalog.cancel}
      submitLabel={m.catalog.save}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void saveScreen(draft)}
    >
      <Field label={m.catalog.name} error={error('name')}>
        {input('name', { type: 'text', autoComplete: 'off', autoFocus: true })}
      </Field>
      <Field label={m.catalog.seats} error={error('capacity')}>
        {input('capacity', { type: 'number', inputMode: 'numeric', min: 1, max: CAPACITY_MAX, step: 1 })}
      </Field>
      <Field label={m.catalog.notes} hint={m.catalog.notesHint} error={error('notes')} className="span-2">
        {textArea('screen-notes', draft.notes, type('notes'), 3)}
      </Field>
    </FormDialog>
  );
}

export function DeleteScreenDialog({ screen, refusal }: { screen: Screen; refusal: { kind: 'hasShows'; futureShows: number } | { kind: 'last' } | null }) {
  const m = useManagerMessages();
  const busy = useManager((s) => s.busy);
  const { confirmDeleteScreen, closeDialog } = useManagerActions();
  const reason = refusal === null ? null : refusal.kind === 'last' ? m.catalog.refusal.last : m.catalog.refusal.hasShows(screen.name, refusal.futureShows);
  return (
    <Modal
      title={m.catalog.removeTitle(screen.name)}
      description={m.catalog.removeBody}
      onClose={closeDialog}
      footer={
        reason === null ? (
          <>
            <button type="button" className="button button-secondary" autoFocus onClick={closeDialog}>
              {m.catalog.removeNo}
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirmDeleteScreen()}>
              {m.catalog.removeYes}
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={closeDialog}>
            {m.close}
          </button>
        )
      }
    >
      {reason !== null && (
        <p className="mgr-message mgr-message-warn mgr-message-inline" role="alert" data-refusal={refusal!.kind}>
          {reason}
        </p>
      )}
    </Modal>
  );
}

function PosterField({ film }: { film: Film }) {
  const m = useManagerMessages();
  const id = useId();
  const problem = useManager((s) => (s.posterProblem?.filmId === film.filmId ? s.posterProblem.problem : null));
  const sending = useManager((s) => s.posterBusy === film.filmId);
  const { setPoster } = useManagerActions();
  return (
    <div className="poster-field">
      <Poster film={film} className="poster-large" />
      <div className="poster-field-controls">
        <label htmlFor={id} className="poster-label">
          {m.catalog.poster}
        </label>
        <input
          id={id}
          name="poster"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="mgr-file"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // The same file picked again after a fix still fires a change.
            event.target.value = '';
            if (file) void setPoster(film.filmId, file);
          }}
        />
        <p id={`${id}-hint`} className="mgr-hint">
          {sending ? m.catalog.posterSending : m.catalog.posterHint}
        </p>
        {problem && (
          <p id={`${id}-error`} className="mgr-error" role="alert" data-poster-problem={problem}>
            {m.catalog.posterProblems[problem]}
          </p>
        )}
        {film.posterUrl && (
          <button type="button" className="button button-danger-outline button-small" disabled={sending} onClick={() => void setPoster(film.filmId, null)}>
            {m.catalog.posterRemove}
          </button>
        )}
      </div>
    </div>
  );
}

export function FilmDialog({ film }: { film: Film | null }) {
  const m = useManagerMessages();
  const errors = useManager((s) => s.filmErrors);
  const busy = useManager((s) => s.busy);
  const { saveFilm, closeDialog } = useManagerActions();
  // Keyed by the film in Dialogs, so a film just created starts from what it was saved as.
  const [draft, setDraft] = useState<FilmDraft>(() => filmDraftOf(film));
  const type = (field: keyof FilmDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const input = (field: keyof FilmDraft, props: InputHTMLAttributes<HTMLInputElement>) => boundInput(`film-${field}`, draft[field], type(field), props);
  const error = (field: keyof FilmDraft) => problemText(errors, m.catalog.filmErrors, field);
  return (
    <FormDialog
      wide
      formId="mgr-film"
      title={film ? m.catalog.editFilm(film.title) : m.catalog.filmNew}
      description={m.catalog.filmHint}
      cancelLabel={film ? m.close : m.catalog.cancel}
      submitLabel={m.catalog.save}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void saveFilm(draft)}
      after={film ? <PosterField film={film} /> : <p className="mgr-hint">{m.catalog.posterAfterSave}</p>}
    >
      <Field label={m.catalog.title} error={error('title')} className="span-2">
        {input('title', { type: 'text', autoComplete: 'off', autoFocus: true })}
      </Field>
      <Field label={m.catalog.runtimeLabel} error={error('runtimeMinutes')}>
        {input('runtimeMinutes', { type: 'number', inputMode: 'numeric', min: 1, max: RUNTIME_MAX_MINUTES, step: 1 })}
      </Field>
      <Field label={m.catalog.rating} hint={m.catalog.ratingHint} error={error('rating')}>
        {input('rating', { type: 'text', autoComplete: 'off' })}
      </Field>
      <Field label={m.catalog.description} hint={m.catalog.descriptionHint} error={error('description')} className="span-2">
        {textArea('film-description', draft.description, type('description'), 3)}
      </Field>
    </FormDialog>
  );
}
