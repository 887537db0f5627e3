// What every manager slice needs from the others: the connection, the two ways to ask the box
// office (a read that heals by itself, a change the staff waits for) and the common error
// handling. Built once in manager-store.ts and handed to each slice.
import type { ErrorBody, ErrorCode } from '../../../../main/common/errors';
import type { CallOptions, OperationInput, OperationName, OperationOutput } from '../../../../main/common/operations';
import type { TicketRow } from '../../../../main/common/schemas';
import type { Connection } from '../../shared/store/connection';
import type { Transport } from '../../shared/transport';
import type { ManagerState, Notice } from './manager-store';

export type SetManager = (partial: Partial<ManagerState>) => void;
export type GetManager = () => ManagerState;

export interface ManagerKit {
  set: SetManager;
  get: GetManager;
  transport: Transport;
  now: () => number;
  connection: Connection;
  /** A read: outages retry by themselves; `handle` explains the errors it knows (true = handled). */
  read<K extends OperationName>(name: K, input: OperationInput<K>, handle?: (error: ErrorBody) => boolean): Promise<OperationOutput<K> | null>;
  /** A change the staff waits for: busy flag; after an outage the staff checks and repeats it. */
  change<K extends OperationName>(name: K, input: OperationInput<K>, handle?: (error: ErrorBody) => boolean, call?: CallOptions): Promise<OperationOutput<K> | null>;
  handleCommon(error: ErrorBody): void;
  loadTicket(ticketId: number, from?: TicketRow): Promise<void>;
  /** Re-reads the schedule and the open roster after a change. */
  refreshAfterChange(): void;
}

/** The calm sentence for the errors a ticket change can meet. */
export function noticeFor(code: ErrorCode): Notice | null {
  switch (code) {
    case 'HOUSEFULL':
      return { kind: 'housefull' };
    case 'SHOW_EXPIRED':
      return { kind: 'showExpired' };
    case 'SHOW_CANCELLED':
      return { kind: 'showCancelled' };
    case 'TICKET_NOT_FOUND':
      return { kind: 'ticketNotFound' };
    case 'ALREADY_CHECKED_IN':
      return { kind: 'checkedIn' };
    case 'INVALID_INPUT':
      return { kind: 'invalid' };
    default:
      return null;
  }
}
