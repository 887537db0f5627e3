// The counter's Sell screen against the in-memory box office: a counter token pairs and sees
// only its sections (and asks for nothing it may not read); a sale in a few steps sends `sell`
// with an Idempotency-Key, kept for the retry after an outage and new for the next sale; what
// stops a sale before it is sent and the refusals after, said with what to do; the paper chosen
// for each print; and the pure rules (today's shows, totals, common notes).
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { OPERATIONS, type Role } from '../../../main/common/operations';
import { commonTenders, itemsOf, todaysShows, totalOf } from '../../../renderer/src/manager/lib/sell';
import { viewsFor } from '../../../renderer/src/manager/lib/views';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { COUNTER_TOKEN, FakeManagerTransport, KIOSK_TOKEN, MANAGER_TOKEN, makeShow, showTimeIn } from './fake-manager-transport';

async function until(check: () => boolean, ms = 2_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const shows = () => [makeShow(1, showTimeIn(60), { title: 'Casablanca', capacity: 10 }), makeShow(2, showTimeIn(90), { title: 'Vertigo', screenId: 2, screenName: 'Screen 2' })];

async function paired(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5, refreshEveryMs: 60_000 });
  await store.getState().init();
  await until(() => store.getState().access === 'ok' && store.getState().showsLoaded);
  return store;
}

/** At the sale step of show 1 with its prices read. */
async function atSale(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = await paired(transport);
  store.getState().setView('sell');
  await store.getState().pickSellShow(1);
  expect(store.getState().sellTypes?.ticketTypes.map((t) => t.name)).toEqual(['Standard', 'Adult', 'Child']);
  return store;
}

const sellCalls = (transport: FakeManagerTransport) => transport.callOptions.filter((c) => c.name === 'sell');

describe('who the manager page is for', () => {
  it('takes a counter token: its role decides the sections, and it asks for nothing a counter may not read', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const store = await paired(transport);
    expect(store.getState().deviceRole).toBe('counter');
    expect(store.getState().view).toBe('sell');
    expect(viewsFor('counter')).toEqual(['sell', 'find', 'cashup']);
    store.getState().setView('devices');
    store.getState().setView('reports');
    expect(store.getState().view).toBe('sell');
    store.getState().setView('cashup');
    expect(store.getState().view).toBe('cashup');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const refused = transport.calls.filter((c) => !(OPERATIONS[c.name as keyof typeof OPERATIONS].roles as readonly Role[]).includes('counter'));
    expect(refused).toEqual([]);
    expect(store.getState().notice).toBeNull();
  });

  it('a manager keeps its sections and the schedule, with Sell and Cash-up too', async () => {
    const store = await paired(new FakeManagerTransport(shows(), { token: MANAGER_TOKEN }));
    expect(store.getState().deviceRole).toBe('manager');
    expect(store.getState().view).toBe('schedule');
    expect(viewsFor('manager')).toEqual(['schedule', 'week', 'catalog', 'ticketTypes', 'sell', 'cashup', 'reports', 'devices']);
  });

  it('still refuses a kiosk token, and pairs a counter by code with expectRole counter', async () => {
    const transport = new FakeManagerTransport(shows(), { token: KIOSK_TOKEN });
    const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 } });
    await store.getState().init();
    expect(store.getState().access).toBe('unpaired');
    expect(store.getState().pairProblem).toEqual({ reason: 'wrongRole', via: 'token', role: 'kiosk' });

    transport.override('redeemPairing', () => ({ ok: true, value: { tokenId: 9, label: 'Counter 1', role: 'counter', token: COUNTER_TOKEN } }));
    store.getState().typePairCode('123 456');
    await store.getState().pairWithCode();
    expect(transport.callsOf('redeemPairing').map((c) => c.input)).toEqual([{ code: '123456', expectRole: 'counter' }]);
    expect(store.getState().access).toBe('ok');
    expect(store.getState().deviceRole).toBe('counter');
    expect(store.getState().deviceLabel).toBe('Counter 1');
    expect(store.getState().view).toBe('sell');
  });
});

describe('a sale at the counter', () => {
  it('sells 2 adults for the exact cash: one sell call with the items, payment and a key', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const store = await atSale(transport);
    expect(store.getState().sellCounts).toEqual({});
    store.getState().stepCount(2, 1);
    store.getState().stepCount(2, 1);
    store.getState().tender(1900);
    expect(store.getState().tendered).toBe('19.00');
    await store.getState().sell();

    expect(transport.callsOf('sell').map((c) => c.input)).toEqual([
      { showId: 1, items: [{ ticketTypeId: 2, count: 2 }], payment: { method: 'cash', amount: 1900, tendered: 1900 } },
    ]);
    expect(sellCalls(transport)[0]!.options?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const { sellStep, sale } = store.getState();
    expect(sellStep).toBe('done');
    expect(sale).toMatchObject({ seats: 2, total: 1900, change: 0, method: 'cash', tendered: 1900, title: 'Casablanca', screenName: 'Screen 1', device: 'Office', userName: 'Walk-in' });

    // The next sale is another sale: a new key.
    store.getState().nextSale();
    expect(store.getState().sellStep).toBe('show');
    await store.getState().pickSellShow(1);
    store.getState().stepCount(3, 1);
    store.getState().typeTendered('10');
    await store.getState().sell();
    expect(store.getState().sale).toMatchObject({ total: 600, change: 400, tendered: 1000 });
    const keys = sellCalls(transport).map((c) => c.options?.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
  });

  it('card keeps the terminal reference; name and phone go along when typed', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const store = await atSale(transport);
    store.getState().stepCount(2, 1);
    store.getState().choosePayMethod('card');
    store.getState().typeCardReference(' T-4411 ');
    store.getState().typeBuyerName('Ana Torres');
    store.getState().typeBuyerPhone('+34 611 22 33 44');
    await store.getState().sell();
    expect(transport.callsOf('sell')[0]!.input).toEqual({
      showId: 1, items: [{ ticketTypeId: 2, count: 1 }], userName: 'Ana Torres', phoneNo: '+34 611 22 33 44', payment: { method: 'card', amount: 950, reference: 'T-4411' },
    });
    expect(store.getState().sale).toMatchObject({ method: 'card', reference: 'T-4411', change: 0, tendered: null });
  });

  it('says what stops a sale before sending it: no seats, no cash, too little cash, comp', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const store = await atSale(transport);
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'emptyParty' });
    store.getState().stepCount(2, 1);
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'tenderMissing' });
    store.getState().typeTendered('nine');
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'tenderInvalid' });
    store.getState().typeTendered('9');
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'tenderShort', total: 950 });
    // A counter gives nothing free.
    store.getState().choosePayMethod('comp');
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'compForbidden' });
    expect(transport.callsOf('sell')).toHaveLength(0);
    // A different party clears the cash typed for the old total.
    store.getState().choosePayMethod('cash');
    store.getState().typeTendered('20');
    store.getState().stepCount(2, 1);
    expect(store.getState().tendered).toBe('');
  });

  it('a manager may comp, with a reason', async () => {
    const transport = new FakeManagerTransport(shows(), { token: MANAGER_TOKEN });
    const store = await atSale(transport);
    store.getState().stepCount(2, 1);
    store.getState().stepCount(2, 1);
    store.getState().choosePayMethod('comp');
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'reasonMissing' });
    store.getState().typeCompReason('Press screening');
    await store.getState().sell();
    expect(transport.callsOf('sell')[0]!.input).toMatchObject({ payment: { method: 'comp', amount: 0, reason: 'Press screening' } });
    expect(store.getState().sale).toMatchObject({ method: 'comp', change: 0 });
  });

  it('HOUSEFULL with seats left, a price changed meanwhile: said with what to do, the prices read again', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const store = await atSale(transport);
    for (let i = 0; i < 3; i++) store.getState().stepCount(2, 1);
    transport.shows[0]!.seatsLeft = 2;
    store.getState().tender(2850);
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'fewSeats', seatsLeft: 2 });
    expect(store.getState().sellStep).toBe('sale');
    await until(() => store.getState().sellTypes?.seatsLeft === 2);

    transport.shows[0]!.seatsLeft = 10;
    transport.ticketTypes[1]!.price = 1000;
    const reads = transport.callsOf('showTicketTypes').length;
    await store.getState().sell();
    // The prices on screen were read before the change: the box office says the amount due.
    expect(store.getState().sellProblem).toEqual({ kind: 'priceChanged', amountDue: 3000 });
    await until(() => transport.callsOf('showTicketTypes').length > reads && store.getState().sellTypes !== null);
    expect(store.getState().sellCounts).toEqual({ 2: 3 });
    store.getState().tender(3000);
    await store.getState().sell();
    expect(store.getState().sale).toMatchObject({ total: 3000 });
  });

  it('the database away: the sale is not confirmed, and Sell again sends the same key (never sold twice)', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const store = await atSale(transport);
    store.getState().stepCount(2, 1);
    store.getState().tender(950);
    transport.down = true;
    await store.getState().sell();
    expect(store.getState().sellProblem).toEqual({ kind: 'offline' });
    expect(store.getState().outage).toBe(true);
    transport.down = false;
    await store.getState().sell();
    expect(store.getState().sellStep).toBe('done');
    const keys = sellCalls(transport).map((c) => c.options?.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('prints the ticket or the receipt: the paper is chosen before the print job starts', async () => {
    const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
    const printed: Array<string | undefined> = [];
    transport.printTicket = async () => {
      printed.push(document.documentElement.dataset.paper);
      return { ok: true, value: null };
    };
    const store = await atSale(transport);
    store.getState().stepCount(2, 1);
    store.getState().tender(950);
    await store.getState().sell();
    await store.getState().printSale('ticket');
    await store.getState().printSale('receipt');
    expect(printed).toEqual(['ticket', 'receipt']);
    expect(document.documentElement.dataset.paper).toBe('receipt');
  });
});

describe('the sale’s rules', () => {
  it('lists today’s shows still on sale in the theatre’s day, by time then screen', () => {
    const now = Date.parse('2026-12-07T15:00:00Z');
    const list = [
      makeShow(1, '2026-12-07T19:30:00+01:00', { screenName: 'Screen 2' }),
      makeShow(2, '2026-12-07T19:30:00+01:00', { screenName: 'Screen 1' }),
      makeShow(3, '2026-12-07T17:00:00+01:00'),
      makeShow(4, '2026-12-08T00:30:00+01:00'),
      makeShow(5, '2026-12-07T12:00:00+01:00'),
      makeShow(6, '2026-12-07T21:00:00+01:00', { cancelledAt: '2026-12-07T10:00:00+01:00' }),
    ];
    expect(todaysShows(list, now, 'Europe/Madrid').map((s) => s.showId)).toEqual([3, 2, 1]);
    // The theatre's day, not this device's: at 23:30 UTC it is already tomorrow in Madrid.
    expect(todaysShows(list, Date.parse('2026-12-07T23:20:00Z'), 'Europe/Madrid').map((s) => s.showId)).toEqual([4]);
  });

  it('totals a party and offers the round notes above it', () => {
    const types = [{ ticketTypeId: 2, price: 950 }, { ticketTypeId: 3, price: 650 }];
    expect(totalOf(types, { 2: 2, 3: 1 })).toBe(2550);
    expect(itemsOf(types, { 3: 1, 2: 2 })).toEqual([{ ticketTypeId: 2, count: 2 }, { ticketTypeId: 3, count: 1 }]);
    expect(commonTenders(1900, 'EUR')).toEqual([2000, 5000, 10000]);
    expect(commonTenders(2000, 'EUR')).toEqual([5000, 10000]);
    expect(commonTenders(1650, 'USD')).toEqual([2000, 5000, 10000]);
    // Yen have no minor unit and no note under 1,000: the next 10 yen is not a tender.
    expect(commonTenders(950, 'JPY')).toEqual([1000, 2000, 5000]);
    expect(commonTenders(1800, 'JPY')).toEqual([2000, 5000, 10000]);
    expect(commonTenders(12000, 'JPY')).toEqual([15000, 20000]);
    expect(commonTenders(45000, 'INR')).toEqual([46000, 50000, 60000]);
    expect(commonTenders(0, 'EUR')).toEqual([]);
  });
});
