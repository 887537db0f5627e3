// A party as the kiosk builds it: seats counted by ticket type, before it is booked (the
// quantity step) and after (the seats a guest gives back). Pure functions, so the store, the
// screens and their tests share one reading of what a guest may add.
import type { OperationOutput } from '../../../../main/common/operations';
import type { PartyItem, ShowTicketType } from '../../../../main/common/schemas';

/** What /show/ticket-types answered for the picked show. */
export type ShowTypes = OperationOutput<'showTicketTypes'>;

/** Seats of each ticket type, by ticketTypeId; types not named hold none. */
export type Counts = Readonly<Record<number, number>>;

/**
 * Why "+" is off for a type: the type's quota is used up, or all that is left of it is held for
 * the counter (a wheelchair space the box office keeps back), or the party reached a limit.
 */
export type AddLimit = 'soldOut' | 'atCounter' | 'typeLimit' | 'seatsLimit' | 'partyLimit';

export const partySize = (counts: Counts): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * The types in the order the kiosk offers them: accessible ones (wheelchair spaces) first, so a
 * guest who needs one finds it without scrolling past the others; the manager's order otherwise.
 */
export function kioskOrder(types: readonly ShowTicketType[]): ShowTicketType[] {
  return [...types.filter((t) => t.accessible), ...types.filter((t) => !t.accessible)];
}

/** The booking's `items`, in the show's order of types, without the types at 0. */
export function partyItems(types: readonly ShowTicketType[], counts: Counts): Array<{ ticketTypeId: number; count: number }> {
  return types.filter((t) => (counts[t.ticketTypeId] ?? 0) > 0).map((t) => ({ ticketTypeId: t.ticketTypeId, count: counts[t.ticketTypeId]! }));
}

export function partyTotal(types: readonly ShowTicketType[], counts: Counts): number {
  return types.reduce((sum, t) => sum + t.price * (counts[t.ticketTypeId] ?? 0), 0);
}

/** Why one more seat of `type` cannot be added, or null when it can. */
export function addLimit(type: ShowTicketType, show: Pick<ShowTypes, 'maxParty'>, seatsLeft: number, counts: Counts): AddLimit | null {
  const count = counts[type.ticketTypeId] ?? 0;
  if (type.left === 0) return type.atCounter ? 'atCounter' : 'soldOut';
  if (type.left !== null && count >= type.left) return 'typeLimit';
  const size = partySize(counts);
  if (size >= seatsLeft) return 'seatsLimit';
  if (size >= show.maxParty) return 'partyLimit';
  return null;
}

/**
 * The counts the quantity step opens with: what the guest chose before, where the show still
 * sells it (a suggested show, a refusal that reread the types), else one seat of the first type
 * on sale, so a guest alone taps Next and nothing more — never an accessible type, which only a
 * guest who needs it chooses (it is listed first).
 */
export function initialCounts(show: ShowTypes, seatsLeft: number, previous: Counts): Counts {
  const counts: Record<number, number> = {};
  let room = Math.min(seatsLeft, show.maxParty);
  for (const type of show.ticketTypes) {
    const wanted = Math.min(previous[type.ticketTypeId] ?? 0, type.left ?? Infinity, room);
    if (wanted > 0) {
      counts[type.ticketTypeId] = wanted;
      room -= wanted;
    }
  }
  if (partySize(counts) > 0 || room === 0) return counts;
  const first = show.ticketTypes.find((t) => t.left !== 0 && !t.accessible);
  return first ? { [first.ticketTypeId]: 1 } : counts;
}

/** A ticket's party after giving back `released` of it; types given back whole drop out. */
export function afterRelease(items: readonly PartyItem[], released: Counts): PartyItem[] {
  return items
    .map((item) => ({ ...item, count: item.count - Math.min(item.count, released[item.ticketTypeId] ?? 0) }))
    .filter((item) => item.count > 0);
}

export const itemsTotal = (items: readonly PartyItem[]): number => items.reduce((sum, i) => sum + i.count * i.unitPrice, 0);
