// A guest who lost their code: found by name in the door's snapshot (today's parties at this
// door's screens), admitted by hand with one tap, audited as "by name" with this device.
import { useDoorTimes } from '../hooks';
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

export function FindByName() {
  const m = useDoorMessages();
  const t = useDoorTimes();
  const query = useDoor((s) => s.nameQuery);
  const matches = useDoor((s) => s.nameMatches);
  const busy = useDoor((s) => s.busy);
  const hasSnapshot = useDoor((s) => s.snapshotAt !== null);
  const { searchName, admitByName } = useDoorActions();
  return (
    <details className="door-by-name" data-testid="door-by-name">
      <summary>{m.byName.heading}</summary>
      <label className="door-label" htmlFor="door-name">
        {m.byName.label}
      </label>
      <input
        id="door-name"
        className="door-input"
        autoComplete="off"
        value={query}
        disabled={!hasSnapshot}
        onChange={(event) => searchName(event.target.value)}
      />
      {!hasSnapshot && <p className="door-muted">{m.byName.noList}</p>}
      {query.trim().length >= 2 && matches.length === 0 && <p className="door-muted">{m.byName.none}</p>}
      <ul className="door-by-name-list">
        {matches.map(({ show, ticket }) => (
          <li key={ticket.ticketId} className="door-by-name-item">
            <span>
              <strong>{ticket.userName}</strong>
              <span className="door-muted"> · {m.byName.party(ticket.seats, ticket.admitted)} · {show.screenName} · {t.when(show.showTime)}</span>
            </span>
            <button type="button" className="button button-secondary" disabled={busy || ticket.admitted >= ticket.seats} onClick={() => void admitByName(ticket.ticketId)}>
              {m.byName.admit}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
