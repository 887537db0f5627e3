// @vitest-environment jsdom
// The kiosk's parties (#21): the quantity step's limits, booking with items, the refusals that
// bring a guest back to the quantities, and seats given back at "My ticket".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskStore, type KioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { ADULT, CHILD, FakeTransport, fakeTicketCode, makeShow, showTimeIn } from './fake-transport';

const stores: KioskStore[] = [];

async function setup(transport: FakeTransport) {
  const store = createKioskStore({ transport, outageRetryMs: { min: 5, max: 10 }, refreshEveryMs: 60_000 });
  stores.push(store);
  await store.getState().init();
  await vi.waitFor(() => expect(store.getState().showsLoaded).toBe(true));
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.getState().dispose();
});

/** A theatre selling adults and children (a quota of 4 children a show). */
function family(...shows: ReturnType<typeof makeShow>[]) {
  const transport = new FakeTransport(shows.length ? shows : [makeShow(1, showTimeIn(120))]);
  transport.ticketTypes = [ADULT, CHILD];
  return transport;
}

const steps = (store: KioskStore, typeId: number, delta: 1 | -1, times: number) => {
  for (let i = 0; i < times; i++) store.getState().stepParty(typeId, delta);
};

async function pickFamily(store: KioskStore, showId = 1) {
  await store.getState().pickShow(showId);
  // It opens at one adult: one more adult and two children make the family of four.
  steps(store, ADULT.ticketTypeId, 1, 1);
  steps(store, CHILD.ticketTypeId, 1, 2);
}

async function bookFamily(store: KioskStore, showId = 1) {
  await pickFamily(store, showId);
  const s = store.getState();
  s.submitParty();
  s.type('userName', 'Ana Lima');
  s.submitName();
  s.type('phoneNo', '600123456');
  s.submitPhone();
  await s.confirmBooking();
}

describe('kiosk store: the quantity step', () => {
  it('opens at one seat of the first type, books the family with items, and keeps the party, total and currency on the ticket', async () => {
    const transport = family();
    const store = await setup(transport);
    await store.getState().pickShow(1);
    expect(store.getState()).toMatchObject({ screen: 'party', counts: { [ADULT.ticketTypeId]: 1 } });
    expect(store.getState().showTypes?.ticketTypes.map((t) => [t.name, t.price, t.left])).toEqual([['Adult', 950, null], ['Child', 600, 4]]);

    await bookFamily(store);
    expect(transport.callsOf('book')[0]!.input).toMatchObject({
      showId: 1,
      items: [{ ticketTypeId: ADULT.ticketTypeId, count: 2 }, { ticketTypeId: CHILD.ticketTypeId, count: 2 }],
    });
    expect(store.getState()).toMatchObject({
      screen: 'ticket',
      currency: 'USD',
      ticket: { total: 3100, currency: 'USD', items: [{ name: 'Adult', count: 2, unitPrice: 950 }, { name: 'Child', count: 2, unitPrice: 600 }] },
    });
    expect(store.getState().shows[0]!.seatsLeft).toBe(16);
  });

  it('stops + at the type’s seats left, at the show’s seats left and at the largest party, and never below 0', async () => {
    const transport = family(makeShow(1, showTimeIn(120), { capacity: 20, booked: 14 }));
    transport.maxParty = 5;
    transport.bookElsewhere(1); // one adult: 5 seats left
    const store = await setup(transport);
    // Three children taken elsewhere: one child left for this show.
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: CHILD.ticketTypeId, name: 'Child', count: 3, unitPrice: 600 }] });
    await store.getState().pickShow(1);
    steps(store, CHILD.ticketTypeId, 1, 3);
    expect(store.getState().counts[CHILD.ticketTypeId]).toBe(1);
    steps(store, ADULT.ticketTypeId, 1, 10);
    // maxParty 5 and 5 seats left: five in all.
    expect(store.getState().counts).toEqual({ [ADULT.ticketTypeId]: 4, [CHILD.ticketTypeId]: 1 });
    steps(store, CHILD.ticketTypeId, -1, 3);
    expect(store.getState().counts[CHILD.ticketTypeId]).toBe(0);
  });

  it('offers a type whose quota is used up as sold out, and opens at the first type still sold', async () => {
    const transport = family();
    transport.ticketTypes = [{ ...CHILD }, ADULT];
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: CHILD.ticketTypeId, name: 'Child', count: 4, unitPrice: 600 }] });
    const store = await setup(transport);
    await store.getState().pickShow(1);
    expect(store.getState().showTypes?.ticketTypes[0]).toMatchObject({ name: 'Child', left: 0 });
    expect(store.getState().counts).toEqual({ [ADULT.ticketTypeId]: 1 });
    store.getState().stepParty(CHILD.ticketTypeId, 1);
    expect(store.getState().counts[CHILD.ticketTypeId]).toBeUndefined();
  });

  it('a show sold out between the tap and its ticket types: offers the next show at once', async () => {
    const transport = family(makeShow(1, showTimeIn(60), { capacity: 2 }), makeShow(2, showTimeIn(120)));
    const store = await setup(transport);
    transport.bookElsewhere(1);
    transport.bookElsewhere(1);
    await store.getState().pickShow(1);
    expect(store.getState()).toMatchObject({ screen: 'party', counts: {}, notice: { kind: 'housefull', suggestion: { showId: 2 } } });
    await store.getState().takeSuggestion();
    expect(store.getState()).toMatchObject({ screen: 'party', selectedShow: { showId: 2 }, counts: { [ADULT.ticketTypeId]: 1 }, notice: null });
  });

  it('does not go on with no one in the party, and says so', async () => {
    const store = await setup(family());
    await store.getState().pickShow(1);
    store.getState().stepParty(ADULT.ticketTypeId, -1);
    store.getState().submitParty();
    expect(store.getState()).toMatchObject({ screen: 'party', notice: { kind: 'emptyParty' } });
    store.getState().stepParty(ADULT.ticketTypeId, 1);
    expect(store.getState().notice).toBeNull();
    store.getState().submitParty();
    expect(store.getState().screen).toBe('name');
  });

  it('goes from the quantities straight back to the review once name and phone are typed', async () => {
    const store = await setup(family());
    await bookFamily(store);
    const s = store.getState();
    s.startOver();
    await s.pickShow(1);
    s.submitParty();
    expect(store.getState().screen).toBe('name');
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    s.goTo('party');
    s.submitParty();
    expect(store.getState().screen).toBe('review');
  });
});

describe('kiosk store: a party refused', () => {
  it('HOUSEFULL with seats still left: back to the quantities, fitted to them, saying how many are left', async () => {
    const transport = family(makeShow(1, showTimeIn(120), { capacity: 6 }));
    const store = await setup(transport);
    await pickFamily(store);
    const s = store.getState();
    s.submitParty();
    s.type('userName', 'Ana Lima');
    s.submitName();
    s.type('phoneNo', '600123456');
    s.submitPhone();
    transport.shows[0]!.booked = 4;
    transport.shows[0]!.seatsLeft = 2;
    await s.confirmBooking();
    await vi.waitFor(() => expect(store.getState().notice).toEqual({ kind: 'fewSeats', seatsLeft: 2 }));
    expect(store.getState().screen).toBe('party');
    const counts = store.getState().counts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(transport.tickets.size).toBe(0);
  });

  it('HOUSEFULL with no seat left suggests a show with room for the whole party', async () => {
    const transport = family(
      makeShow(1, showTimeIn(60), { capacity: 4 }),
      makeShow(2, showTimeIn(120), { capacity: 2 }),
      makeShow(3, showTimeIn(180)),
    );
    const store = await setup(transport);
    await pickFamily(store, 1);
    const s = store.getState();
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    s.submitParty();
    // Sold out while the guest typed: show 2 has seats, but not four.
    transport.shows[0]!.seatsLeft = 0;
    transport.shows[0]!.booked = 4;
    await s.confirmBooking();
    await vi.waitFor(() => expect(store.getState().notice).toMatchObject({ kind: 'housefull', suggestion: { showId: 3 } }));
    await store.getState().takeSuggestion();
    expect(store.getState()).toMatchObject({ screen: 'review', selectedShow: { showId: 3 }, showTypes: { showId: 3 } });
  });

  it('QUOTA_FULL names the type, lowers it to what is left, and books nothing', async () => {
    const transport = family();
    const store = await setup(transport);
    await pickFamily(store);
    const s = store.getState();
    s.submitParty();
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    s.goTo('review');
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: CHILD.ticketTypeId, name: 'Child', count: 3, unitPrice: 600 }] });
    await s.confirmBooking();
    await vi.waitFor(() => expect(store.getState().notice).toEqual({ kind: 'quotaFull', name: 'Child', left: 1 }));
    expect(store.getState().screen).toBe('party');
    expect(store.getState().counts).toEqual({ [ADULT.ticketTypeId]: 2, [CHILD.ticketTypeId]: 1 });
    expect(transport.tickets.size).toBe(1);
  });

  it('a type no longer sold: back to the quantities without it', async () => {
    const transport = family();
    const store = await setup(transport);
    await pickFamily(store);
    const s = store.getState();
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    s.submitParty();
    transport.ticketTypes = [ADULT];
    await s.confirmBooking();
    await vi.waitFor(() => expect(store.getState().notice).toEqual({ kind: 'typeGone', name: null }));
    expect(store.getState().counts).toEqual({ [ADULT.ticketTypeId]: 2 });
  });
});

describe('kiosk store: giving back seats', () => {
  async function lookedUpFamily() {
    const transport = family();
    const store = await setup(transport);
    await bookFamily(store);
    const code = store.getState().ticket!.ticketCode;
    store.getState().startOver();
    // A kiosk restarted since: it learns the currency again from the ticket types.
    store.setState({ currency: null });
    store.getState().openLookup();
    store.getState().type('lookupCode', code);
    await store.getState().lookupTicket();
    return { transport, store, code };
  }

  it('gives back one child by the code, keeps the rest, and says so', async () => {
    const { transport, store } = await lookedUpFamily();
    expect(store.getState()).toMatchObject({ screen: 'myTicket', currency: 'USD', guestTicket: { seats: 4, total: 3100 } });
    const s = store.getState();
    s.openGiveBack();
    s.askGiveBack();
    expect(store.getState().confirmation).toBeNull();
    s.stepGiveBack(CHILD.ticketTypeId, 1);
    s.stepGiveBack(CHILD.ticketTypeId, 1);
    s.stepGiveBack(CHILD.ticketTypeId, 1);
    expect(store.getState().giveBack[CHILD.ticketTypeId]).toBe(2);
    s.stepGiveBack(CHILD.ticketTypeId, -1);
    s.askGiveBack();
    await s.confirmGiveBack();
    expect(transport.callsOf('cancel')[0]!.input).toMatchObject({ items: [{ ticketTypeId: CHILD.ticketTypeId, count: 1 }] });
    expect(store.getState()).toMatchObject({
      screen: 'myTicket',
      notice: { kind: 'gaveBack', released: 1 },
      guestTicket: { seats: 3, total: 2500, items: [{ name: 'Adult', count: 2 }, { name: 'Child', count: 1 }] },
    });
    expect(transport.tickets.get(1)!.items.map((i) => i.count)).toEqual([2, 1]);
    await vi.waitFor(() => expect(store.getState().shows[0]!.seatsLeft).toBe(17));
  });

  it('giving back the whole party cancels the ticket', async () => {
    const { transport, store, code } = await lookedUpFamily();
    const s = store.getState();
    s.openGiveBack();
    for (let i = 0; i < 2; i++) {
      s.stepGiveBack(ADULT.ticketTypeId, 1);
      s.stepGiveBack(CHILD.ticketTypeId, 1);
    }
    s.askGiveBack();
    await s.confirmGiveBack();
    expect(store.getState().screen).toBe('cancelled');
    expect(transport.tickets.size).toBe(0);
    expect(transport.cancelled.size).toBe(1);
    expect(code).toBe(fakeTicketCode(1));
  });
});
