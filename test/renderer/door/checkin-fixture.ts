// A one-guest party admitted whole, as the server answers a check-in of a booking without items.
export const ONE_GUEST = {
  seats: 1,
  admitted: 1,
  admittedNow: 1,
  items: [{ ticketTypeId: 1, name: 'Standard', count: 1, unitPrice: 0 }],
  conflict: null,
};
