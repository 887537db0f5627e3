// Ticket types: the kinds of ticket guests pick, in the order the kiosk shows them, with their
// prices in the manager's language. Reordering, taking off sale and the default are one click
// on the row; adding, editing and deleting happen in dialogs (TicketTypeDialogs.tsx).
import { useId } from 'react';
import type { TicketType } from '../../../../main/common/schemas';
import { formatMoney } from '../../shared/lib/money';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { ViewHead } from './ViewHead';

function TypeRow({ type, index, count, currency }: { type: TicketType; index: number; count: number; currency: string }) {
  const m = useManagerMessages();
  const tt = m.ticketTypes;
  const busy = useManager((s) => s.busy);
  const { moveTicketType, openTicketType, setTicketTypeActive, makeDefaultTicketType, askDeleteTicketType } = useManagerActions();
  return (
    <tr data-ticket-type-id={type.ticketTypeId} className={type.active ? undefined : 'row-muted'}>
      <td className="cell-order">
        <button type="button" className="button button-secondary button-small" aria-label={tt.up(type.name)} disabled={busy || index === 0} onClick={() => void moveTicketType(type, -1)}>
          <span aria-hidden="true">↑</span>
        </button>
        <button type="button" className="button button-secondary button-small" aria-label={tt.down(type.name)} disabled={busy || index === count - 1} onClick={() => void moveTicketType(type, 1)}>
          <span aria-hidden="true">↓</span>
        </button>
      </td>
      <th scope="row" className="cell-title">
        {type.name}
        {type.isDefault && <span className="tag tag-muted">{tt.isDefault}</span>}
        {type.accessible && (
          <span className="tag tag-muted" data-tag="accessible">
            {tt.accessibleMark}
          </span>
        )}
        {type.heldForCounter > 0 && (
          <span className="tag tag-muted" data-tag="held">
            {tt.heldMark(type.heldForCounter)}
          </span>
        )}
      </th>
      <td className="cell-figure" data-cell="price">
        {formatMoney(type.price, currency, m.localeTag)}
      </td>
      <td className="cell-figure">{type.quotaPerShow ?? tt.noQuota}</td>
      <td data-cell="status">{type.active ? tt.onSale : tt.offSale}</td>
      <td className="cell-actions">
        <button type="button" className="button button-secondary button-small" aria-label={tt.editType(type.name)} onClick={() => openTicketType(type)}>
          {tt.edit}
        </button>
        {!type.isDefault &&
          (type.active ? (
            <button type="button" className="button button-secondary button-small" aria-label={tt.deactivateType(type.name)} disabled={busy} onClick={() => void setTicketTypeActive(type, false)}>
              {tt.deactivate}
            </button>
          ) : (
            <button type="button" className="button button-secondary button-small" aria-label={tt.activateType(type.name)} disabled={busy} onClick={() => void setTicketTypeActive(type, true)}>
              {tt.activate}
            </button>
          ))}
        {!type.isDefault && type.active && (
          <button type="button" className="button button-secondary button-small" aria-label={tt.makeDefaultType(type.name)} disabled={busy} onClick={() => void makeDefaultTicketType(type)}>
            {tt.makeDefault}
          </button>
        )}
        {!type.isDefault && !type.inUse && (
          <button type="button" className="button button-danger-outline button-small" aria-label={tt.removeType(type.name)} onClick={() => askDeleteTicketType(type)}>
            {tt.remove}
          </button>
        )}
      </td>
    </tr>
  );
}

export function TicketTypesView() {
  const m = useManagerMessages();
  const tt = m.ticketTypes;
  const id = useId();
  const types = useManager((s) => s.ticketTypes);
  const currency = useManager((s) => s.currency);
  const { openTicketType } = useManagerActions();
  return (
    <main className="mgr-main mgr-catalog" aria-labelledby={`${id}-h`} data-view="ticketTypes">
      <ViewHead headingId={`${id}-h`} heading={tt.heading} sub={tt.subheading} />
      <section className="mgr-card catalog-card" aria-labelledby={`${id}-list`} data-testid="ticket-types">
        <div className="catalog-card-head">
          <h2 id={`${id}-list`}>{tt.heading}</h2>
          <button type="button" className="button button-primary" disabled={currency === null} onClick={() => openTicketType(null)}>
            <span aria-hidden="true" className="button-icon">
              +
            </span>
            {tt.add}
          </button>
        </div>
        {types === null || currency === null ? (
          <p className="pane-empty">{tt.loading}</p>
        ) : types.length === 0 ? (
          <p className="pane-empty">{tt.none}</p>
        ) : (
          <table className="grid catalog-table">
            <caption className="sr-only">{tt.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{tt.order}</th>
                <th scope="col">{tt.name}</th>
                <th scope="col" className="cell-figure">
                  {tt.price}
                </th>
                <th scope="col" className="cell-figure">
                  {tt.quota}
                </th>
                <th scope="col">{tt.status}</th>
                <th scope="col" className="cell-actions">
                  {tt.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {types.map((type, index) => (
                <TypeRow key={type.ticketTypeId} type={type} index={index} count={types.length} currency={currency} />
              ))}
            </tbody>
          </table>
        )}
        <p className="mgr-hint">{tt.defaultHint}</p>
      </section>
    </main>
  );
}
