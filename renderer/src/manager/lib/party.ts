// A party in the manager's words: "4: 2 Adult, 2 Child" — its size, then its seats by type —
// with its total in the manager's money format where a line has room for it.
import type { PartyItem } from '../../../../main/common/schemas';
import { formatMoney } from '../../shared/lib/money';
import type { ManagerMessages } from '../i18n';

export function partySummary(party: { seats: number; items: readonly PartyItem[] }, m: ManagerMessages): string {
  return m.party.summary(party.seats, party.items.map((i) => m.party.item(i.count, i.name)).join(', '));
}

/** "4: 2 Adult, 2 Child · $31.00", and how many are in when only some are; no money before the currency is known. */
export function partyLine(party: { seats: number; admitted: number; items: readonly PartyItem[]; total: number }, currency: string | null, m: ManagerMessages): string {
  const parts = [partySummary(party, m)];
  if (currency !== null) parts.push(formatMoney(party.total, currency, m.localeTag));
  if (party.admitted > 0 && party.admitted < party.seats) parts.push(m.party.admitted(party.admitted, party.seats));
  return parts.join(' · ');
}
