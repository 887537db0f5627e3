// The tickets a name or phone search found (/ticket/search): upcoming shows and the last two
// days, each row opening the ticket's detail.
import { useId } from 'react';
import { useTimes } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { TicketTable } from './TicketTable';

export function SearchResultsPanel() {
  const m = useManagerMessages();
  const id = useId();
  const results = useManager((s) => s.searchResults);
  const { backToRoster } = useManagerActions();
  const t = useTimes();
  if (results === null) return null;
  const { query, hits } = results;

  return (
    <section className="pane pane-detail" aria-labelledby={`${id}-heading`} data-panel="results">
      <div className="pane-head">
        <button type="button" className="button button-ghost button-back" onClick={backToRoster}>
          <span aria-hidden="true">‹ </span>
          {m.results.back}
        </button>
        <div className="pane-titles">
          <h2 id={`${id}-heading`}>{m.results.heading}</h2>
          <p className="pane-sub">
            {m.results.sub(query)}
            {hits !== null && hits.length > 0 && <> · {m.results.count(hits.length)}</>}
          </p>
        </div>
      </div>
      <div className="pane-body" aria-live="polite">
        {hits === null ? (
          <p className="pane-empty">{m.results.loading}</p>
        ) : hits.length === 0 ? (
          <p className="pane-empty">{m.results.none(query)}</p>
        ) : (
          <TicketTable
            rows={hits}
            caption={m.results.caption(query)}
            lastHeading={m.results.show}
            testId="search-results"
            lastCell={(hit) => (
              <>
                {t.when(hit.showTime)}
                {hit.title !== null && <> · {hit.title}</>}
                {hit.isExpired && <span className="tag tag-muted"> {m.roster.expired}</span>}
              </>
            )}
          />
        )}
      </div>
    </section>
  );
}
