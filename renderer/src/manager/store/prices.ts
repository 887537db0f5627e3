// Prices for shows: the price card a show dialog (one show) or the program dialog (many shows
// at once, "Tuesday: adults 5.00") fills in. A field left empty means the type's own price; a
// show that had its own price and is emptied goes back to the type's (null on /show/update).
import type { OperationInput } from '../../../../main/common/operations';
import { parsePrice, priceText } from '../lib/price';
import type { ManagerKit } from './kit';

type ShowPrice = NonNullable<OperationInput<'updateShow'>['prices']>[number];

export interface PriceCardType {
  ticketTypeId: number;
  name: string;
  /** The type's own price (minor units). */
  typePrice: number;
  /** What the field started as: the show's own price, or empty. */
  initial: string;
}

export interface PriceCard {
  /** null: prices for shows still to make (the program dialog). */
  showId: number | null;
  currency: string;
  types: PriceCardType[];
}

export interface PricesData {
  /** null while loading (or when the box office could not say). */
  priceCard: PriceCard | null;
  /** What the staff typed, per ticket type id. */
  priceInputs: Record<number, string>;
  /** The types whose field is not a price. */
  priceErrors: number[];
}

export interface PricesActions {
  typePrice(ticketTypeId: number, value: string): void;
}

export const noPrices = (): PricesData => ({ priceCard: null, priceInputs: {}, priceErrors: [] });

/** Reads the types on sale and, for a show, the prices it sells them at now. */
export async function loadPriceCard(kit: ManagerKit, showId: number | null): Promise<void> {
  kit.set(noPrices());
  const list = await kit.read('listTicketTypes', {});
  if (list === null) return;
  const own = showId === null ? null : await kit.read('showTicketTypes', { showId });
  if (showId !== null && own === null) return;
  const types = list.ticketTypes.map((t) => {
    const price = own?.ticketTypes.find((o) => o.ticketTypeId === t.ticketTypeId)?.price;
    return { ticketTypeId: t.ticketTypeId, name: t.name, typePrice: t.price, initial: price === undefined || price === t.price ? '' : priceText(price, list.currency) };
  });
  // The dialog may have closed or moved on to another show meanwhile.
  const dialog = kit.get().dialog;
  const stillOpen = showId === null ? dialog?.kind === 'program' : dialog?.kind === 'editShow' && dialog.show.showId === showId;
  if (!stillOpen) return;
  kit.set({ priceCard: { showId, currency: list.currency, types }, priceInputs: Object.fromEntries(types.map((t) => [t.ticketTypeId, t.initial])), priceErrors: [] });
}

/**
 * The prices to send, or the fields that are not prices. For a show, only the fields changed
 * (an emptied one as null); for shows to make, only the fields filled in.
 */
export function pricesToSend(data: PricesData): { prices: ShowPrice[] | undefined; errors: number[] } {
  const card = data.priceCard;
  if (card === null) return { prices: undefined, errors: [] };
  const prices: ShowPrice[] = [];
  const errors: number[] = [];
  for (const type of card.types) {
    const text = (data.priceInputs[type.ticketTypeId] ?? '').trim();
    if (card.showId !== null && text === type.initial) continue;
    if (text === '') {
      if (card.showId !== null) prices.push({ ticketTypeId: type.ticketTypeId, price: null });
      continue;
    }
    const price = parsePrice(text, card.currency);
    if (price === null) errors.push(type.ticketTypeId);
    else prices.push({ ticketTypeId: type.ticketTypeId, price });
  }
  return { prices: prices.length > 0 ? prices : undefined, errors };
}

export function createPricesSlice(kit: ManagerKit): PricesData & PricesActions {
  return {
    ...noPrices(),
    typePrice(ticketTypeId, value) {
      const { priceInputs, priceErrors } = kit.get();
      kit.set({ priceInputs: { ...priceInputs, [ticketTypeId]: value }, priceErrors: priceErrors.filter((id) => id !== ticketTypeId) });
    },
  };
}
