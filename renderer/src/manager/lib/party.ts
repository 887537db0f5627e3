// A party in the manager's words: "4: 2 Adult, 2 Child" — its size, then its seats by type.
import type { PartyItem } from '../../../../main/common/schemas';
import type { ManagerMessages } from '../i18n';

export function partySummary(party: { seats: number; items: readonly PartyItem[] }, m: ManagerMessages): string {
  return m.party.summary(party.seats, party.items.map((i) => m.party.item(i.count, i.name)).join(', '));
}
