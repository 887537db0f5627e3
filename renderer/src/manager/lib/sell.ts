// The counter's sale, as pure rules the Sell slice and its tests share: which shows are on sale
// today (the theatre's day, whatever this device's zone), a party's total, and the cash amounts a
// guest is likely to hand over for it.
import type { Show } from '../../../../main/common/schemas';
import { isBookableNow } from '../../shared/lib/shows';
import { dayKey, instantOf, wallNow, wallOf } from '../../shared/lib/show-time';
import { currencyDigits } from './price';

/** Today's shows still on sale at the counter, by time and then screen. */
export function todaysShows(shows: readonly Show[], nowMs: number, timeZone: string | undefined): Show[] {
  const today = dayKey(wallNow(nowMs, timeZone, shows[0]?.showTime));
  return shows
    .filter((show) => {
      const wall = wallOf(show.showTime, timeZone);
      return wall !== null && dayKey(wall) === today && isBookableNow(show, nowMs);
    })
    .sort((a, b) => instantOf(a.showTime) - instantOf(b.showTime) || a.screenName.localeCompare(b.screenName) || a.showId - b.showId);
}

/** Seats chosen, by ticket type id. */
export type SellCounts = Readonly<Record<number, number>>;

export const seatsOf = (counts: SellCounts): number => Object.values(counts).reduce((n, c) => n + c, 0);

/** The party's price in minor units, at the show's prices. */
export function totalOf(types: ReadonlyArray<{ ticketTypeId: number; price: number }>, counts: SellCounts): number {
  return types.reduce((sum, type) => sum + type.price * (counts[type.ticketTypeId] ?? 0), 0);
}

/** The sale's items as the contract takes them: the types chosen, in the show's order. */
export function itemsOf(types: ReadonlyArray<{ ticketTypeId: number }>, counts: SellCounts): Array<{ ticketTypeId: number; count: number }> {
  return types.filter((t) => (counts[t.ticketTypeId] ?? 0) > 0).map((t) => ({ ticketTypeId: t.ticketTypeId, count: counts[t.ticketTypeId]! }));
}

/** Banknotes people pay with, in the currency's major unit. */
const NOTES = [5, 10, 20, 50, 100];

/**
 * The round amounts above `total` a guest is likely to hand over (€19.00 → €20, €50, €100),
 * at most `count`, smallest first; the exact amount is offered on its own.
 */
export function commonTenders(total: number, currency: string, count = 3): number[] {
  if (total <= 0) return [];
  const unit = 10 ** currencyDigits(currency);
  const amounts = new Set<number>();
  for (const note of NOTES) {
    const step = note * unit;
    const amount = Math.ceil(total / step) * step;
    if (amount > total) amounts.add(amount);
  }
  return [...amounts].sort((a, b) => a - b).slice(0, count);
}

/** The change for cash handed over, or null when too little was handed over (a sale's and a payment's). */
export function changeFor(amountDue: number, tendered: number): number | null {
  return tendered >= amountDue ? tendered - amountDue : null;
}
