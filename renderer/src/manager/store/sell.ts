// The counter's Sell screen (issue 22): today's show → seats per ticket type → payment → sold.
// A walk-in needs no name or phone. Cash takes what the guest handed over and says the change;
// card keeps the external terminal's reference; comp (free) is the manager's, with a reason.
// The sale is one `sell` call carrying an Idempotency-Key: a retry after the box office went
// away sends the same key, so a sale the server made before the answer was lost is not made twice.
import type { ErrorBody } from '../../../../main/common/errors';
import type { OperationOutput } from '../../../../main/common/operations';
import type { Show } from '../../../../main/common/schemas';
import { choosePaper, type PaperKind } from '../lib/paper';
import { parsePrice, priceText } from '../lib/price';
import { itemsOf, seatsOf, totalOf, type SellCounts } from '../lib/sell';
import type { ManagerKit } from './kit';

export type PayMethod = 'cash' | 'card' | 'comp';
export type SellStep = 'show' | 'sale' | 'done';
export type ShowTypes = OperationOutput<'showTicketTypes'>;

/** Why the sale was not made, with what the staff needs to say what to do. */
export type SellProblem =
  | { kind: 'emptyParty' }
  | { kind: 'tenderMissing' }
  | { kind: 'tenderInvalid' }
  | { kind: 'tenderShort'; total: number }
  | { kind: 'reasonMissing' }
  | { kind: 'compForbidden' }
  | { kind: 'fewSeats'; seatsLeft: number }
  | { kind: 'soldOut' }
  | { kind: 'quotaFull'; name: string; left: number }
  | { kind: 'typeGone'; name: string | null }
  | { kind: 'priceChanged'; amountDue: number }
  | { kind: 'showGone' }
  | { kind: 'offline' }
  | { kind: 'loadFailed' };

/** A sale made: the box office's answer and what the receipt says besides. */
export interface Sale extends OperationOutput<'sell'> {
  method: PayMethod;
  /** Cash handed over (minor units); null for card and comp. */
  tendered: number | null;
  reference: string | null;
  title: string | null;
  screenName: string;
  /** When it was sold (this device's clock, ISO), and by which device. */
  soldAt: string;
  device: string | null;
}

export interface SellData {
  sellStep: SellStep;
  sellShowId: number | null;
  /** The chosen show's ticket types at its prices (null: being read). */
  sellTypes: ShowTypes | null;
  sellCounts: SellCounts;
  payMethod: PayMethod;
  /** Cash handed over, as typed (major units: "20", "20.50"). */
  tendered: string;
  cardReference: string;
  compReason: string;
  buyerName: string;
  buyerPhone: string;
  sellProblem: SellProblem | null;
  sale: Sale | null;
}

export interface SellActions {
  pickSellShow(showId: number): Promise<void>;
  backToShows(): void;
  stepCount(ticketTypeId: number, delta: 1 | -1): void;
  choosePayMethod(method: PayMethod): void;
  /** Cash: the guest handed over `amount` minor units (the exact total, or a round note). */
  tender(amount: number): void;
  typeTendered(text: string): void;
  typeCardReference(text: string): void;
  typeCompReason(text: string): void;
  typeBuyerName(text: string): void;
  typeBuyerPhone(text: string): void;
  sell(): Promise<void>;
  /** Prints the sale's ticket or receipt on the 80 mm page (the done step shows both buttons). */
  printSale(kind: PaperKind): Promise<void>;
  /** Done: back to today's shows for the next guest. */
  nextSale(): void;
  resetSale(): void;
}

const emptySale = (): SellData => ({
  sellStep: 'show',
  sellShowId: null,
  sellTypes: null,
  sellCounts: {},
  payMethod: 'cash',
  tendered: '',
  cardReference: '',
  compReason: '',
  buyerName: '',
  buyerPhone: '',
  sellProblem: null,
  sale: null,
});

/** The sale's total in minor units, at the chosen show's prices (0 before they are read). */
export function saleTotal(state: Pick<SellData, 'sellTypes' | 'sellCounts'>): number {
  return state.sellTypes === null ? 0 : totalOf(state.sellTypes.ticketTypes, state.sellCounts);
}

/** Cash handed over in minor units: null when none is typed or it is not an amount. */
export function tenderedOf(state: Pick<SellData, 'tendered' | 'sellTypes'>, currency: string | null): number | null {
  const cur = state.sellTypes?.currency ?? currency;
  return cur === null || state.tendered.trim() === '' ? null : parsePrice(state.tendered, cur);
}

export function createSellSlice(kit: ManagerKit): SellData & SellActions {
  const { set, get, connection } = kit;
  /** The sale being sent and its key: the same sale sent again keeps it (exactly once). */
  let pending: { body: string; key: string } | null = null;
  let readSeq = 0;

  async function loadTypes(showId: number) {
    const mine = ++readSeq;
    set({ sellTypes: null });
    const types = await kit.read('showTicketTypes', { showId }, (error) => {
      if (mine !== readSeq) return true;
      if (error.code === 'SHOW_NOT_FOUND') return set({ sellProblem: { kind: 'showGone' } }), true;
      return false;
    });
    if (mine !== readSeq || get().sellShowId !== showId) return;
    if (types === null) {
      if (get().sellProblem === null) set({ sellProblem: { kind: 'loadFailed' } });
      return;
    }
    // Counts of types no longer on sale are dropped; the others are kept (a re-read after a refusal).
    const counts = Object.fromEntries(Object.entries(get().sellCounts).filter(([id]) => types.ticketTypes.some((t) => t.ticketTypeId === Number(id))));
    set({ sellTypes: types, sellCounts: counts, currency: get().currency ?? types.currency });
  }

  /** What stops the sale before it is sent; null when it may go. */
  function check(total: number): SellProblem | null {
    const s = get();
    if (seatsOf(s.sellCounts) === 0) return { kind: 'emptyParty' };
    if (s.payMethod === 'comp') {
      if (get().deviceRole !== 'manager') return { kind: 'compForbidden' };
      return s.compReason.trim() === '' ? { kind: 'reasonMissing' } : null;
    }
    if (s.payMethod === 'cash' && total > 0) {
      if (s.tendered.trim() === '') return { kind: 'tenderMissing' };
      const given = tenderedOf(s, get().currency);
      if (given === null) return { kind: 'tenderInvalid' };
      if (given < total) return { kind: 'tenderShort', total };
    }
    return null;
  }

  /** The refusals a sale can meet, said with what to do. */
  function refusal(error: ErrorBody, show: Show | undefined): SellProblem | null {
    const details = error.details ?? {};
    switch (error.code) {
      case 'HOUSEFULL': {
        const seatsLeft = Number(details.seatsLeft ?? 0);
        return seatsLeft > 0 ? { kind: 'fewSeats', seatsLeft } : { kind: 'soldOut' };
      }
      case 'QUOTA_FULL':
        return { kind: 'quotaFull', name: details.name ?? '', left: Number(details.left ?? 0) };
      case 'TICKET_TYPE_INACTIVE':
      case 'TICKET_TYPE_NOT_FOUND':
        return { kind: 'typeGone', name: details.name ?? null };
      case 'AMOUNT_MISMATCH':
        return { kind: 'priceChanged', amountDue: Number(details.amountDue ?? 0) };
      case 'SHOW_EXPIRED':
      case 'SHOW_CANCELLED':
      case 'SHOW_NOT_FOUND':
        return { kind: 'showGone' };
      case 'FORBIDDEN':
        return get().payMethod === 'comp' && show !== undefined ? { kind: 'compForbidden' } : null;
      default:
        return null;
    }
  }

  return {
    ...emptySale(),

    async pickSellShow(showId) {
      set({ ...emptySale(), sellStep: 'sale', sellShowId: showId, notice: null });
      await loadTypes(showId);
    },

    backToShows() {
      readSeq++;
      pending = null;
      set({ ...emptySale() });
    },

    stepCount(ticketTypeId, delta) {
      const { sellTypes, sellCounts } = get();
      if (sellTypes === null) return;
      const type = sellTypes.ticketTypes.find((t) => t.ticketTypeId === ticketTypeId);
      if (!type) return;
      const now = sellCounts[ticketTypeId] ?? 0;
      const seats = seatsOf(sellCounts);
      if (delta > 0 && (seats >= Math.min(sellTypes.maxParty, sellTypes.seatsLeft) || (type.left !== null && now >= type.left))) return;
      const next = Math.max(0, now + delta);
      const counts = { ...sellCounts, [ticketTypeId]: next };
      if (next === 0) delete counts[ticketTypeId];
      // A different party is a different sale: the cash typed for the old total no longer fits.
      set({ sellCounts: counts, sellProblem: null, tendered: '' });
    },

    choosePayMethod(method) {
      set({ payMethod: method, sellProblem: null });
    },

    tender(amount) {
      const cur = get().sellTypes?.currency ?? get().currency;
      if (cur === null) return;
      set({ payMethod: 'cash', tendered: priceText(amount, cur), sellProblem: null });
    },

    typeTendered(text) {
      set({ payMethod: 'cash', tendered: text, sellProblem: null });
    },
    typeCardReference(text) {
      set({ cardReference: text });
    },
    typeCompReason(text) {
      set({ compReason: text, sellProblem: null });
    },
    typeBuyerName(text) {
      set({ buyerName: text });
    },
    typeBuyerPhone(text) {
      set({ buyerPhone: text });
    },

    async sell() {
      const s = get();
      if (s.busy || s.sellStep !== 'sale' || s.sellShowId === null || s.sellTypes === null) return;
      const total = saleTotal(s);
      const problem = check(total);
      if (problem !== null) return set({ sellProblem: problem });
      const tendered = s.payMethod === 'cash' && total > 0 ? tenderedOf(s, s.currency) : null;
      const reference = s.payMethod === 'card' && s.cardReference.trim() !== '' ? s.cardReference.trim() : null;
      const input = {
        showId: s.sellShowId,
        items: itemsOf(s.sellTypes.ticketTypes, s.sellCounts),
        ...(s.buyerName.trim() !== '' && { userName: s.buyerName.trim() }),
        ...(s.buyerPhone.trim() !== '' && { phoneNo: s.buyerPhone.trim() }),
        payment: {
          method: s.payMethod,
          amount: s.payMethod === 'comp' ? 0 : total,
          ...(tendered !== null && { tendered }),
          ...(reference !== null && { reference }),
          ...(s.payMethod === 'comp' && { reason: s.compReason.trim() }),
        },
      };
      const body = JSON.stringify(input);
      if (pending?.body !== body) pending = { body, key: crypto.randomUUID() };
      const show = s.shows.find((x) => x.showId === s.sellShowId);
      set({ sellProblem: null, notice: null, done: null });
      const result = await connection.request('sell', input, {
        busy: true,
        onOutage: 'ask',
        call: { idempotencyKey: pending.key },
        handle: (error) => {
          const said = refusal(error, show);
          if (said === null) return false;
          set({ sellProblem: said });
          // Seats, quotas and prices are read again: the staff picks from what is true now.
          if (said.kind !== 'showGone' && said.kind !== 'compForbidden') void loadTypes(s.sellShowId!);
          return true;
        },
      });
      // Only a sale whose answer may have been lost keeps its key for the retry.
      if (result.ok || result.error.code !== 'DB_UNAVAILABLE') pending = null;
      if (!result.ok) {
        if (result.error.code === 'DB_UNAVAILABLE') set({ sellProblem: { kind: 'offline' } });
        return;
      }
      if (get().notice?.kind === 'reconnected') set({ notice: null });
      set({
        sellStep: 'done',
        sale: {
          ...result.value,
          method: s.payMethod,
          tendered,
          reference,
          title: show ? (show.title ?? show.filmTitle) : null,
          screenName: show?.screenName ?? '',
          soldAt: new Date(kit.now()).toISOString(),
          device: get().deviceLabel,
        },
      });
      void get().refreshShows();
    },

    async printSale(kind) {
      if (get().sale === null) return;
      // print() lays out the page as it is at the call: the paper is chosen first, then put back.
      if (typeof document !== 'undefined') choosePaper(kind);
      try {
        const printed = await kit.transport.printTicket();
        if (!printed.ok) set({ notice: { kind: 'error' } });
      } finally {
        if (typeof document !== 'undefined') choosePaper('receipt');
      }
    },

    nextSale() {
      pending = null;
      set({ ...emptySale() });
    },

    resetSale() {
      readSeq++;
      pending = null;
      set({ ...emptySale() });
    },
  };
}
