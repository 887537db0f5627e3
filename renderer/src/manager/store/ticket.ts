// The ticket slice: finding a ticket (by number, or by guest name or phone through
// /ticket/search), its detail and history, moving and cancelling it.
import type { AuditEvent, SearchHit, Show, TicketRow } from '../../../../main/common/schemas';
import { mayRun } from '../../../../main/common/operations';
import { sameInstant } from '../../shared/lib/show-time';
import { noticeFor, type ManagerKit } from './kit';

export type TicketState = 'loading' | 'active' | 'expired' | 'cancelled';

export interface TicketDetail {
  ticketId: number;
  /** From lookupTicket, or the roster row it was opened from (expired tickets have no other source). */
  row: TicketRow | null;
  state: TicketState;
  /** Null while loading. */
  history: AuditEvent[] | null;
}

export interface TicketData {
  /** Which panel the right-hand side shows. */
  panel: 'roster' | 'ticket' | 'results';
  ticket: TicketDetail | null;
  search: string;
  searchProblem: 'empty' | 'tooShort' | null;
  /** The last name or phone search; `hits` is null while it is read. */
  searchResults: { query: string; hits: SearchHit[] | null } | null;
}

/** A short run of digits is a ticket number (ticket numbers still work in the one box). */
const TICKET_NUMBER = /^#?\d{1,6}$/;

export interface TicketActions {
  typeSearch(value: string): void;
  searchTicket(): Promise<void>;
  openTicket(ticketId: number, from?: TicketRow): Promise<void>;
  backToRoster(): void;
  askMove(): void;
  pickMoveTarget(show: Show): void;
  confirmMove(): Promise<void>;
  askCancel(): void;
  confirmCancel(): Promise<void>;
  /** Lets the guest in again (a wrong scan, a guest who left); audited as checkin_undone. */
  undoCheckIn(): Promise<void>;
}

/** Shows a ticket may move to: not over, not cancelled, not its own. Sold-out ones stay listed (and disabled). */
export function moveTargets(shows: readonly Show[], currentShowTime: string | null): Show[] {
  return shows.filter((s) => !s.isExpired && s.cancelledAt === null && (currentShowTime === null || !sameInstant(s.showTime, currentShowTime)));
}

/** Reads a ticket and its history into the ticket panel; an answer for an older read is dropped. */
export function createTicketLoader(kit: Pick<ManagerKit, 'set' | 'get' | 'transport' | 'connection' | 'handleCommon'>) {
  const { set, get, transport } = kit;
  let ticketSeq = 0;
  return async function loadTicket(ticketId: number, from?: TicketRow): Promise<void> {
    const seq = ++ticketSeq;
    const current = get().ticket;
    const keep = current?.ticketId === ticketId ? current : null;
    set({
      panel: 'ticket',
      ticket: { ticketId, row: from ?? keep?.row ?? null, state: keep?.state ?? 'loading', history: keep?.history ?? null },
    });
    // A counter may not read the audit trail: asking would only earn a 403 (and a console error).
    const role = get().deviceRole;
    const readsHistory = role === null || mayRun(role, 'ticketHistory');
    const [guest, history] = await Promise.all([
      transport.call('lookupTicket', { ticketId }),
      readsHistory ? transport.call('ticketHistory', { ticketId }) : Promise.resolve(null),
    ]);
    if (seq !== ticketSeq) return;
    const outage = [guest, history].some((r) => r !== null && !r.ok && r.error.code === 'DB_UNAVAILABLE');
    if (outage) return kit.connection.enterOutage(async () => {});
    const events = history?.ok ? history.value : null;
    if (guest.ok) {
      set({ ticket: { ticketId, row: guest.value, state: 'active', history: events ?? [] } });
      return;
    }
    const code = guest.error.code;
    if (code === 'SHOW_EXPIRED' || (code === 'TICKET_NOT_FOUND' && events !== null)) {
      const last = events?.at(-1);
      // The sweep marks a ticket expired, then removes it: neither is a cancellation.
      const state: TicketState = code === 'SHOW_EXPIRED' || last?.kind === 'expired' || last?.kind === 'removed' ? 'expired' : 'cancelled';
      const row = get().ticket?.row ?? null;
      set({ ticket: { ticketId, row, state, history: events ?? [] } });
      return;
    }
    if (code === 'TICKET_NOT_FOUND') {
      set({ ticket: null, panel: 'roster', notice: { kind: 'ticketNotFound' } });
      return;
    }
    set({ ticket: null, panel: 'roster' });
    kit.handleCommon(guest.error);
  };
}

export function createTicketSlice(kit: ManagerKit): TicketData & TicketActions {
  const { set, get } = kit;
  /** Each search gets a number; an answer for an older one is dropped. */
  let searchSeq = 0;
  return {
    panel: 'roster',
    ticket: null,
    search: '',
    searchProblem: null,
    searchResults: null,

    typeSearch(value) {
      set({ search: value, searchProblem: get().searchProblem === null || value.trim() === '' ? get().searchProblem : null });
    },

    async searchTicket() {
      const query = get().search.trim();
      if (query === '') return set({ searchProblem: 'empty' });
      if (TICKET_NUMBER.test(query)) {
        set({ searchProblem: null, notice: null, view: 'schedule' });
        return get().openTicket(Number(query.replace('#', '')));
      }
      if ([...query].length < 2) return set({ searchProblem: 'tooShort' });
      const seq = ++searchSeq;
      set({ searchProblem: null, notice: null, done: null, view: 'schedule', panel: 'results', searchResults: { query, hits: null } });
      const hits = await kit.read('searchTickets', { query }, (error) => {
        if (error.code !== 'INVALID_INPUT') return false;
        set({ searchProblem: 'tooShort', panel: 'roster', searchResults: null });
        return true;
      });
      // A newer search has started meanwhile: its answer is the one to show.
      if (hits !== null && seq === searchSeq) set({ searchResults: { query, hits } });
    },

    async openTicket(ticketId, from) {
      set({ notice: null, done: null });
      await kit.loadTicket(ticketId, from);
    },

    backToRoster() {
      // The Find view's ticket goes back to its search results.
      if (get().view === 'find') return get().backToResults();
      set({ panel: 'roster', notice: null });
      if (get().selectedShowId === null) {
        const showTime = get().ticket?.row?.showTime;
        const show = showTime ? get().shows.find((s) => sameInstant(s.showTime, showTime)) : undefined;
        if (show) void get().selectShow(show.showId);
      }
    },

    askMove() {
      const ticket = get().ticket;
      if (ticket?.state === 'active' && !ticket.row?.checkedInAt) set({ dialog: { kind: 'move' }, notice: null, done: null });
    },

    pickMoveTarget(show) {
      if (show.seatsLeft > 0 && !show.isExpired) set({ dialog: { kind: 'confirmMove', show } });
    },

    async confirmMove() {
      const { dialog, ticket, busy } = get();
      if (busy || dialog?.kind !== 'confirmMove' || ticket === null) return;
      const target = dialog.show;
      const moved = await kit.change('move', { ticketId: ticket.ticketId, showId: target.showId }, (error) => {
        const notice = noticeFor(error.code);
        if (notice === null) return false;
        // Sold out or over since the list was read: pick again from fresh numbers. Gone, or
        // checked in at the door meanwhile: show the ticket as it is now.
        const ticketChanged = error.code === 'TICKET_NOT_FOUND' || error.code === 'ALREADY_CHECKED_IN';
        set({ notice, dialog: ticketChanged ? null : { kind: 'move' } });
        if (ticketChanged) void kit.loadTicket(ticket.ticketId);
        void get().refreshShows();
        return true;
      });
      if (moved === null) return;
      set({ dialog: null, done: { kind: 'moved', ticketId: moved.ticketId, showTime: moved.showTime } });
      kit.refreshAfterChange();
      await kit.loadTicket(ticket.ticketId);
    },

    askCancel() {
      if (get().ticket?.state === 'active') set({ dialog: { kind: 'cancel' }, notice: null, done: null });
    },

    async confirmCancel() {
      const { dialog, ticket, busy } = get();
      if (busy || dialog?.kind !== 'cancel' || ticket === null) return;
      const cancelled = await kit.change('cancel', { ticketId: ticket.ticketId }, (error) => {
        if (error.code !== 'TICKET_NOT_FOUND') return false;
        set({ dialog: null, notice: { kind: 'ticketNotFound' } });
        void kit.loadTicket(ticket.ticketId);
        return true;
      });
      if (cancelled === null) return;
      set({ dialog: null, done: { kind: 'cancelled', ticketId: cancelled.ticketId } });
      kit.refreshAfterChange();
      await kit.loadTicket(ticket.ticketId);
    },

    async undoCheckIn() {
      const { ticket, busy } = get();
      if (busy || ticket === null || !ticket.row?.checkedInAt) return;
      const undone = await kit.change('undoCheckIn', { ticketId: ticket.ticketId });
      if (undone === null) return;
      kit.refreshAfterChange();
      await kit.loadTicket(ticket.ticketId);
    },
  };
}
