// A one-seat party of the default type, as the server answers for a booking without items:
// what the renderer fakes put on every ticket they make up.
export const ONE_SEAT = {
  seats: 1,
  admitted: 0,
  items: [{ ticketTypeId: 1, name: 'Standard', count: 1, unitPrice: 0 }],
  total: 0,
  paid: true,
  amountDue: 0,
  refundable: 0,
};
