// The counter's Find slice (issue 22): one box that finds a guest by ticket code, name or phone
// (the server reads which it is: /ticket/search), and the money and help on the ticket opened —
// take its payment, give money back, check it in by hand, print it again. Every money request
// carries an Idempotency-Key made when its dialog opens, so sending it again after a lost
// answer (an outage, a double tap) takes or gives the money once.
import type { SearchHit } from '../../../../main/common/schemas';
import { changeFor } from '../lib/sell';
import type { ManagerKit } from './kit';

export { changeFor };

export type PayMethod = 'cash' | 'card';

/** What the last money action on the open ticket did, said in the ticket panel. */
export type MoneyOutcome =
  | { kind: 'paid'; ticketId: number; amount: number; method: PayMethod; change: number }
  | { kind: 'refunded'; ticketId: number; amount: number; method: PayMethod }
  | { kind: 'checkedIn'; ticketId: number }
  | { kind: 'checkInRefused'; ticketId: number; reason: 'notOpen' | 'closed' | 'already' };

/** Why a money dialog could not go through; the dialog stays open and says it. */
export type MoneyProblem =
  | { kind: 'tendered' | 'reference' | 'amount' | 'reason' }
  | { kind: 'amountDue'; amountDue: number }
  | { kind: 'alreadyPaid' }
  | { kind: 'tooLarge'; refundable: number }
  | { kind: 'notYours' };

export interface FindData {
  findQuery: string;
  findProblem: 'empty' | 'tooShort' | null;
  /** The last search; `hits` is null while it is read. */
  findResults: { query: string; hits: SearchHit[] | null } | null;
  moneyProblem: MoneyProblem | null;
  moneyOutcome: MoneyOutcome | null;
}

export interface PayRequest {
  method: PayMethod;
  /** Cash handed over, minor units (cash only): the change is tendered − amount due. */
  tendered?: number | null;
  /** The card terminal's reference (card only). */
  reference?: string;
}

export interface RefundRequest {
  amount: number | null;
  /** Whole seats to give back with their money (the amount is then theirs); absent: an amount only. */
  items?: Array<{ ticketTypeId: number; count: number }>;
  method: PayMethod;
  reason: string;
}

export interface FindActions {
  typeFind(value: string): void;
  find(): Promise<void>;
  /** Opens a hit in the ticket panel of the Find view. */
  openFound(hit: SearchHit): Promise<void>;
  backToResults(): void;
  askPay(): void;
  confirmPay(request: PayRequest): Promise<void>;
  askRefund(): void;
  confirmRefund(request: RefundRequest): Promise<void>;
  /** Checks the whole party in at the counter: audited as by hand ("by name"), with this device. */
  checkInByHand(): Promise<void>;
  /** Prints the open ticket again on the 80 mm printer. */
  reprint(): Promise<void>;
  /** Cancelling a paid ticket: give back what it holds first (cash or card), then cancel. */
  confirmCancelWithRefund(method: PayMethod): Promise<void>;
}

/** A fresh Idempotency-Key: one per dialog opened, reused by every send from it. */
const newKey = (): string => crypto.randomUUID();


export function createFindSlice(kit: ManagerKit): FindData & FindActions {
  const { set, get } = kit;
  let searchSeq = 0;
  /** The key of the dialog open now (payment, refund, or the refund of a cancel). */
  let moneyKey = newKey();

  const openRow = () => {
    const ticket = get().ticket;
    return ticket?.state === 'active' && ticket.row ? { ticketId: ticket.ticketId, row: ticket.row } : null;
  };

  /** The ticket as it is now, and the search's line for it too. */
  async function reread(ticketId: number): Promise<void> {
    kit.refreshAfterChange();
    await kit.loadTicket(ticketId);
    const results = get().findResults;
    const row = get().ticket?.row;
    if (results?.hits && row) {
      set({ findResults: { ...results, hits: results.hits.map((h) => (h.ticketId === ticketId ? { ...h, ...row } : h)) } });
    }
  }

  return {
    findQuery: '',
    findProblem: null,
    findResults: null,
    moneyProblem: null,
    moneyOutcome: null,

    typeFind(value) {
      set({ findQuery: value, findProblem: value.trim() === '' ? get().findProblem : null });
    },

    async find() {
      const query = get().findQuery.trim();
      if (query === '') return set({ findProblem: 'empty' });
      if ([...query].length < 2) return set({ findProblem: 'tooShort' });
      const seq = ++searchSeq;
      set({ findProblem: null, notice: null, done: null, panel: 'results', findResults: { query, hits: null }, moneyOutcome: null });
      const hits = await kit.read('searchTickets', { query }, (error) => {
        if (error.code !== 'INVALID_INPUT') return false;
        set({ findProblem: 'tooShort', findResults: null });
        return true;
      });
      if (hits !== null && seq === searchSeq) set({ findResults: { query, hits } });
    },

    async openFound(hit) {
      set({ notice: null, done: null, moneyOutcome: null });
      await kit.loadTicket(hit.ticketId, hit);
    },

    backToResults() {
      set({ panel: 'results', moneyOutcome: null });
    },

    askPay() {
      const open = openRow();
      if (open === null || open.row.amountDue === 0) return;
      moneyKey = newKey();
      set({ dialog: { kind: 'pay' }, moneyProblem: null, moneyOutcome: null, notice: null, done: null });
    },

    async confirmPay(request) {
      const open = openRow();
      if (get().busy || get().dialog?.kind !== 'pay' || open === null) return;
      const amount = open.row.amountDue;
      if (request.method === 'cash' && request.tendered !== undefined && request.tendered !== null && changeFor(amount, request.tendered) === null) {
        return set({ moneyProblem: { kind: 'tendered' } });
      }
      const reference = request.reference?.trim();
      const payment = request.method === 'cash'
        ? { method: 'cash' as const, amount, ...(request.tendered ? { tendered: request.tendered } : {}) }
        : { method: 'card' as const, amount, ...(reference ? { reference } : {}) };
      const paid = await kit.change('payTicket', { ticketId: open.ticketId, payment }, (error) => {
        if (error.code === 'AMOUNT_MISMATCH') set({ moneyProblem: { kind: 'amountDue', amountDue: Number(error.details?.amountDue ?? amount) } });
        else if (error.code === 'ALREADY_PAID') set({ moneyProblem: { kind: 'alreadyPaid' } });
        else if (error.code === 'INVALID_INPUT') set({ moneyProblem: { kind: error.field === 'payment' && request.method === 'card' ? 'reference' : 'tendered' } });
        else return false;
        // The ticket changed under us (paid at another counter, or its seats): read it again.
        void kit.loadTicket(open.ticketId);
        return true;
      }, { idempotencyKey: moneyKey });
      if (paid === null) return;
      set({ dialog: null, moneyProblem: null, moneyOutcome: { kind: 'paid', ticketId: open.ticketId, amount, method: request.method, change: paid.change } });
      await reread(open.ticketId);
    },

    askRefund() {
      const open = openRow();
      if (open === null || open.row.refundable === 0) return;
      moneyKey = newKey();
      set({ dialog: { kind: 'refund' }, moneyProblem: null, moneyOutcome: null, notice: null, done: null });
    },

    async confirmRefund({ amount, items, method, reason }) {
      const open = openRow();
      if (get().busy || get().dialog?.kind !== 'refund' || open === null) return;
      if (amount === null || amount <= 0 || amount > open.row.refundable) return set({ moneyProblem: { kind: 'amount' } });
      if (reason.trim() === '') return set({ moneyProblem: { kind: 'reason' } });
      // Seats go back on sale with their money (the server works out the amount as they were sold).
      const what = items !== undefined && items.length > 0 ? { items } : { amount };
      const refunded = await kit.change('refundTicket', { ticketId: open.ticketId, ...what, method, reason: reason.trim() }, (error) => {
        if (error.code === 'REFUND_TOO_LARGE') set({ moneyProblem: { kind: 'tooLarge', refundable: Number(error.details?.refundable ?? 0) } });
        else if (error.code === 'FORBIDDEN') set({ moneyProblem: { kind: 'notYours' } });
        else if (error.code === 'INVALID_INPUT' || error.code === 'NOT_IN_PARTY') set({ moneyProblem: { kind: error.field === 'reason' ? 'reason' : 'amount' } });
        else return false;
        void kit.loadTicket(open.ticketId);
        return true;
      }, { idempotencyKey: moneyKey });
      if (refunded === null) return;
      set({ dialog: null, moneyProblem: null, moneyOutcome: { kind: 'refunded', ticketId: open.ticketId, amount, method } });
      await reread(open.ticketId);
    },

    async checkInByHand() {
      const open = openRow();
      if (get().busy || open === null || open.row.admitted >= open.row.seats) return;
      const admitted = await kit.change('checkIn', { ticketId: open.ticketId, byName: true }, (error) => {
        const reason = error.code === 'CHECKIN_NOT_OPEN' ? 'notOpen' : error.code === 'CHECKIN_CLOSED' ? 'closed' : error.code === 'ALREADY_CHECKED_IN' ? 'already' : null;
        if (reason === null) return false;
        set({ moneyOutcome: { kind: 'checkInRefused', ticketId: open.ticketId, reason } });
        return true;
      });
      if (admitted === null) return;
      set({ moneyOutcome: { kind: 'checkedIn', ticketId: open.ticketId } });
      await reread(open.ticketId);
    },

    async reprint() {
      if (openRow() === null) return;
      const printed = await kit.transport.printTicket();
      if (!printed.ok) kit.handleCommon(printed.error);
    },

    async confirmCancelWithRefund(method) {
      const open = openRow();
      if (get().busy || get().dialog?.kind !== 'cancel' || open === null) return;
      if (open.row.refundable > 0) {
        const refunded = await kit.change(
          'refundTicket',
          { ticketId: open.ticketId, amount: open.row.refundable, method, reason: 'Ticket cancelled' },
          (error) => {
            if (error.code !== 'REFUND_TOO_LARGE' && error.code !== 'FORBIDDEN') return false;
            set({ dialog: null, moneyProblem: null, moneyOutcome: null, notice: { kind: error.code === 'FORBIDDEN' ? 'forbidden' : 'error' } });
            void kit.loadTicket(open.ticketId);
            return true;
          },
          { idempotencyKey: moneyKey },
        );
        if (refunded === null) return;
        moneyKey = newKey();
      }
      await get().confirmCancel();
    },
  };
}
