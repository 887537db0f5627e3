// The counter's money dialogs on the open ticket (issue 22): take its payment (cash with the
// change to give, or card with the terminal's reference), give money back (whole seats or an
// amount, never more than it holds, with a reason), cancel a paid ticket with or without its
// refund, and count a drawer at the cash-up. All are the shared Dialog (through Modal).
import { useRef, useState } from 'react';
import { Dialog } from '../../shared/components/Dialog';
import { formatMoney } from '../../shared/lib/money';
import { parsePrice } from '../lib/price';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { changeFor, type MoneyProblem, type PayMethod } from '../store/find';
import { Field } from './Field';
import { FormDialog } from './FormDialog';

function useMoneyText() {
  const m = useManagerMessages();
  const currency = useManager((s) => s.currency) ?? 'USD';
  return { currency, money: (minor: number) => formatMoney(minor, currency, m.localeTag) };
}

function problemText(m: ReturnType<typeof useManagerMessages>, problem: MoneyProblem | null, money: (n: number) => string): string | null {
  if (problem === null) return null;
  const p = m.money.problems;
  switch (problem.kind) {
    case 'amountDue':
      return p.amountDue(money(problem.amountDue));
    case 'tooLarge':
      return p.tooLarge(money(problem.refundable));
    default:
      return p[problem.kind];
  }
}

/** What the pay and refund dialogs read of the open ticket, with its problem worded. */
function useOpenTicketMoney() {
  const m = useManagerMessages();
  const { money, currency } = useMoneyText();
  const row = useManager((s) => s.ticket?.row ?? null);
  const ticketId = useManager((s) => s.ticket?.ticketId ?? 0);
  const busy = useManager((s) => s.busy);
  const problem = useManager((s) => s.moneyProblem);
  return { m, money, currency, row, ticketId, busy, problem, error: problemText(m, problem, money) };
}

function MethodChoice({ value, onChange, legend }: { value: PayMethod; onChange(method: PayMethod): void; legend: string }) {
  const m = useManagerMessages();
  return (
    <fieldset className="mgr-field counter-methods">
      <legend>{legend}</legend>
      {(['cash', 'card'] as const).map((method) => (
        <label key={method} className="counter-choice">
          <input type="radio" name="method" value={method} checked={value === method} onChange={() => onChange(method)} />
          {m.money[method]}
        </label>
      ))}
    </fieldset>
  );
}

export function PayDialog() {
  const { m, money, currency, row, ticketId, busy, problem, error } = useOpenTicketMoney();
  const { confirmPay, closeDialog } = useManagerActions();
  const [method, setMethod] = useState<PayMethod>('cash');
  const [tendered, setTendered] = useState('');
  const [reference, setReference] = useState('');
  const due = row?.amountDue ?? 0;
  const given = tendered.trim() === '' ? null : parsePrice(tendered, currency);
  const change = given === null ? null : changeFor(due, given);
  return (
    <FormDialog
      formId="counter-pay"
      title={m.money.payTitle(ticketId)}
      description={m.money.payBody(money(due))}
      cancelLabel={m.money.cancel}
      submitLabel={m.money.paySubmit(money(due))}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void confirmPay(method === 'cash' ? { method, tendered: tendered.trim() === '' ? null : (given ?? -1) } : { method, reference })}
    >
      <MethodChoice value={method} onChange={setMethod} legend={m.money.method} />
      {method === 'cash' ? (
        <Field label={m.money.tendered} hint={m.money.tenderedHint} error={problem?.kind === 'tendered' ? error : null}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="tendered"
              className="mgr-input"
              inputMode="decimal"
              autoComplete="off"
              value={tendered}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setTendered(event.target.value)}
            />
          )}
        </Field>
      ) : (
        <Field label={m.money.reference} hint={m.money.referenceHint} error={problem?.kind === 'reference' ? error : null}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="reference"
              className="mgr-input"
              autoComplete="off"
              maxLength={60}
              value={reference}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setReference(event.target.value)}
            />
          )}
        </Field>
      )}
      {method === 'cash' && change !== null && (
        <p className="counter-change" role="status" data-testid="pay-change">
          {m.money.change(money(change))}
        </p>
      )}
      {error && problem?.kind !== 'tendered' && problem?.kind !== 'reference' && (
        <p className="mgr-error" role="alert">
          {error}
        </p>
      )}
    </FormDialog>
  );
}

export function RefundDialog() {
  const { m, money, currency, row, ticketId, busy, problem, error } = useOpenTicketMoney();
  const { confirmRefund, closeDialog } = useManagerActions();
  const refundable = row?.refundable ?? 0;
  const priced = (row?.items ?? []).filter((i) => i.unitPrice > 0 && i.unitPrice <= refundable);
  const [what, setWhat] = useState<'seats' | 'amount'>(priced.length > 0 ? 'seats' : 'amount');
  const [seats, setSeats] = useState<Record<number, number>>({});
  const [amountText, setAmountText] = useState('');
  const [method, setMethod] = useState<PayMethod>('cash');
  const [reason, setReason] = useState('');
  const seatsAmount = priced.reduce((n, i) => n + (seats[i.ticketTypeId] ?? 0) * i.unitPrice, 0);
  const chosenSeats = priced.filter((i) => (seats[i.ticketTypeId] ?? 0) > 0).map((i) => ({ ticketTypeId: i.ticketTypeId, count: seats[i.ticketTypeId]! }));
  const amount = what === 'seats' ? (seatsAmount > 0 ? seatsAmount : null) : parsePrice(amountText, currency);
  return (
    <FormDialog
      formId="counter-refund"
      title={m.money.refundTitle(ticketId)}
      description={m.money.refundBody(money(refundable))}
      cancelLabel={m.money.cancel}
      submitLabel={m.money.refundSubmit(money(amount ?? 0))}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void confirmRefund(what === 'seats' ? { amount, items: chosenSeats, method, reason } : { amount, method, reason })}
    >
      {priced.length > 0 && (
        <fieldset className="mgr-field counter-methods">
          <legend>{m.money.refundWhat}</legend>
          <label className="counter-choice">
            <input type="radio" name="what" checked={what === 'seats'} onChange={() => setWhat('seats')} />
            {m.money.refundSeats}
          </label>
          <label className="counter-choice">
            <input type="radio" name="what" checked={what === 'amount'} onChange={() => setWhat('amount')} />
            {m.money.refundAmount}
          </label>
        </fieldset>
      )}
      {what === 'seats'
        ? priced.map((item) => (
            <Field key={item.ticketTypeId} label={m.money.seatsOf(item.name, money(item.unitPrice))}>
              {({ id, describedBy }) => (
                <input
                  id={id}
                  name={`seats-${item.ticketTypeId}`}
                  className="mgr-input"
                  type="number"
                  min={0}
                  max={Math.min(item.count, Math.floor(refundable / item.unitPrice))}
                  value={seats[item.ticketTypeId] ?? 0}
                  aria-describedby={describedBy}
                  onChange={(event) => setSeats({ ...seats, [item.ticketTypeId]: Math.max(0, Math.trunc(Number(event.target.value) || 0)) })}
                />
              )}
            </Field>
          ))
        : (
            <Field label={m.money.amount} error={problem?.kind === 'amount' || problem?.kind === 'tooLarge' ? error : null}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="amount"
                  className="mgr-input"
                  inputMode="decimal"
                  autoComplete="off"
                  value={amountText}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => setAmountText(event.target.value)}
                />
              )}
            </Field>
          )}
      <MethodChoice value={method} onChange={setMethod} legend={m.money.refundMethod} />
      <Field label={m.money.reason} error={problem?.kind === 'reason' ? error : null}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="reason"
            className="mgr-input"
            maxLength={200}
            autoComplete="off"
            required
            value={reason}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      {error && (what === 'seats' ? problem?.kind !== 'reason' : problem?.kind !== 'amount' && problem?.kind !== 'tooLarge' && problem?.kind !== 'reason') && (
        <p className="mgr-error" role="alert">
          {error}
        </p>
      )}
    </FormDialog>
  );
}

/** Cancelling a ticket: when it holds money, whether to give it back (cash or card) or not. */
export function CancelTicketDialog() {
  const m = useManagerMessages();
  const { money } = useMoneyText();
  const ticket = useManager((s) => s.ticket);
  const { confirmCancel, confirmCancelWithRefund, closeDialog } = useManagerActions();
  const keep = useRef<HTMLButtonElement>(null);
  const refundable = ticket?.row?.refundable ?? 0;
  const name = ticket?.row?.userName ?? m.ticket.guest;
  const paid = refundable > 0;
  return (
    <Dialog
      role="alertdialog"
      title={paid ? m.money.cancelPaidTitle(ticket?.ticketId ?? 0) : m.cancel.confirmTitle(ticket?.ticketId ?? 0)}
      description={paid ? m.money.cancelPaidBody(name, money(refundable)) : m.cancel.confirmBody(name)}
      onClose={closeDialog}
      initialFocus={keep}
      actions={
        <>
          <button ref={keep} type="button" className="button button-secondary" onClick={closeDialog}>
            {paid ? m.money.keep : m.cancel.confirmNo}
          </button>
          {paid &&
            (['cash', 'card'] as const).map((method) => (
              <button key={method} type="button" className="button button-danger" onClick={() => void confirmCancelWithRefund(method)}>
                {m.money.cancelAndRefund(money(refundable), m.money[method])}
              </button>
            ))}
          <button type="button" className={paid ? 'button button-danger-outline' : 'button button-danger'} onClick={() => void confirmCancel()}>
            {paid ? m.money.cancelWithoutRefund : m.cancel.confirmYes}
          </button>
        </>
      }
    />
  );
}

export function CountDrawerDialog() {
  const m = useManagerMessages();
  const { money, currency } = useMoneyText();
  const counting = useManager((s) => s.counting);
  const problem = useManager((s) => s.countProblem);
  const busy = useManager((s) => s.busy);
  const { closeDrawer, cancelCount } = useManagerActions();
  const [text, setText] = useState('');
  if (counting === null) return null;
  return (
    <FormDialog
      formId="counter-count"
      title={m.cashup.countTitle(counting.device)}
      description={m.cashup.countBody(money(counting.expected))}
      cancelLabel={m.money.cancel}
      submitLabel={m.cashup.countSubmit}
      busy={busy}
      onClose={cancelCount}
      onSubmit={() => void closeDrawer(parsePrice(text, currency))}
    >
      <Field label={m.cashup.countedLabel} error={problem === 'amount' ? m.cashup.countProblem : null}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="counted"
            className="mgr-input"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
