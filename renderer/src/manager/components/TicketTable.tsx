// The table of tickets a roster and a guest search both show: number (opens the ticket), name,
// phone, the party (size, types, total), and a last column each panel fills in its own way.
import type { ReactNode } from 'react';
import type { TicketRow } from '../../../../main/common/schemas';
import { partyLine } from '../lib/party';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';

interface TicketTableProps<T extends TicketRow> {
  rows: T[];
  caption: string;
  lastHeading: string;
  lastCell(row: T): ReactNode;
  testId?: string;
}

export function TicketTable<T extends TicketRow>({ rows, caption, lastHeading, lastCell, testId }: TicketTableProps<T>) {
  const m = useManagerMessages();
  const { openTicket } = useManagerActions();
  const currency = useManager((s) => s.currency);
  return (
    <table className="grid roster-table" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="cell-num">
            {m.roster.ticket}
          </th>
          <th scope="col">{m.roster.name}</th>
          <th scope="col">{m.roster.phone}</th>
          <th scope="col">{m.party.party}</th>
          <th scope="col">{lastHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.ticketId} className={`row-link${row.isExpired ? ' is-past' : ''}`} data-ticket-id={row.ticketId}>
            <td className="cell-num">
              <button type="button" className="row-button" aria-label={m.roster.open(row.ticketId, row.userName)} onClick={() => void openTicket(row.ticketId, row)}>
                {row.ticketId}
              </button>
              {/* Paper has no buttons: the number alone, shown only in print. */}
              <span className="print-only">{row.ticketId}</span>
            </td>
            <td className="cell-name">{row.userName}</td>
            <td className="cell-phone">{row.phoneNo}</td>
            <td className="cell-party party-summary" data-cell="party">
              {partyLine(row, currency, m)}
            </td>
            <td>{lastCell(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
