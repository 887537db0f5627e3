// The dialogs of the week's program: "Program a film" (previewed before it makes anything),
// copying a week, rescheduling a show with its tickets, cancelling a screening (then the call
// list, printable and as CSV), and deleting a show — which says its ticket count first and,
// when it has tickets, offers rescheduling or cancelling instead.
import { useId, useMemo, useState } from 'react';
import type { CallListGuest, Screen, Show } from '../../../../main/common/schemas';
import { downloadText } from '../../shared/lib/csv';
import { useTimes } from '../hooks/useTimes';
import { callListCsv, callListFileName } from '../lib/report-csv';
import { showName } from '../lib/show-name';
import { formatShortDay } from '../lib/time';
import { addDays, theatreClockOf, theatreDayOf } from '../lib/week';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import type { CallList, ProgramField, ProgramPreview, RescheduleProblem } from '../store/manager-store';
import { Field } from './Field';
import { boundInput, FormDialog } from './FormDialog';
import { Modal } from './Modal';
import { PriceFields } from './PriceFields';

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** A Monday: its week names the weekdays in the manager's language. */
const A_MONDAY = '2024-01-01';

function weekdayName(weekday: number, localeTag: string): string {
  return new Intl.DateTimeFormat(localeTag, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${addDays(A_MONDAY, weekday - 1)}T12:00:00Z`));
}


/** Enough clashes to see the pattern (a whole evening, a screen); the rest are counted. */
const CLASHES_LISTED = 8;

/** The shows a preview would make, and the clashes that stop it. */
function PreviewList({ preview }: { preview: ProgramPreview }) {
  const m = useManagerMessages();
  const t = useTimes();
  const timeZone = useManager((s) => s.timeZone);
  const sameDay = (a: string, b: string) => theatreDayOf(a, timeZone) === theatreDayOf(b, timeZone);
  return (
    <div className="program-preview" data-testid="program-preview" aria-live="polite">
      {preview.clashes.length > 0 && (
        <div className="mgr-message mgr-message-warn mgr-message-inline program-clashes" role="alert" data-testid="program-clashes">
          <p>{m.program.clashCount(preview.clashes.length)}</p>
          <ul>
            {preview.clashes.slice(0, CLASHES_LISTED).map((clash, i) => (
              <li key={i}>
                {m.program.clash(
                  t.when(clash.showTime),
                  clash.screenName,
                  clash.inTheWay.title ?? m.untitled,
                  clash.inTheWay.showId === null ? m.program.thisRequest : sameDay(clash.showTime, clash.inTheWay.showTime) ? t.clock(clash.inTheWay.showTime) : t.when(clash.inTheWay.showTime),
                )}
              </li>
            ))}
          </ul>
          {preview.clashes.length > CLASHES_LISTED && <p>{m.program.clashesMore(preview.clashes.length - CLASHES_LISTED)}</p>}
        </div>
      )}
      <p className="program-count">{preview.clashes.length > 0 ? m.program.previewPlanned(preview.shows.length) : m.program.previewCount(preview.shows.length)}</p>
      {preview.shows.length > 0 && (
        // Focusable, so the keyboard can scroll a long preview.
        <div className="program-preview-scroll" tabIndex={0} role="region" aria-label={m.program.previewCaption}>
          <table className="grid program-table">
            <caption className="sr-only">{m.program.previewCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.program.day}</th>
                <th scope="col">{m.program.time}</th>
                <th scope="col">{m.program.screen}</th>
              </tr>
            </thead>
            <tbody>
              {preview.shows.map((show) => (
                <tr key={`${show.showTime}|${show.screenId}`}>
                  <td>{t.day(show.showTime)}</td>
                  <td>{t.clock(show.showTime)}</td>
                  <td>
                    {show.screenName}
                    {show.notes?.map((note) => (
                      <span key={note} className="mgr-hint program-note">
                        {' '}
                        {note}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Checkboxes that pick several of a list, under one label (a fieldset). */
function CheckGroup<T extends string | number>({ legend, options, chosen, onChange, error, name }: {
  legend: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  chosen: readonly T[];
  onChange(next: T[]): void;
  error: string | null;
  name: string;
}) {
  const id = useId();
  return (
    <fieldset className={`mgr-field mgr-checks span-2${error ? ' mgr-field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="mgr-check-row">
        {options.map((option) => (
          <label key={option.value} className="mgr-check">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={chosen.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mgr-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function ProgramDialog() {
  const m = useManagerMessages();
  const draft = useManager((s) => s.programDraft);
  const errors = useManager((s) => s.programErrors);
  const preview = useManager((s) => s.programPreview);
  const past = useManager((s) => s.programPast);
  const films = useManager((s) => s.films);
  const screens = useManager((s) => s.screens);
  const busy = useManager((s) => s.busy);
  const { typeProgram, previewProgram, createProgram, closeDialog } = useManagerActions();
  const [confirmPast, setConfirmPast] = useState(false);
  const error = (field: ProgramField): string | null => {
    const problem = errors[field];
    if (problem === undefined) return null;
    const table = m.program.errors[field] as Record<string, string>;
    return table[problem] ?? Object.values(table)[0]!;
  };
  const date = (field: 'from' | 'to') => boundInput(`program-${field}`, draft[field], (value) => typeProgram({ [field]: value }), { type: 'date', required: true });
  const setTime = (index: number, value: string) => typeProgram({ times: draft.times.map((t, i) => (i === index ? value : t)) });

  return (
    <FormDialog
      wide
      formId="mgr-program"
      title={m.program.heading}
      description={m.program.hint}
      cancelLabel={m.program.cancel}
      submitLabel={past ? m.program.createPast : m.program.create}
      busy={busy || (past && !confirmPast)}
      onClose={closeDialog}
      onSubmit={() => void createProgram(past && confirmPast)}
      actions={
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void previewProgram()}>
          {m.program.preview}
        </button>
      }
      after={
        <>
          {past && (
            <div className="mgr-message mgr-message-warn mgr-message-inline program-past" role="alert">
              <p>{m.program.past}</p>
              <label className="mgr-check">
                <input type="checkbox" name="confirmPast" checked={confirmPast} onChange={(event) => setConfirmPast(event.target.checked)} />
                <span>{m.program.createPast}</span>
              </label>
            </div>
          )}
          {preview && <PreviewList preview={preview} />}
        </>
      }
    >
      <Field label={m.program.film} error={error('filmId')} className="span-2" hint={films !== null && films.length === 0 ? m.program.noFilms : undefined}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="program-film"
            className="mgr-input"
            autoFocus
            value={draft.filmId ?? ''}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => typeProgram({ filmId: event.target.value === '' ? null : Number(event.target.value) })}
          >
            <option value="">{m.program.filmPick}</option>
            {(films ?? []).map((film) => (
              <option key={film.filmId} value={film.filmId}>
                {film.title} · {m.catalog.runtime(film.runtimeMinutes)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckGroup
        legend={m.program.screens}
        name="program-screens"
        options={(screens ?? []).map((s) => ({ value: s.screenId, label: `${s.name} (${s.capacity})` }))}
        chosen={draft.screenIds}
        onChange={(screenIds) => typeProgram({ screenIds })}
        error={error('screenIds')}
      />
      <Field label={m.program.from} error={error('from')}>
        {date('from')}
      </Field>
      <Field label={m.program.to} error={error('to')}>
        {date('to')}
      </Field>
      <CheckGroup
        legend={m.program.weekdays}
        name="program-weekdays"
        options={ISO_WEEKDAYS.map((d) => ({ value: d, label: weekdayName(d, m.localeTag) }))}
        chosen={draft.weekdays}
        onChange={(weekdays) => typeProgram({ weekdays })}
        error={error('weekdays')}
      />
      <fieldset className={`mgr-field span-2${error('times') ? ' mgr-field-invalid' : ''}`}>
        <legend>{m.program.times}</legend>
        <div className="mgr-check-row program-times">
          {draft.times.map((time, i) => (
            <span key={i} className="program-time">
              <input
                type="time"
                className="mgr-input"
                name={`program-time-${i + 1}`}
                aria-label={m.program.timeN(i + 1)}
                step={60}
                value={time}
                aria-invalid={error('times') ? true : undefined}
                onChange={(event) => setTime(i, event.target.value)}
              />
              {draft.times.length > 1 && (
                <button type="button" className="button button-ghost button-small" aria-label={m.program.removeTime(i + 1)} onClick={() => typeProgram({ times: draft.times.filter((_, j) => j !== i) })}>
                  <span aria-hidden="true">×</span>
                </button>
              )}
            </span>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => typeProgram({ times: [...draft.times, ''] })}>
            {m.program.addTime}
          </button>
        </div>
        {error('times') && (
          <p className="mgr-error" role="alert">
            {error('times')}
          </p>
        )}
      </fieldset>
      <PriceFields legend={m.prices.programLegend} hint={m.prices.programHint} />
    </FormDialog>
  );
}

export function CopyWeekDialog({ monday, copy, preview, made }: { monday: string; copy: { copied: number; skipped: number } | null; preview: ProgramPreview | null; made?: number }) {
  const m = useManagerMessages();
  const busy = useManager((s) => s.busy);
  const { confirmCopyWeek, closeDialog } = useManagerActions();
  const ready = copy !== null && preview !== null;
  const canCreate = ready && preview.clashes.length === 0 && preview.shows.length > 0;
  return (
    <Modal
      wide
      title={m.copyWeek.heading(formatShortDay(monday, m.localeTag))}
      description={m.copyWeek.hint(formatShortDay(addDays(monday, 7), m.localeTag))}
      onClose={closeDialog}
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={closeDialog}>
            {m.program.cancel}
          </button>
          <button type="button" className="button button-primary" disabled={busy || !canCreate} onClick={() => void confirmCopyWeek()}>
            {m.copyWeek.create(preview?.shows.length ?? 0)}
          </button>
        </>
      }
    >
      {!ready ? (
        <p className="pane-empty" role="status">
          {m.copyWeek.loading}
        </p>
      ) : copy.copied === 0 ? (
        <p className="pane-empty">{m.copyWeek.none}</p>
      ) : (
        <PreviewList preview={preview} />
      )}
      {copy !== null && copy.skipped > 0 && <p className="mgr-hint">{m.copyWeek.skipped(copy.skipped)}</p>}
      {made !== undefined && made > 0 && <p className="mgr-hint">{m.copyWeek.madeBefore(made)}</p>}
    </Modal>
  );
}

function rescheduleProblemText(m: ReturnType<typeof useManagerMessages>, problem: RescheduleProblem, when: (iso: string) => string): string {
  const p = m.reschedule.problems;
  switch (problem.kind) {
    case 'belowSold':
      return p.belowSold(problem.booked);
    case 'busy':
      return problem.showTime ? p.busy(problem.title ?? m.untitled, when(problem.showTime)) : p.busyUnknown;
    case 'past':
      return p.past;
    case 'cancelled':
      return p.cancelled;
    case 'empty':
      return p.empty[problem.field];
    case 'invalid':
      return p.invalid[problem.field];
  }
}

export function RescheduleDialog({ show, problem }: { show: Show; problem: RescheduleProblem | null }) {
  const m = useManagerMessages();
  const t = useTimes();
  const timeZone = useManager((s) => s.timeZone);
  const screens = useManager((s) => s.screens);
  const busy = useManager((s) => s.busy);
  const { submitReschedule, closeDialog } = useManagerActions();
  const [date, setDate] = useState(() => theatreDayOf(show.showTime, timeZone) ?? '');
  const [time, setTime] = useState(() => theatreClockOf(show.showTime, timeZone) ?? '');
  const [screenId, setScreenId] = useState(show.screenId);
  const [confirmPast, setConfirmPast] = useState(false);
  const title = showName(show, m.untitled);
  const choices: Array<Pick<Screen, 'screenId' | 'name' | 'capacity'>> = useMemo(
    () => (screens?.some((s) => s.screenId === show.screenId) ? screens : [{ screenId: show.screenId, name: show.screenName, capacity: show.capacity }, ...(screens ?? [])]),
    [screens, show],
  );
  const text = problem === null ? null : rescheduleProblemText(m, problem, t.when);
  const at = (field: 'date' | 'time' | 'screen') =>
    problem === null
      ? null
      : (problem.kind === 'empty' || problem.kind === 'invalid') && problem.field === field
        ? text
        : field === 'screen' && (problem.kind === 'belowSold' || problem.kind === 'busy')
          ? text
          : null;
  return (
    <FormDialog
      formId="mgr-reschedule"
      title={m.reschedule.heading(title)}
      description={m.reschedule.hint(t.when(show.showTime), show.screenName)}
      cancelLabel={m.reschedule.cancel}
      submitLabel={m.reschedule.save}
      busy={busy || (problem?.kind === 'past' && !confirmPast)}
      onClose={closeDialog}
      onSubmit={() => void submitReschedule({ date, time, screenId, confirmPast })}
      after={
        <>
          <p className="reschedule-follow" data-testid="tickets-follow">
            {m.reschedule.follow(show.booked)}
          </p>
          {problem !== null && at('date') === null && at('time') === null && at('screen') === null && (
            <div className="mgr-message mgr-message-warn mgr-message-inline" role="alert" data-problem={problem.kind}>
              <p>{text}</p>
              {problem.kind === 'past' && (
                <label className="mgr-check">
                  <input type="checkbox" name="confirmPast" checked={confirmPast} onChange={(event) => setConfirmPast(event.target.checked)} />
                  <span>{m.reschedule.confirmPast}</span>
                </label>
              )}
            </div>
          )}
        </>
      }
    >
      <Field label={m.reschedule.date} error={at('date')}>
        {boundInput('reschedule-date', date, setDate, { type: 'date', required: true, autoFocus: true })}
      </Field>
      <Field label={m.reschedule.time} error={at('time')}>
        {boundInput('reschedule-time', time, setTime, { type: 'time', required: true, step: 60 })}
      </Field>
      <Field label={m.reschedule.screen} error={at('screen')} className="span-2">
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="reschedule-screen"
            className="mgr-input"
            value={screenId}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setScreenId(Number(event.target.value))}
          >
            {choices.map((s) => (
              <option key={s.screenId} value={s.screenId}>
                {s.name} · {m.week.seats(s.capacity)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormDialog>
  );
}

function CallListTable({ guests }: { guests: CallListGuest[] }) {
  const m = useManagerMessages();
  return (
    <table className="grid call-list" data-testid="call-list">
      <caption className="sr-only">{m.cancelShow.callCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.cancelShow.name}</th>
          <th scope="col">{m.cancelShow.phone}</th>
          <th scope="col">{m.cancelShow.code}</th>
        </tr>
      </thead>
      <tbody>
        {guests.map((guest) => (
          <tr key={guest.ticketId} data-ticket-id={guest.ticketId}>
            <th scope="row" className="cell-title">
              {guest.name}
            </th>
            <td className="cell-phone">{guest.phone}</td>
            <td className="cell-code">{guest.ticketCode}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CancelShowDialog({ show, result, problem }: { show: Show; result: CallList | null; problem: 'empty' | 'invalid' | 'already' | null }) {
  const m = useManagerMessages();
  const t = useTimes();
  const timeZone = useManager((s) => s.timeZone);
  const busy = useManager((s) => s.busy);
  const { submitCancelShow, closeDialog } = useManagerActions();
  const [reason, setReason] = useState('');
  const title = showName(show, m.untitled);
  if (result !== null) {
    return (
      <Modal
        wide
        className="call-list-sheet"
        title={m.cancelShow.doneHeading(title)}
        description={`${t.full(show.showTime)} · ${show.screenName}`}
        onClose={closeDialog}
        footer={
          <>
            <button
              type="button"
              className="button button-secondary"
              disabled={result.guests.length === 0}
              onClick={() => downloadText(callListFileName(show.showTime, timeZone), callListCsv(result.guests, m))}
            >
              {m.cancelShow.csv}
            </button>
            <button type="button" className="button button-secondary" disabled={result.guests.length === 0} onClick={() => window.print()}>
              {m.cancelShow.print}
            </button>
            <button type="button" className="button button-primary" onClick={closeDialog}>
              {m.cancelShow.done}
            </button>
          </>
        }
      >
        {result.guests.length === 0 ? (
          <p className="pane-empty">{m.cancelShow.noGuests}</p>
        ) : (
          <>
            <p>{m.cancelShow.doneBody(result.cancelledTickets, result.reason)}</p>
            <CallListTable guests={result.guests} />
          </>
        )}
      </Modal>
    );
  }
  return (
    <FormDialog
      formId="mgr-cancel-show"
      title={m.cancelShow.heading(title)}
      description={m.cancelShow.hint(t.when(show.showTime), show.screenName, show.booked)}
      cancelLabel={m.cancelShow.no}
      submitLabel={m.cancelShow.yes}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submitCancelShow(reason)}
    >
      <Field label={m.cancelShow.reason} hint={m.cancelShow.reasonHint} error={problem ? m.cancelShow.problems[problem] : null} className="span-2">
        {boundInput('cancel-reason', reason, setReason, { type: 'text', required: true, maxLength: 200, autoComplete: 'off', autoFocus: true })}
      </Field>
    </FormDialog>
  );
}

export function DeleteShowDialog({ show }: { show: Show }) {
  const m = useManagerMessages();
  const t = useTimes();
  const busy = useManager((s) => s.busy);
  const { confirmDeleteShow, closeDialog, openReschedule, openCancelShow } = useManagerActions();
  const hasTickets = show.booked > 0;
  return (
    <Modal
      title={m.deleteShow.title(showName(show, m.untitled))}
      description={hasTickets ? m.deleteShow.bodyTickets(t.when(show.showTime), show.booked) : m.deleteShow.bodyEmpty(t.when(show.showTime))}
      onClose={closeDialog}
      footer={
        <>
          <button type="button" className="button button-secondary" autoFocus onClick={closeDialog}>
            {m.deleteShow.no}
          </button>
          {hasTickets ? (
            <>
              <button type="button" className="button button-secondary" onClick={() => openReschedule(show)}>
                {m.deleteShow.reschedule}
              </button>
              {show.cancelledAt === null && (
                <button type="button" className="button button-danger-outline" onClick={() => openCancelShow(show)}>
                  {m.deleteShow.cancelScreening}
                </button>
              )}
            </>
          ) : (
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirmDeleteShow()}>
              {m.deleteShow.yes}
            </button>
          )}
        </>
      }
    >
      {null}
    </Modal>
  );
}
