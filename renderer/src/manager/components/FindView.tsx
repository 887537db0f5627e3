// The counter's Find view (issue 22), for the counter and the manager: one box for a ticket code
// (any case, with or without dashes), a name or a phone in any form — /ticket/search reads which —
// and the tickets found with their code, party, payment and check-in. Opening one shows the
// ticket panel with its money and help (TicketCounter).
import { useId } from 'react';
import { SEARCH_QUERY_MAX, type SearchHit } from '../../../../main/common/schemas';
import { formatMoney } from '../../shared/lib/money';
import { useTimes } from '../hooks/useTimes';
import { partyLine } from '../lib/party';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { TicketPanel } from './TicketPanel';
import { ViewHead } from './ViewHead';

function FindForm() {
  const m = useManagerMessages();
  const id = useId();
  const value = useManager((s) => s.findQuery);
  const problem = useManager((s) => s.findProblem);
  const { typeFind, find } = useManagerActions();
  const describedBy = [problem ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(' ');
  return (
    <form
      className="counter-find"
      role="search"
      aria-label={m.find.heading}
      onSubmit={(event) => {
        event.preventDefault();
        void find();
      }}
    >
      <label htmlFor={id}>{m.find.label}</label>
      <div className="counter-find-row">
        <input
          id={id}
          name="find"
          className="mgr-input counter-target"
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={SEARCH_QUERY_MAX}
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => typeFind(event.target.value)}
        />
        <button type="submit" className="button button-primary counter-target">
          {m.find.submit}
        </button>
      </div>
      <p id={`${id}-hint`} className="mgr-hint">
        {m.find.hint}
      </p>
      {problem && (
        <p id={`${id}-error`} className="mgr-error" role="alert">
          {m.find[problem]}
        </p>
      )}
    </form>
  );
}

function paidText(m: ReturnType<typeof useManagerMessages>, hit: SearchHit, currency: string | null): string {
  if (hit.amountDue === 0) return m.find.paid;
  return m.find.due(currency === null ? String(hit.amountDue) : formatMoney(hit.amountDue, currency, m.localeTag));
}

function checkInText(m: ReturnType<typeof useManagerMessages>, hit: SearchHit): string {
  if (hit.admitted === 0) return m.find.notIn;
  return hit.admitted >= hit.seats ? m.find.allIn : m.find.partlyIn(hit.admitted, hit.seats);
}

function FindResults() {
  const m = useManagerMessages();
  const results = useManager((s) => s.findResults);
  const currency = useManager((s) => s.currency);
  const { openFound } = useManagerActions();
  const t = useTimes();
  if (results === null) return null;
  const { query, hits } = results;
  if (hits === null) return <p className="pane-empty" role="status">{m.find.searching}</p>;
  if (hits.length === 0) return <p className="pane-empty" role="status">{m.find.none(query)}</p>;
  const c = m.find.columns;
  return (
    <div className="counter-results">
      <p className="pane-sub" role="status">
        {m.find.count(hits.length, query)}
      </p>
      <table className="grid" data-testid="find-results">
        <caption className="sr-only">{m.find.count(hits.length, query)}</caption>
        <thead>
          <tr>
            <th scope="col">{c.code}</th>
            <th scope="col">{c.guest}</th>
            <th scope="col">{c.show}</th>
            <th scope="col">{c.party}</th>
            <th scope="col">{c.paid}</th>
            <th scope="col">{c.checkIn}</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((hit) => {
            const code = hit.ticketCode ?? `#${hit.ticketId}`;
            return (
              <tr key={hit.ticketId} data-ticket-id={hit.ticketId}>
                <th scope="row">
                  <button type="button" className="button button-link counter-target counter-code-button" onClick={() => void openFound(hit)}>
                    {code}
                  </button>
                </th>
                <td>{hit.userName}</td>
                <td>
                  {t.when(hit.showTime)}
                  {hit.title !== null && <> · {hit.title}</>}
                </td>
                <td>{partyLine({ ...hit, total: 0 }, null, m)}</td>
                <td>
                  <span className={`tag ${hit.amountDue === 0 ? 'tag-ok' : 'tag-warn'}`}>{paidText(m, hit, currency)}</span>
                </td>
                <td>{checkInText(m, hit)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function FindView() {
  const m = useManagerMessages();
  const id = useId();
  const showTicket = useManager((s) => s.panel === 'ticket' && s.ticket !== null);
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-devices counter-view" data-view="find" aria-labelledby={`${id}-h`}>
      <ViewHead headingId={`${id}-h`} heading={m.find.heading} sub={m.find.sub} />
      <FindForm />
      {showTicket ? <TicketPanel /> : <FindResults />}
    </main>
  );
}
