// The quantity step's one rule of what a guest may add, and how a party is fitted to a show.
import { describe, expect, it } from 'vitest';
import type { ShowTicketType } from '../../../main/common/schemas';
import { addLimit, afterRelease, initialCounts, partyItems, partyTotal, type ShowTypes } from '../../../renderer/src/kiosk/lib/party';

const show: ShowTypes = {
  showId: 1,
  currency: 'USD',
  seatsLeft: 5,
  maxParty: 4,
  ticketTypes: [
    { ticketTypeId: 2, name: 'Adult', price: 950, quotaPerShow: null, left: null, accessible: false, heldForCounter: 0, atCounter: false },
    { ticketTypeId: 3, name: 'Child', price: 600, quotaPerShow: 4, left: 1, accessible: false, heldForCounter: 0, atCounter: false },
    { ticketTypeId: 4, name: 'Senior', price: 700, quotaPerShow: 2, left: 0, accessible: false, heldForCounter: 0, atCounter: false },
  ],
};
const [adult, child, senior] = show.ticketTypes as [ShowTicketType, ShowTicketType, ShowTicketType];

describe('the party rules', () => {
  it('says why + is off: the type sold out, its quota, the seats left, the largest party', () => {
    expect(addLimit(senior, show, 5, {})).toBe('soldOut');
    expect(addLimit(child, show, 5, { 3: 1 })).toBe('typeLimit');
    expect(addLimit(adult, show, 2, { 2: 2 })).toBe('seatsLimit');
    expect(addLimit(adult, show, 5, { 2: 3, 3: 1 })).toBe('partyLimit');
    expect(addLimit(adult, show, 5, { 2: 3 })).toBeNull();
  });

  it('opens at one seat of the first type on sale, and keeps an earlier choice as far as the show allows', () => {
    expect(initialCounts(show, 5, {})).toEqual({ 2: 1 });
    expect(initialCounts({ ...show, ticketTypes: [senior, child] }, 5, {})).toEqual({ 3: 1 });
    expect(initialCounts(show, 5, { 2: 2, 3: 2, 4: 1 })).toEqual({ 2: 2, 3: 1 });
    expect(initialCounts(show, 2, { 2: 1, 3: 1, 4: 1 })).toEqual({ 2: 1, 3: 1 });
    expect(initialCounts(show, 0, {})).toEqual({});
  });

  it('books the types chosen in the show’s order, totals them, and takes seats given back off the party', () => {
    expect(partyItems(show.ticketTypes, { 3: 1, 2: 2, 4: 0 })).toEqual([{ ticketTypeId: 2, count: 2 }, { ticketTypeId: 3, count: 1 }]);
    expect(partyTotal(show.ticketTypes, { 2: 2, 3: 1 })).toBe(2500);
    const items = [
      { ticketTypeId: 2, name: 'Adult', count: 2, unitPrice: 950 },
      { ticketTypeId: 3, name: 'Child', count: 1, unitPrice: 600 },
    ];
    expect(afterRelease(items, { 3: 1, 2: 1 })).toEqual([{ ticketTypeId: 2, name: 'Adult', count: 1, unitPrice: 950 }]);
  });
});
