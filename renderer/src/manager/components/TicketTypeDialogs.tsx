// The dialogs of Ticket types: a type's form (name, price in the currency's major unit, limit
// per show, spaces of it held for the counter, whether it is a wheelchair space) and deleting one (the server's refusal is said in the dialog, with the way out).
import { useId, useState, type InputHTMLAttributes } from 'react';
import { CAPACITY_MAX, type TicketType } from '../../../../main/common/schemas';
import { formatMoney } from '../../shared/lib/money';
import { priceText } from '../lib/price';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import type { TicketTypeDraft, TicketTypeField, TicketTypeRefusal } from '../store/ticket-types';
import { Field } from './Field';
import { boundInput, FormDialog } from './FormDialog';
import { Modal } from './Modal';

const draftOf = (type: TicketType | null, currency: string): TicketTypeDraft => ({
  name: type?.name ?? '',
  price: type ? priceText(type.price, currency) : '',
  quotaPerShow: type?.quotaPerShow === null || type === null ? '' : String(type.quotaPerShow),
  heldForCounter: type === null || type.heldForCounter === 0 ? '' : String(type.heldForCounter),
  accessible: type?.accessible ?? false,
});

export function TicketTypeDialog({ type }: { type: TicketType | null }) {
  const m = useManagerMessages();
  const tt = m.ticketTypes;
  const errors = useManager((s) => s.ticketTypeErrors);
  const busy = useManager((s) => s.busy);
  const currency = useManager((s) => s.currency) ?? 'USD';
  const { saveTicketType, closeDialog } = useManagerActions();
  const [draft, setDraft] = useState<TicketTypeDraft>(() => draftOf(type, currency));
  const accessibleHintId = useId();
  const input = (field: TicketTypeField, props: InputHTMLAttributes<HTMLInputElement>) =>
    boundInput(`ticket-type-${field}`, draft[field], (value) => setDraft((d) => ({ ...d, [field]: value })), props);
  const error = (field: TicketTypeField) => {
    const problem = errors[field];
    if (problem === undefined) return null;
    const table: Record<string, string> = tt.errors[field];
    return table[problem] ?? Object.values(table)[0] ?? null;
  };
  return (
    <FormDialog
      formId="mgr-ticket-type"
      title={type ? tt.editType(type.name) : tt.newType}
      description={tt.formHint}
      cancelLabel={tt.cancel}
      submitLabel={tt.save}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void saveTicketType(draft)}
    >
      <Field label={tt.name} error={error('name')} className="span-2">
        {input('name', { type: 'text', autoComplete: 'off', autoFocus: true })}
      </Field>
      <Field label={`${tt.price} (${currency})`} hint={tt.priceHint(formatMoney(950, currency, m.localeTag))} error={error('price')}>
        {input('price', { type: 'text', inputMode: 'decimal', autoComplete: 'off' })}
      </Field>
      <Field label={tt.quota} hint={tt.quotaHint} error={error('quotaPerShow')}>
        {input('quotaPerShow', { type: 'number', inputMode: 'numeric', min: 1, max: CAPACITY_MAX, step: 1 })}
      </Field>
      <Field label={tt.held} hint={tt.heldHint} error={error('heldForCounter')}>
        {input('heldForCounter', { type: 'number', inputMode: 'numeric', min: 0, max: CAPACITY_MAX, step: 1 })}
      </Field>
      <div className="span-2">
        <label className="mgr-check">
          <input
            type="checkbox"
            name="ticket-type-accessible"
            aria-describedby={`${accessibleHintId}`}
            checked={draft.accessible}
            onChange={(event) => setDraft((d) => ({ ...d, accessible: event.target.checked }))}
          />
          <span>{tt.accessible}</span>
        </label>
        <p id={accessibleHintId} className="mgr-hint">
          {tt.accessibleHint}
        </p>
      </div>
    </FormDialog>
  );
}

export function DeleteTicketTypeDialog({ type, refusal }: { type: TicketType; refusal: TicketTypeRefusal | null }) {
  const m = useManagerMessages();
  const tt = m.ticketTypes;
  const busy = useManager((s) => s.busy);
  const { confirmDeleteTicketType, closeDialog } = useManagerActions();
  return (
    <Modal
      title={tt.removeTitle(type.name)}
      description={tt.removeBody}
      onClose={closeDialog}
      footer={
        refusal === null ? (
          <>
            <button type="button" className="button button-secondary" autoFocus onClick={closeDialog}>
              {tt.removeNo}
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirmDeleteTicketType()}>
              {tt.removeYes}
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={closeDialog}>
            {m.close}
          </button>
        )
      }
    >
      {refusal !== null && (
        <p className="mgr-message mgr-message-warn mgr-message-inline" role="alert" data-refusal={refusal}>
          {tt.refusal[refusal](type.name)}
        </p>
      )}
    </Modal>
  );
}
