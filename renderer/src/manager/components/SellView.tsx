// The counter's Sell screen (issue 22): today's shows as big cards → seats per ticket type with
// the running total → payment (cash with the change to give, card with the terminal's reference,
// comp for a manager) → Sell → the code, its QR and the change in large type, with the ticket and
// the receipt to print. Two adults paying the exact cash: show, + Adult, + Adult, Exact, Sell.
// One h1 per step; the sale's result is announced in a polite live region.
import { useEffect, useRef, type ReactNode } from 'react';
import { formatTicketCode, ticketQrText } from '../../../../main/common/ticket-code';
import { QrCode } from '../../shared/components/QrCode';
import { formatMoney } from '../../shared/lib/money';
import { useTimes } from '../hooks/useTimes';
import { adoptCounterPaper } from '../lib/paper';
import { changeFor, commonTenders, seatsOf, todaysShows } from '../lib/sell';
import { showName } from '../lib/show-name';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { saleTotal, tenderedOf, type PayMethod, type SellProblem } from '../store/manager-store';
import { CounterPaper } from './CounterPaper';
import { Field } from './Field';

const HEADING_ID = 'sell-heading';

/** The step's h1 takes focus when the step changes, so a keyboard or screen reader follows. */
function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement !== document.body && document.activeElement?.closest('.mgr-sell') === null) return;
    ref.current?.focus();
  }, []);
  return (
    <h1 id={HEADING_ID} ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

function useMoneyText() {
  const m = useManagerMessages();
  const currency = useManager((s) => s.sellTypes?.currency ?? s.currency);
  return (minor: number) => (currency === null ? String(minor) : formatMoney(minor, currency, m.localeTag));
}

function ShowPicker() {
  const m = useManagerMessages();
  const times = useTimes();
  const timeZone = useManager((s) => s.timeZone);
  const allShows = useManager((s) => s.shows);
  const loaded = useManager((s) => s.showsLoaded);
  const { pickSellShow } = useManagerActions();
  const shows = todaysShows(allShows, times.now, timeZone);
  return (
    <>
      <div className="sell-head">
        <StepHeading>{m.sell.heading}</StepHeading>
        <p className="pane-sub">{m.sell.showsCaption}</p>
      </div>
      {!loaded ? (
        <p className="mgr-muted">{m.sell.loading}</p>
      ) : shows.length === 0 ? (
        <p className="mgr-muted">{m.sell.none}</p>
      ) : (
        <ul className="sell-shows" aria-labelledby={HEADING_ID}>
          {shows.map((show) => (
            <li key={show.showId}>
              <button type="button" className="sell-show" data-show-id={show.showId} disabled={show.seatsLeft === 0} onClick={() => void pickSellShow(show.showId)}>
                <span className="sell-show-time">{times.clock(show.showTime)}</span>
                <span className="sell-show-title">{showName(show, m.untitled)}</span>
                <span className="sell-show-screen">{show.screenName}</span>
                <span className="sell-show-left">{show.seatsLeft === 0 ? m.sell.soldOut : m.sell.seatsLeft(show.seatsLeft)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function problemText(m: ReturnType<typeof useManagerMessages>, problem: SellProblem, money: (n: number) => string): string {
  const p = m.sell.problems;
  switch (problem.kind) {
    case 'tenderShort':
      return p.tenderShort(money(problem.total));
    case 'fewSeats':
      return p.fewSeats(problem.seatsLeft);
    case 'quotaFull':
      return p.quotaFull(problem.name, problem.left);
    case 'typeGone':
      return p.typeGone(problem.name);
    case 'priceChanged':
      return p.priceChanged(money(problem.amountDue));
    default:
      return p[problem.kind];
  }
}

function Steppers() {
  const m = useManagerMessages();
  const types = useManager((s) => s.sellTypes);
  const counts = useManager((s) => s.sellCounts);
  const { stepCount } = useManagerActions();
  const money = useMoneyText();
  if (types === null) return <p className="mgr-muted">{m.sell.typesLoading}</p>;
  return (
    <ul className="sell-types" data-testid="sell-types">
      {types.ticketTypes.map((type) => {
        const count = counts[type.ticketTypeId] ?? 0;
        return (
          <li key={type.ticketTypeId} className="sell-type" data-ticket-type-id={type.ticketTypeId}>
            <span className="sell-type-name">
              {type.name}
              <span className="sell-type-price">
                {money(type.price)}
                {type.left !== null && ` · ${m.sell.typeLeft(type.left)}`}
              </span>
            </span>
            <button type="button" className="sell-step" aria-label={m.sell.fewer(type.name)} disabled={count === 0} onClick={() => stepCount(type.ticketTypeId, -1)}>
              −
            </button>
            <output className="sell-count" aria-label={m.sell.count(type.name, count)}>
              {count}
            </output>
            <button type="button" className="sell-step" aria-label={m.sell.more(type.name)} onClick={() => stepCount(type.ticketTypeId, 1)}>
              +
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function Payment({ total }: { total: number }) {
  const m = useManagerMessages();
  const method = useManager((s) => s.payMethod);
  const isManager = useManager((s) => s.deviceRole === 'manager');
  const tendered = useManager((s) => s.tendered);
  const given = useManager((s) => tenderedOf(s, s.currency));
  const change = given === null ? null : changeFor(total, given);
  const currency = useManager((s) => s.sellTypes?.currency ?? s.currency);
  const reference = useManager((s) => s.cardReference);
  const reason = useManager((s) => s.compReason);
  const problem = useManager((s) => s.sellProblem);
  const { choosePayMethod, tender, typeTendered, typeCardReference, typeCompReason } = useManagerActions();
  const money = useMoneyText();
  const methods: PayMethod[] = isManager ? ['cash', 'card', 'comp'] : ['cash', 'card'];
  const tenderProblem = problem && ['tenderMissing', 'tenderInvalid', 'tenderShort'].includes(problem.kind) ? problemText(m, problem, money) : null;
  return (
    <fieldset className="sell-payment">
      <legend>{m.sell.paymentHeading}</legend>
      <div className="sell-methods" role="group" aria-label={m.sell.paymentHeading}>
        {methods.map((key) => (
          <button key={key} type="button" className="sell-method" aria-pressed={method === key} onClick={() => choosePayMethod(key)}>
            {m.sell.methods[key]}
          </button>
        ))}
      </div>
      {method === 'cash' && total > 0 && currency !== null && (
        <>
          <div className="sell-tenders">
            <button type="button" className="sell-tender sell-tender-exact" aria-pressed={given === total} onClick={() => tender(total)}>
              {m.sell.exact(money(total))}
            </button>
            {commonTenders(total, currency).map((amount) => (
              <button key={amount} type="button" className="sell-tender" aria-pressed={given === amount} onClick={() => tender(amount)}>
                {m.sell.tenderAmount(money(amount))}
              </button>
            ))}
          </div>
          <Field label={m.sell.tendered(currency)} error={tenderProblem}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="tendered"
                className="mgr-input sell-tendered"
                inputMode="decimal"
                autoComplete="off"
                value={tendered}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => typeTendered(event.target.value)}
              />
            )}
          </Field>
          {change !== null && (
            <p className="sell-change-line" data-testid="sell-change">
              {m.sell.change}: <strong>{money(change)}</strong>
            </p>
          )}
        </>
      )}
      {method === 'card' && (
        <Field label={m.sell.reference}>
          {({ id }) => <input id={id} name="reference" className="mgr-input" autoComplete="off" maxLength={60} value={reference} onChange={(event) => typeCardReference(event.target.value)} />}
        </Field>
      )}
      {method === 'comp' && (
        <Field label={m.sell.reason} error={problem?.kind === 'reasonMissing' ? problemText(m, problem, money) : null}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="reason"
              className="mgr-input"
              autoComplete="off"
              maxLength={200}
              value={reason}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => typeCompReason(event.target.value)}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}

function Guest() {
  const m = useManagerMessages();
  const name = useManager((s) => s.buyerName);
  const phone = useManager((s) => s.buyerPhone);
  const { typeBuyerName, typeBuyerPhone } = useManagerActions();
  return (
    <details className="sell-guest">
      <summary>{m.sell.guestHeading}</summary>
      <p className="mgr-hint">{m.sell.walkIn}</p>
      <Field label={m.sell.name}>
        {({ id }) => <input id={id} name="userName" className="mgr-input" autoComplete="off" maxLength={100} value={name} onChange={(event) => typeBuyerName(event.target.value)} />}
      </Field>
      <Field label={m.sell.phone}>
        {({ id }) => <input id={id} name="phoneNo" className="mgr-input" type="tel" autoComplete="off" maxLength={30} value={phone} onChange={(event) => typeBuyerPhone(event.target.value)} />}
      </Field>
    </details>
  );
}

function SaleForm() {
  const m = useManagerMessages();
  const times = useTimes();
  const show = useManager((s) => s.shows.find((x) => x.showId === s.sellShowId) ?? null);
  const total = useManager(saleTotal);
  const seats = useManager((s) => seatsOf(s.sellCounts));
  const problem = useManager((s) => s.sellProblem);
  const busy = useManager((s) => s.busy);
  const { sell, backToShows } = useManagerActions();
  const money = useMoneyText();
  // Problems of a field are said at the field; the others above the Sell button.
  const general = problem && !['tenderMissing', 'tenderInvalid', 'tenderShort', 'reasonMissing'].includes(problem.kind) ? problemText(m, problem, money) : null;
  return (
    <form
      className="sell-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void sell();
      }}
    >
      <div className="sell-head">
        <StepHeading>{show ? `${times.clock(show.showTime)} · ${showName(show, m.untitled)}` : m.sell.heading}</StepHeading>
        {show && <p className="pane-sub">{`${show.screenName} · ${m.sell.seatsLeft(show.seatsLeft)}`}</p>}
        <button type="button" className="button button-secondary" onClick={backToShows}>
          {m.sell.changeShow}
        </button>
      </div>
      <div className="sell-columns">
        <section className="sell-seats" aria-labelledby="sell-seats-h">
          <h2 id="sell-seats-h">{m.sell.seatsHeading}</h2>
          <Steppers />
          <p className="sell-total" data-testid="sell-total" aria-live="polite">
            <span>{`${m.sell.total} · ${m.sell.seats(seats)}`}</span>
            <strong>{money(total)}</strong>
          </p>
        </section>
        <section className="sell-pay" aria-label={m.sell.paymentHeading}>
          <Payment total={total} />
          <Guest />
          {general && (
            <p className="mgr-error sell-problem" role="alert" data-problem={problem?.kind}>
              {general}
            </p>
          )}
          <button type="submit" className="button button-primary sell-submit" disabled={busy}>
            {m.sell.submit(money(total))}
          </button>
        </section>
      </div>
    </form>
  );
}

function SaleDone() {
  const m = useManagerMessages();
  const sale = useManager((s) => s.sale);
  const { printSale, nextSale } = useManagerActions();
  const money = useMoneyText();
  useEffect(() => adoptCounterPaper('receipt'), []);
  if (sale === null) return null;
  const code = formatTicketCode(sale.ticketCode.replace(/-/g, ''));
  const paper = {
    ticketId: sale.ticketId,
    ticketCode: sale.ticketCode,
    title: sale.title,
    screenName: sale.screenName,
    showTime: sale.showTime,
    userName: sale.userName,
    items: sale.items,
    total: sale.total,
    currency: sale.currency,
    payment: { method: sale.method, tendered: sale.tendered, change: sale.change, reference: sale.reference },
    at: sale.soldAt,
    device: sale.device,
  };
  return (
    <>
      <div className="sell-done" data-testid="sell-done">
        <div className="sell-done-main">
          <StepHeading>{m.sell.doneHeading}</StepHeading>
          <p className="sell-done-label">{m.sell.doneCode}</p>
          <p className="sell-done-code" data-testid="sell-code">
            {code}
          </p>
          <p className="sell-done-paid">{`${m.sell.seats(sale.seats)} · ${money(sale.total)} · ${m.sell.paidBy[sale.method]}`}</p>
          <div className="sell-done-change" data-testid="sell-done-change">
            <span>{sale.method === 'cash' && sale.change > 0 ? m.sell.changeLarge : m.sell.noChange}</span>
            {sale.method === 'cash' && sale.change > 0 && <strong>{money(sale.change)}</strong>}
          </div>
          <div className="sell-done-actions">
            <button type="button" className="button button-secondary" onClick={() => void printSale('ticket')}>
              {m.sell.printTicket}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void printSale('receipt')}>
              {m.sell.printReceipt}
            </button>
            <button type="button" className="button button-primary" onClick={nextSale}>
              {m.sell.nextSale}
            </button>
          </div>
        </div>
        <div className="sell-done-qr">
          <QrCode text={ticketQrText(sale.ticketCode.replace(/-/g, ''))} label={m.sell.qrAlt(code)} size={220} />
        </div>
      </div>
      <CounterPaper kind="receipt" {...paper} />
      <CounterPaper kind="ticket" {...paper} />
    </>
  );
}

/** Polite, and present before the sale, so the sentence put in it is read out. */
function SaleAnnouncer() {
  const m = useManagerMessages();
  const sale = useManager((s) => s.sale);
  const money = useMoneyText();
  const text =
    sale === null ? '' : m.sell.announce(m.sell.seats(sale.seats), formatTicketCode(sale.ticketCode.replace(/-/g, '')), sale.method === 'cash' && sale.change > 0 ? money(sale.change) : null);
  return (
    <p className="sr-only" role="status" data-testid="sell-announce">
      {text}
    </p>
  );
}

export function SellView() {
  const step = useManager((s) => s.sellStep);
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-sell" data-view="sell" data-step={step} aria-labelledby={HEADING_ID}>
      <SaleAnnouncer />
      {step === 'show' ? <ShowPicker /> : step === 'sale' ? <SaleForm /> : <SaleDone />}
    </main>
  );
}
