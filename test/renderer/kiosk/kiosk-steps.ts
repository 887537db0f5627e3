// A guest's inputs, typed straight into a kiosk store, for store and component tests.
import type { KioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';

/** Picks the show, keeps the one seat it opens with, and fills name and phone: the store ends on the review. */
export async function fillBooking(store: KioskStore, showId: number, name = 'Ana Lima', phone = '+34 600 123 456') {
  const s = store.getState();
  await s.pickShow(showId);
  s.submitParty();
  s.type('userName', name);
  s.submitName();
  s.type('phoneNo', phone);
  s.submitPhone();
}

/** Opens the ticket lookup and types the ticket code, without searching yet. */
export function fillLookup(store: KioskStore, ticketCode: string) {
  const s = store.getState();
  s.openLookup();
  s.type('lookupCode', ticketCode);
}
