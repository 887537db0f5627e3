// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskStore, moveTargets, type KioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { FakeTransport, fakeTicketCode, makeShow, showTimeIn } from './fake-transport';
import { fillBooking, fillLookup } from './kiosk-steps';

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

describe('kiosk store: booking', () => {
  it('walks tickets → name → phone → review → ticket, validating each step, and books the show picked by its showId', async () => {
    // Two screens start at the same minute: only the showId tells them apart.
    const showTime = showTimeIn(120);
    const transport = new FakeTransport([makeShow(1, showTime), makeShow(2, showTime, { screenId: 2, screenName: 'Screen 2', title: 'Casablanca' })]);
    const store = await setup(transport);
    const s = store.getState();

    await s.pickShow(2);
    // One type on sale (the seed's Standard): one seat is already chosen, Next is all it takes.
    expect(store.getState()).toMatchObject({ screen: 'party', counts: { 1: 1 } });
    s.submitParty();
    expect(store.getState().screen).toBe('name');
    s.submitName();
    expect(store.getState().errors.userName).toBe('empty');
    expect(store.getState().screen).toBe('name');
    s.type('userName', 'Ana Lima');
    expect(store.getState().errors.userName).toBeUndefined();
    s.submitName();
    expect(store.getState().screen).toBe('phone');

    s.type('phoneNo', '12');
    s.submitPhone();
    expect(store.getState().errors.phoneNo).toBe('invalid');
    s.type('phoneNo', '+34 600 123 456');
    s.submitPhone();
    expect(store.getState().screen).toBe('review');

    await s.confirmBooking();
    const state = store.getState();
    expect(state.screen).toBe('ticket');
    expect(state.ticket).toMatchObject({ ticketId: 1, userName: 'Ana Lima', title: 'Casablanca', screenName: 'Screen 2', moved: false });
    expect(transport.callsOf('book')[0]!.input).toEqual({ userName: 'Ana Lima', phoneNo: '+34 600 123 456', showId: 2, items: [{ ticketTypeId: 1, count: 1 }] });
    expect(state.ticket).toMatchObject({ items: [{ name: 'Standard', count: 1, unitPrice: 0 }], total: 0, currency: 'USD' });
    expect(state.shows.map((x) => x.seatsLeft)).toEqual([20, 19]);
  });

  it('rejects a name that is too long with its own message', async () => {
    const store = await setup(new FakeTransport([makeShow(1, showTimeIn(60))]));
    await store.getState().pickShow(1);
    store.getState().submitParty();
    store.getState().type('userName', 'x'.repeat(61));
    store.getState().submitName();
    expect(store.getState().errors.userName).toBe('tooLong');
  });

  it('does not open a sold-out show', async () => {
    const store = await setup(new FakeTransport([makeShow(1, showTimeIn(60), { capacity: 2, booked: 2 })]));
    await store.getState().pickShow(1);
    expect(store.getState().screen).toBe('start');
  });

  it('on HOUSEFULL refreshes the seats and suggests the next show with seats, keeping the guest’s details', async () => {
    const full = makeShow(1, showTimeIn(60), { capacity: 1 });
    const earlierOther = makeShow(2, showTimeIn(30), { title: 'Paper Moons' });
    const nextSame = makeShow(3, showTimeIn(180));
    const transport = new FakeTransport([full, earlierOther, nextSame]);
    const store = await setup(transport);
    await fillBooking(store, 1);
    transport.bookElsewhere(1);

    await store.getState().confirmBooking();
    await vi.waitFor(() => expect(store.getState().notice?.kind).toBe('housefull'));
    const state = store.getState();
    expect(state.screen).toBe('review');
    expect(state.notice).toMatchObject({ suggestion: { showId: 3 } });
    expect(state.shows.find((s) => s.showId === 1)!.seatsLeft).toBe(0);
    expect(state.inputs.userName).toBe('Ana Lima');

    await state.takeSuggestion();
    expect(store.getState().selectedShow?.showId).toBe(3);
    // The same party fits the suggested show, so the guest is back at the review.
    expect(store.getState().screen).toBe('review');
    await store.getState().confirmBooking();
    expect(store.getState().screen).toBe('ticket');
    expect(store.getState().ticket?.showTime).toBe(nextSame.showTime);
  });

  it('on SHOW_EXPIRED says so and offers another show', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(5)), makeShow(2, showTimeIn(90))]);
    const store = await setup(transport);
    await fillBooking(store, 1);
    transport.shows[0]!.isExpired = true;
    await store.getState().confirmBooking();
    await vi.waitFor(() => expect(store.getState().notice).toMatchObject({ kind: 'expired', suggestion: { showId: 2 } }));
  });

  it('sends the guest back to the field the server rejected', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    await fillBooking(store, 1);
    transport.override('book', () => transport.fail('INVALID_INPUT', 'phoneNo'));
    await store.getState().confirmBooking();
    expect(store.getState().screen).toBe('phone');
    expect(store.getState().errors.phoneNo).toBe('invalid');
  });
});

describe('kiosk store: database unavailable', () => {
  it('shows the outage, keeps everything typed, never re-books on its own, and asks to confirm again when back', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    await fillBooking(store, 1);
    transport.down = true;

    await store.getState().confirmBooking();
    expect(store.getState().outage).toBe(true);
    expect(store.getState().screen).toBe('review');
    expect(store.getState().inputs).toMatchObject({ userName: 'Ana Lima', phoneNo: '+34 600 123 456' });
    // The probe keeps trying in the background.
    await vi.waitFor(() => expect(transport.callsOf('listShows').length).toBeGreaterThan(2));

    transport.down = false;
    await vi.waitFor(() => expect(store.getState().outage).toBe(false));
    expect(store.getState().notice?.kind).toBe('reconnected');
    expect(transport.callsOf('book')).toHaveLength(1);
    expect(store.getState().inputs.userName).toBe('Ana Lima');

    await store.getState().confirmBooking();
    expect(store.getState().screen).toBe('ticket');
    expect(store.getState().notice).toBeNull();
  });

  it('retries a ticket lookup by itself once the box office answers again', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    transport.bookElsewhere(1, '600111222');
    fillLookup(store, fakeTicketCode(1));
    transport.down = true;
    await store.getState().lookupTicket();
    expect(store.getState().outage).toBe(true);
    transport.down = false;
    await vi.waitFor(() => expect(store.getState().screen).toBe('myTicket'));
    expect(store.getState().guestTicket?.ticketId).toBe(1);
  });
});

describe('kiosk store: my ticket', () => {
  async function lookedUp() {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60)), makeShow(2, showTimeIn(120)), makeShow(3, showTimeIn(180), { capacity: 1, booked: 1 })]);
    const store = await setup(transport);
    transport.bookElsewhere(1, '600111222');
    fillLookup(store, fakeTicketCode(1));
    await store.getState().lookupTicket();
    return { transport, store };
  }

  it('says plainly when no ticket has the code typed', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    transport.bookElsewhere(1, '600111222');
    fillLookup(store, fakeTicketCode(99));
    await store.getState().lookupTicket();
    expect(store.getState().notice?.kind).toBe('notFound');
    expect(store.getState().screen).toBe('lookup');
  });

  it('says a cancelled ticket was cancelled, and when, instead of blaming the code typed', async () => {
    const { store } = await lookedUp();
    store.getState().askCancel();
    await store.getState().confirmCancel();
    store.getState().openLookup();
    fillLookup(store, fakeTicketCode(1));
    await store.getState().lookupTicket();
    const notice = store.getState().notice;
    expect(notice?.kind).toBe('ticketCancelled');
    expect(notice?.kind === 'ticketCancelled' && Math.abs(Date.parse(notice.cancelledAt!) - Date.now())).toBeLessThan(60_000);
    expect(store.getState().screen).toBe('lookup');
    expect(store.getState().guestTicket).toBeNull();
  });

  it('says so too when the ticket is cancelled elsewhere while the guest is deciding', async () => {
    const { store, transport } = await lookedUp();
    transport.override('cancel', () => ({
      ok: false,
      error: { code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.', details: { cancelledAt: '2026-03-03T19:05:00+01:00' } },
    }));
    store.getState().askCancel();
    await store.getState().confirmCancel();
    expect(store.getState()).toMatchObject({ screen: 'lookup', confirmation: null, notice: { kind: 'ticketCancelled', cancelledAt: '2026-03-03T19:05:00+01:00' } });

    transport.override('cancel', undefined);
    await store.getState().lookupTicket();
    store.getState().askMove(store.getState().shows.find((s) => s.showId === 2)!);
    transport.override('move', () => ({ ok: false, error: { code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.' } }));
    await store.getState().confirmMove();
    expect(store.getState()).toMatchObject({ screen: 'lookup', notice: { kind: 'ticketCancelled', cancelledAt: null } });
  });

  it('offers only other shows with seats as move targets', async () => {
    const { store } = await lookedUp();
    expect(moveTargets(store.getState(), Date.now()).map((s) => s.showId)).toEqual([2]);
  });

  it('moves the ticket after confirmation, proving it with the code', async () => {
    const { store, transport } = await lookedUp();
    const target = store.getState().shows.find((s) => s.showId === 2)!;
    store.getState().askMove(target);
    expect(store.getState().confirmation).toMatchObject({ kind: 'move' });
    await store.getState().confirmMove();
    expect(store.getState().screen).toBe('ticket');
    expect(store.getState().ticket).toMatchObject({ ticketId: 1, moved: true, showTime: target.showTime, screenName: 'Screen 1' });
    expect(store.getState().guestTicket).toMatchObject({ showId: 2 });
    expect(transport.callsOf('move')[0]!.input).toEqual({ ticketCode: fakeTicketCode(1), showId: 2 });
  });

  it('moves a ticket to another screen at the same minute, by showId', async () => {
    const showTime = showTimeIn(60);
    const transport = new FakeTransport([makeShow(1, showTime), makeShow(2, showTime, { screenId: 2, screenName: 'Screen 2' })]);
    const store = await setup(transport);
    transport.bookElsewhere(1, '600111222');
    fillLookup(store, fakeTicketCode(1));
    await store.getState().lookupTicket();
    expect(moveTargets(store.getState(), Date.now()).map((s) => s.showId)).toEqual([2]);
    store.getState().askMove(store.getState().shows[1]!);
    await store.getState().confirmMove();
    expect(transport.callsOf('move')[0]!.input).toEqual({ ticketCode: fakeTicketCode(1), showId: 2 });
    expect(store.getState().ticket).toMatchObject({ screenName: 'Screen 2', moved: true });
    expect(transport.tickets.get(1)!.showId).toBe(2);
  });

  it('does not offer a cancelled screening, and a screening cancelled meanwhile is refused like an expired one', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60)), makeShow(2, showTimeIn(90), { cancelledAt: showTimeIn(-5), cancelReason: 'Projector failure' })]);
    const store = await setup(transport);
    expect(moveTargets(store.getState(), Date.now()).map((s) => s.showId)).toEqual([1]);
    await fillBooking(store, 1);
    transport.shows[0]!.cancelledAt = showTimeIn(0);
    await store.getState().confirmBooking();
    expect(transport.callsOf('book')[0]!.input).toMatchObject({ showId: 1 });
    // Nothing else is left to offer: both screenings are cancelled now.
    await vi.waitFor(() => expect(store.getState().notice).toEqual({ kind: 'expired', suggestion: null }));
    expect(store.getState().screen).toBe('review');
  });

  it('a ticket of a cancelled screening says so, with the reason, not just "cancelled"', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    transport.override('lookupTicket', () => ({
      ok: false,
      error: {
        code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.',
        details: { cancelledAt: showTimeIn(-30), screeningCancelledAt: showTimeIn(-30), showTime: showTimeIn(60), reason: 'Projector failure' },
      },
    }));
    fillLookup(store, fakeTicketCode(1));
    await store.getState().lookupTicket();
    expect(store.getState().notice).toMatchObject({ kind: 'ticketCancelled', screening: { reason: 'Projector failure' } });
  });

  it('cancels the ticket after confirmation', async () => {
    const { store, transport } = await lookedUp();
    store.getState().askCancel();
    await store.getState().confirmCancel();
    expect(store.getState().screen).toBe('cancelled');
    expect(transport.tickets.size).toBe(0);
  });

  it('a ticket used at the door meanwhile: move and cancel are refused, and the ticket shows as used', async () => {
    const { store, transport } = await lookedUp();
    expect(store.getState().guestTicket?.checkedInAt).toBeNull();
    const used = {
      ok: false as const,
      error: { code: 'ALREADY_CHECKED_IN' as const, message: 'used', details: { checkedInAt: '2030-01-01T20:12:00+01:00', checkedInBy: 'Door A' } },
    };
    transport.override('move', () => used);
    transport.override('cancel', () => used);

    store.getState().askMove(store.getState().shows.find((s) => s.showId === 2)!);
    await store.getState().confirmMove();
    expect(store.getState()).toMatchObject({ screen: 'myTicket', confirmation: null, notice: null });
    expect(store.getState().guestTicket).toMatchObject({ checkedInAt: '2030-01-01T20:12:00+01:00', checkedInBy: 'Door A' });

    store.getState().askCancel();
    await store.getState().confirmCancel();
    expect(store.getState()).toMatchObject({ screen: 'myTicket', confirmation: null, notice: null });
    expect(transport.tickets.size).toBe(1);
  });
});

describe('kiosk store: connection and reset', () => {
  it('applies live seat updates, and reloads the list for a show it does not know', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    transport.pushSeats({ showId: 1, showTime: transport.shows[0]!.showTime, capacity: 20, booked: 5, seatsLeft: 15 });
    expect(store.getState().shows[0]!.seatsLeft).toBe(15);
    const before = transport.callsOf('listShows').length;
    transport.shows.push(makeShow(9, showTimeIn(200)));
    transport.pushSeats({ showId: 9, showTime: transport.shows[1]!.showTime, capacity: 20, booked: 0, seatsLeft: 20 });
    await vi.waitFor(() => expect(store.getState().shows).toHaveLength(2));
    expect(transport.callsOf('listShows').length).toBe(before + 1);
  });

  it('starts on the pairing screen without a token, and pairs with a good one', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))], { paired: false });
    const store = createKioskStore({ transport });
    stores.push(store);
    await store.getState().init();
    expect(store.getState().screen).toBe('pair');
    store.getState().typePairToken('wrong');
    await store.getState().pairWithToken();
    expect(store.getState()).toMatchObject({ screen: 'pair', pairProblem: { reason: 'tokenRejected', via: 'token' } });
    expect(transport.pairing!.isPaired()).toBe(false);
    store.getState().typePairToken('kiosk-token');
    await store.getState().pairWithToken();
    expect(store.getState().screen).toBe('start');
    await vi.waitFor(() => expect(store.getState().showsLoaded).toBe(true));
  });

  it('pairs with the manager\'s kiosk code typed on its keypad; a door code leaves it on pairing, saying so', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))], { paired: false });
    transport.codes.set('111111', 'door');
    transport.codes.set('222222', 'kiosk');
    const store = createKioskStore({ transport });
    stores.push(store);
    await store.getState().init();
    const s = store.getState();

    s.typePairCode('111111');
    await s.pairWithCode();
    expect(store.getState()).toMatchObject({ screen: 'pair', pairProblem: { reason: 'wrongRole', via: 'code', role: 'door' }, pairCode: '' });
    expect(transport.pairing!.isPaired()).toBe(false);

    s.typePairCode('222-222');
    await s.pairWithCode();
    expect(transport.callsOf('redeemPairing').at(-1)?.input).toEqual({ code: '222222', expectRole: 'kiosk' });
    expect(store.getState()).toMatchObject({ screen: 'start', pairProblem: null, pairCode: '' });
    expect(transport.pairing!.isPaired()).toBe(true);
    await vi.waitFor(() => expect(store.getState().showsLoaded).toBe(true));
  });

  it('goes back to pairing when the token stops being accepted', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const store = await setup(transport);
    await fillBooking(store, 1);
    transport.pairing!.token = 'revoked';
    await store.getState().confirmBooking();
    expect(store.getState().screen).toBe('pair');
    expect(store.getState().inputs.userName).toBe('');
  });

  it('startOver forgets the guest and the language', async () => {
    const store = await setup(new FakeTransport([makeShow(1, showTimeIn(60))]));
    store.getState().toggleLocale();
    await fillBooking(store, 1);
    expect(store.getState().locale).toBe('es');
    store.getState().startOver();
    const state = store.getState();
    expect(state).toMatchObject({ screen: 'start', locale: 'en', selectedShow: null, errors: {}, notice: null });
    expect(state.inputs.userName).toBe('');
    expect(state.inputs.phoneNo).toBe('');
  });
});

describe('kiosk store: start-up', () => {
  it('uses what was asked for while the page loaded (shows, its role, films) without asking again', async () => {
    const prefetchedShow = makeShow(7, showTimeIn(90));
    const prefetchedFilm = { filmId: 3, title: 'Vertigo', runtimeMinutes: 128, rating: 'PG', description: null, posterUrl: '/film/poster/3' };
    const transport = new FakeTransport([makeShow(1, showTimeIn(60))]);
    const headStart = {
      shows: Promise.resolve({ ok: true as const, value: [prefetchedShow] }),
      self: Promise.resolve({ ok: true as const, value: { role: 'kiosk' as const, label: 'Lobby kiosk', tokenId: 5 } }),
      films: Promise.resolve({ ok: true as const, value: { films: [prefetchedFilm] } }),
    };
    const store = createKioskStore({ transport, refreshEveryMs: 60_000, headStart });
    stores.push(store);
    await store.getState().init();
    await vi.waitFor(() => expect(store.getState().showsLoaded).toBe(true));
    await vi.waitFor(() => expect(store.getState().films).toEqual([prefetchedFilm]));
    expect(store.getState().shows.map((s) => s.showId)).toEqual([7]);
    expect(store.getState().screen).toBe('start');
    expect(transport.callsOf('listShows')).toHaveLength(0);
    expect(transport.callsOf('deviceSelf')).toHaveLength(0);
    expect(transport.callsOf('listFilms')).toHaveLength(0);
    // Later refreshes ask the box office as usual.
    await store.getState().refreshShows();
    expect(store.getState().shows.map((s) => s.showId)).toEqual([1]);
  });

  it("starts with the film list when the head start's answers were in before the store was made, for a kiosk's token only", () => {
    const show = makeShow(7, showTimeIn(90));
    const film = { filmId: 3, title: 'Vertigo', runtimeMinutes: 128, rating: 'PG', description: null, posterUrl: '/film/poster/3' };
    const asStore = (role: 'kiosk' | 'manager') => {
      const answers = {
        shows: { ok: true as const, value: [show] },
        self: { ok: true as const, value: { role, label: 'Lobby kiosk', tokenId: 5 } },
        films: { ok: true as const, value: { films: [film] } },
      };
      const headStart = { shows: Promise.resolve(answers.shows), self: Promise.resolve(answers.self), films: Promise.resolve(answers.films), answers };
      const store = createKioskStore({ transport: new FakeTransport([]), refreshEveryMs: 60_000, headStart });
      stores.push(store);
      return store.getState();
    };
    // Before init(): the first render lists the films.
    expect(asStore('kiosk')).toMatchObject({ screen: 'start', showsLoaded: true, shows: [show], films: [film] });
    // Another role's token waits for init(), which sends it to pairing.
    expect(asStore('manager')).toMatchObject({ showsLoaded: false, shows: [], films: [] });
  });
});
