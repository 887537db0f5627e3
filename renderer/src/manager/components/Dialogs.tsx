// Whichever dialog the store has open: new show, edit or delete a show, move (pick, then
// confirm), cancel, revoke, today's door conflicts; screens and films (CatalogDialogs.tsx); the program (ProgramDialogs.tsx).
import type { InputHTMLAttributes } from 'react';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { instantOf } from '../../shared/lib/show-time';
import { useTimes } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { CAPACITY_MAX, TITLE_MAX } from '../../../../main/common/schemas';
import { moveTargets, type EditShowField, type NewShowField } from '../store/manager-store';
import type { Show } from '../../../../main/common/schemas';
import { CapacityBar } from './CapacityBar';
import { Field } from './Field';
import { FormDialog, boundInput } from './FormDialog';
import { DeleteScreenDialog, FilmDialog, ScreenDialog } from './CatalogDialogs';
import { DoorConflictsDialog } from './DoorConflicts';
import { Modal } from './Modal';
import { CancelTicketDialog, CountDrawerDialog, PayDialog, RefundDialog } from './MoneyDialogs';
import { PriceFields } from './PriceFields';
import { DeleteTicketTypeDialog, TicketTypeDialog } from './TicketTypeDialogs';
import { CancelShowDialog, CopyWeekDialog, DeleteShowDialog, ProgramDialog, RescheduleDialog } from './ProgramDialogs';

function NewShowDialog() {
  const m = useManagerMessages();
  const inputs = useManager((s) => s.newShow);
  const errors = useManager((s) => s.newShowErrors);
  const busy = useManager((s) => s.busy);
  const { typeNewShow, submitNewShow, closeDialog } = useManagerActions();
  const formId = 'mgr-new-show';
  const error = (field: NewShowField): string | null => {
    const problem = errors[field];
    if (problem === undefined) return null;
    const table = m.newShow.errors[field] as Record<string, string>;
    return table[problem] ?? m.newShow.errors.date.invalid;
  };
  const input = (field: NewShowField, props: InputHTMLAttributes<HTMLInputElement>) =>
    boundInput(field, inputs[field], (value) => typeNewShow(field, value), props);
  const screens = useManager((s) => s.screens);
  const films = useManager((s) => s.films);
  const select = (field: 'screenId' | 'filmId', options: Array<{ value: string; label: string }>) =>
    function Control({ id, describedBy }: { id: string; describedBy: string | undefined }) {
      return (
        <select id={id} name={field} className="mgr-input" value={inputs[field]} aria-describedby={describedBy} onChange={(event) => typeNewShow(field, event.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    };

  return (
    <FormDialog
      formId={formId}
      title={m.newShow.heading}
      description={m.newShow.hint}
      cancelLabel={m.newShow.cancel}
      submitLabel={m.newShow.create}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submitNewShow()}
    >
      <Field label={m.newShow.date} error={error('date')}>
        {input('date', { type: 'date', required: true, autoFocus: true })}
      </Field>
      <Field label={m.newShow.time} error={error('time')}>
        {input('time', { type: 'time', required: true, step: 60 })}
      </Field>
      <Field label={m.newShow.screen} className="span-2">
        {select('screenId', [{ value: '', label: m.newShow.screenDefault(screens?.[0]?.name ?? '') }, ...(screens ?? []).slice(1).map((sc) => ({ value: String(sc.screenId), label: `${sc.name} · ${m.week.seats(sc.capacity)}` }))])}
      </Field>
      <Field label={m.newShow.film} className="span-2">
        {select('filmId', [{ value: '', label: m.newShow.filmNone }, ...(films ?? []).map((f) => ({ value: String(f.filmId), label: `${f.title} · ${m.catalog.runtime(f.runtimeMinutes)}` }))])}
      </Field>
      <Field label={m.newShow.title} hint={m.newShow.titleHint} error={error('title')} className="span-2">
        {input('title', { type: 'text', maxLength: TITLE_MAX + 10, autoComplete: 'off' })}
      </Field>
      <Field label={m.newShow.capacity} hint={m.newShow.capacityHint} error={error('capacity')} className="span-2">
        {input('capacity', { type: 'number', inputMode: 'numeric', min: 1, max: CAPACITY_MAX, step: 1 })}
      </Field>
    </FormDialog>
  );
}

function EditShowDialog({ show }: { show: Show }) {
  const m = useManagerMessages();
  const t = useTimes();
  const inputs = useManager((s) => s.editShow);
  const errors = useManager((s) => s.editShowErrors);
  const busy = useManager((s) => s.busy);
  const { typeEditShow, submitEditShow, closeDialog } = useManagerActions();
  const formId = 'mgr-edit-show';
  const error = (field: EditShowField): string | null => {
    const problem = errors[field];
    if (problem === undefined) return null;
    return (m.editShow.errors[field] as Record<string, string>)[problem] ?? m.editShow.errors.capacity.invalid;
  };
  const input = (field: EditShowField, props: InputHTMLAttributes<HTMLInputElement>) =>
    boundInput(`edit-${field}`, inputs[field], (value) => typeEditShow(field, value), props);
  return (
    <FormDialog
      formId={formId}
      title={m.editShow.heading}
      description={m.editShow.hint(t.when(show.showTime))}
      cancelLabel={m.editShow.cancel}
      submitLabel={m.editShow.save}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submitEditShow()}
    >
      <Field label={m.editShow.title} hint={m.editShow.titleHint} error={error('title')} className="span-2">
        {input('title', { type: 'text', maxLength: TITLE_MAX + 10, autoComplete: 'off', autoFocus: true })}
      </Field>
      <Field label={m.editShow.capacity} hint={m.editShow.capacityHint(show.booked)} error={error('capacity')} className="span-2">
        {input('capacity', { type: 'number', inputMode: 'numeric', min: Math.max(1, show.booked), max: CAPACITY_MAX, step: 1 })}
      </Field>
      <PriceFields legend={m.prices.legend} hint={m.prices.hint} />
    </FormDialog>
  );
}

function MoveDialog() {
  const m = useManagerMessages();
  const ticket = useManager((s) => s.ticket);
  const shows = useManager((s) => s.shows);
  const notice = useManager((s) => s.notice);
  const { pickMoveTarget, closeDialog } = useManagerActions();
  const t = useTimes();
  if (ticket === null) return null;
  const current = ticket.row?.showTime ?? null;
  const targets = moveTargets(shows, current).sort((a, b) => instantOf(a.showTime) - instantOf(b.showTime));
  return (
    <Modal
      wide
      title={m.move.heading(ticket.ticketId)}
      description={current ? `${m.move.current(t.when(current))}. ${m.move.body}` : m.move.body}
      onClose={closeDialog}
      footer={
        <button type="button" className="button button-secondary" onClick={closeDialog}>
          {m.close}
        </button>
      }
    >
      {notice && (notice.kind === 'housefull' || notice.kind === 'showExpired' || notice.kind === 'showCancelled') && (
        <p className="mgr-message mgr-message-warn mgr-message-inline">{m.notices[notice.kind]}</p>
      )}
      {targets.length === 0 ? (
        <p className="pane-empty">{m.move.none}</p>
      ) : (
        <ul className="move-list">
          {targets.map((show) => {
            const soldOut = show.seatsLeft <= 0;
            const title = show.title ?? m.untitled;
            return (
              <li key={show.showId}>
                <button type="button" className="move-option" disabled={soldOut} data-show-id={show.showId} onClick={() => pickMoveTarget(show)}>
                  <span className="move-when">{t.when(show.showTime)}</span>
                  <span className="move-title">{title}</span>
                  <CapacityBar booked={show.booked} capacity={show.capacity} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Modal>
  );
}

export function Dialogs() {
  const m = useManagerMessages();
  const dialog = useManager((s) => s.dialog);
  const ownTokenId = useManager((s) => s.devices.ownTokenId);
  const ticket = useManager((s) => s.ticket);
  const { closeDialog, confirmMove, confirmRevoke } = useManagerActions();
  const t = useTimes();
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'newShow':
      return <NewShowDialog />;
    case 'editShow':
      return <EditShowDialog show={dialog.show} />;
    case 'deleteShow':
      return <DeleteShowDialog show={dialog.show} />;
    case 'screen':
      return <ScreenDialog screen={dialog.screen} />;
    case 'deleteScreen':
      return <DeleteScreenDialog screen={dialog.screen} refusal={dialog.refusal} />;
    case 'film':
      return <FilmDialog key={dialog.film?.filmId ?? 'new'} film={dialog.film} />;
    case 'program':
      return <ProgramDialog />;
    case 'copyWeek':
      return <CopyWeekDialog monday={dialog.monday} copy={dialog.copy} preview={dialog.preview} made={dialog.made} />;
    case 'reschedule':
      return <RescheduleDialog show={dialog.show} problem={dialog.problem} />;
    case 'cancelShow':
      return <CancelShowDialog show={dialog.show} result={dialog.result} problem={dialog.problem} />;
    case 'ticketType':
      return <TicketTypeDialog type={dialog.type} />;
    case 'deleteTicketType':
      return <DeleteTicketTypeDialog type={dialog.type} refusal={dialog.refusal} />;
    case 'doorConflicts':
      return <DoorConflictsDialog />;
    case 'move':
      return <MoveDialog />;
    case 'confirmMove':
      return (
        <ConfirmDialog
          title={m.move.confirmTitle}
          body={m.move.confirmBody(ticket?.ticketId ?? 0, `${dialog.show.title ?? m.untitled} · ${t.when(dialog.show.showTime)}`)}
          yes={m.move.confirmYes}
          no={m.move.confirmNo}
          onYes={() => void confirmMove()}
          onNo={closeDialog}
        />
      );
    case 'cancel':
      // A paid ticket asks whether to give the money back (MoneyDialogs.tsx).
      return <CancelTicketDialog />;
    case 'pay':
      return <PayDialog />;
    case 'refund':
      return <RefundDialog />;
    case 'countDrawer':
      return <CountDrawerDialog />;
    case 'revoke':
      return (
        <ConfirmDialog
          danger
          title={m.devices.revokeTitle(dialog.token.label)}
          body={ownTokenId === dialog.token.tokenId ? `${m.devices.revokeOwn} ${m.devices.revokeBody}` : m.devices.revokeBody}
          yes={m.devices.revokeYes}
          no={m.devices.revokeNo}
          onYes={() => void confirmRevoke()}
          onNo={closeDialog}
        />
      );
  }
}
