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

/**
 * The smallest banknote in common use, in the currency's major unit, where it is not 5 (euro,
 * dollar, pound, franc…): a yen total is rounded up to a 1,000 note, not to the next 10 yen.
 */
const SMALLEST_NOTE: Readonly<Record<string, number>> = {
  JPY: 1000, KRW: 1000, CLP: 1000, COP: 1000, IDR: 1000, VND: 10000, HUF: 500, ISK: 500,
  INR: 10, PLN: 10, TWD: 100, CZK: 100, MXN: 20, THB: 20, PHP: 20, SEK: 20, NOK: 50, DKK: 50,
};

/** The notes a guest pays with: the 1-2-5 series from the smallest (5 → 5, 10, 20, 50, 100). */
function notesOf(currency: string): number[] {
  const smallest = SMALLEST_NOTE[currency.toUpperCase()] ?? 5;
  const notes: number[] = [];
  for (let decade = 1; notes.length < 5; decade *= 10) {
    for (const digit of [1, 2, 5]) if (digit * decade >= smallest && notes.length < 5) notes.push(digit * decade);
  }
  return notes;
}

/**
 * The round amounts above `total` a guest is likely to hand over (€19.00 → €20, €50, €100;
 * ¥1,800 → ¥2,000, ¥5,000, ¥10,000), at most `count`, smallest first; the exact amount is
 * offered on its own.
 */
export function commonTenders(total: number, currency: string, count = 3): number[] {
  if (total <= 0) return [];
  const unit = 10 ** currencyDigits(currency);
  const amounts = new Set<number>();
  for (const note of notesOf(currency)) {
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
