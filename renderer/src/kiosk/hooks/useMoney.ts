// Prices and totals in the guest's language: "$9.50" in English, "9,50 US$" in Spanish.
import type { PartyItem } from '../../../../main/common/schemas';
import { formatMoney } from '../../shared/lib/money';
import { useMessages } from '../store/context';

/** Formats minor units; a price of 0 reads "Free" rather than "$0.00". */
export function useMoney(): (minor: number, currency: string) => string {
  const m = useMessages();
  return (minor, currency) => (minor === 0 ? m.party.free : formatMoney(minor, currency, m.localeTag));
}

/** "2 × Adult, 2 × Child": a party as the ticket and the review name it. */
export function usePartyText(): (items: ReadonlyArray<Pick<PartyItem, 'count' | 'name'>>) => string {
  const m = useMessages();
  return (items) => items.map((item) => m.party.count(item.count, item.name)).join(', ');
}
