// The manager's ticket types and prices against the in-memory box office: the list with its
// currency, the form checked before asking (prices typed in the major unit, "9,50" too),
// reorder, off sale and back, the default, deleting a type never sold and the refusal for one
// sold; per-show prices in the show form; a party's summary in the manager's words.
import { describe, expect, it } from 'vitest';
import { MANAGER_LOCALES } from '../../../renderer/src/manager/i18n';
import { parsePrice, priceText } from '../../../renderer/src/manager/lib/price';
import { partySummary } from '../../../renderer/src/manager/lib/party';
import { createManagerStore, validateTicketType, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { formatMoney } from '../../../renderer/src/shared/lib/money';
import { FakeManagerTransport, makeShow, showTimeIn } from './fake-manager-transport';

async function until(check: () => boolean, ms = 2_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function paired(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5, refreshEveryMs: 60_000 });
  await store.getState().init();
  await until(() => store.getState().access === 'ok');
  store.getState().setView('ticketTypes');
  await until(() => store.getState().ticketTypes !== null);
  return store;
}

const names = (store: ManagerStore) => store.getState().ticketTypes!.map((t) => t.name);

describe('money in the manager’s words', () => {
  it('formats minor units in the currency’s digits and parses what the staff types', () => {
    expect(formatMoney(950, 'USD', 'en-US')).toBe('$9.50');
    expect(formatMoney(950, 'EUR', 'es-ES').replace(/\s/g, ' ')).toBe('9,50 €');
    expect(formatMoney(950, 'JPY', 'en-US')).toBe('¥950');
    expect(parsePrice('9.50', 'USD')).toBe(950);
    expect(parsePrice('9,5', 'EUR')).toBe(950);
    expect(parsePrice(' 12 ', 'EUR')).toBe(1200);
    expect(parsePrice('950', 'JPY')).toBe(950);
    expect(parsePrice('9.505', 'USD')).toBeNull();
    expect(parsePrice('9.5', 'JPY')).toBeNull();
    expect(parsePrice('-1', 'USD')).toBeNull();
    expect(parsePrice('nine', 'USD')).toBeNull();
    expect(priceText(905, 'EUR')).toBe('9.05');
  });

  it('says a party as its size and its seats by type, and one seat as one', () => {
    const en = MANAGER_LOCALES.en;
    const items = [
      { ticketTypeId: 2, name: 'Adult', count: 2, unitPrice: 950 },
      { ticketTypeId: 3, name: 'Child', count: 2, unitPrice: 600 },
    ];
    expect(partySummary({ seats: 4, items }, en)).toBe('4: 2 Adult, 2 Child');
    expect(partySummary({ seats: 1, items: [{ ticketTypeId: 1, name: 'Standard', count: 1, unitPrice: 0 }] }, en)).toBe('1: 1 Standard');
  });
});

describe('the ticket types screen', () => {
  it('lists every type with the currency, off sale ones too', async () => {
    const transport = new FakeManagerTransport([]);
    transport.ticketTypes[2]!.active = false;
    const store = await paired(transport);
    expect(transport.callsOf('listTicketTypes')[0]!.input).toEqual({ includeInactive: true });
    expect(names(store)).toEqual(['Standard', 'Adult', 'Child']);
    expect(store.getState().currency).toBe('EUR');
  });

  it('checks the form before asking, then creates a type with its price in minor units', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport);
    expect(validateTicketType({ name: '', price: 'x', quotaPerShow: '0', heldForCounter: '', accessible: false }, 'EUR')).toEqual({ name: 'empty', price: 'invalid', quotaPerShow: 'range' });
    expect(validateTicketType({ name: 'A'.repeat(41), price: '', quotaPerShow: '2.5', heldForCounter: '', accessible: false }, 'EUR')).toEqual({ name: 'tooLong', price: 'empty', quotaPerShow: 'invalid' });

    store.getState().openTicketType(null);
    await store.getState().saveTicketType({ name: 'Senior', price: 'abc', quotaPerShow: '', heldForCounter: '', accessible: false });
    expect(store.getState().ticketTypeErrors).toEqual({ price: 'invalid' });
    expect(transport.callsOf('createTicketType')).toHaveLength(0);

    await store.getState().saveTicketType({ name: ' Wheelchair space ', price: '7,25', quotaPerShow: '2', heldForCounter: '', accessible: false });
    expect(transport.callsOf('createTicketType')[0]!.input).toEqual({ name: 'Wheelchair space', price: 725, quotaPerShow: 2, heldForCounter: 0, accessible: false });
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toEqual({ kind: 'ticketTypeSaved', name: 'Wheelchair space' });
    expect(names(store)).toEqual(['Standard', 'Adult', 'Child', 'Wheelchair space']);

    // The same name again: said at the name, the dialog stays.
    store.getState().openTicketType(null);
    await store.getState().saveTicketType({ name: 'Adult', price: '1', quotaPerShow: '', heldForCounter: '', accessible: false });
    expect(store.getState().ticketTypeErrors).toEqual({ name: 'exists' });
    expect(store.getState().dialog?.kind).toBe('ticketType');
  });

  it('a wheelchair space: accessible, with spaces held for the counter, never more than its limit', async () => {
    const draft = { name: 'Wheelchair space', price: '9.50', quotaPerShow: '2', heldForCounter: '1', accessible: true };
    expect(validateTicketType({ ...draft, quotaPerShow: '' }, 'EUR')).toEqual({ heldForCounter: 'needsQuota' });
    expect(validateTicketType({ ...draft, heldForCounter: '3' }, 'EUR')).toEqual({ heldForCounter: 'range' });
    expect(validateTicketType({ ...draft, heldForCounter: '1.5' }, 'EUR')).toEqual({ heldForCounter: 'invalid' });
    expect(validateTicketType({ ...draft, quotaPerShow: '', heldForCounter: '0' }, 'EUR')).toEqual({});
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport);
    store.getState().openTicketType(null);
    await store.getState().saveTicketType(draft);
    expect(transport.callsOf('createTicketType')[0]!.input).toEqual({ name: 'Wheelchair space', price: 950, quotaPerShow: 2, heldForCounter: 1, accessible: true });
    expect(store.getState().ticketTypes!.find((t) => t.name === 'Wheelchair space')).toMatchObject({ accessible: true, heldForCounter: 1 });
  });

  it('renames and reprices a type; clearing the limit sends null', async () => {
    const transport = new FakeManagerTransport([]);
    transport.ticketTypes[1]!.quotaPerShow = 5;
    const store = await paired(transport);
    const adult = store.getState().ticketTypes![1]!;
    store.getState().openTicketType(adult);
    await store.getState().saveTicketType({ name: 'Adults', price: '10', quotaPerShow: '', heldForCounter: '', accessible: false });
    expect(transport.callsOf('updateTicketType').at(-1)!.input).toEqual({ ticketTypeId: 2, name: 'Adults', price: 1000, quotaPerShow: null, heldForCounter: 0, accessible: false });
    expect(store.getState().ticketTypes![1]).toMatchObject({ name: 'Adults', price: 1000, quotaPerShow: null });
  });

  it('reorders by swapping neighbours, and the list follows the server', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport);
    await store.getState().moveTicketType(store.getState().ticketTypes![2]!, -1);
    expect(names(store)).toEqual(['Standard', 'Child', 'Adult']);
    expect(store.getState().done).toEqual({ kind: 'ticketTypeMoved', name: 'Child' });
    await store.getState().moveTicketType(store.getState().ticketTypes![0]!, -1); // already first: nothing asked
    expect(names(store)).toEqual(['Standard', 'Child', 'Adult']);
  });

  it('takes a type off sale and back, and makes another the default', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport);
    const child = store.getState().ticketTypes![2]!;
    await store.getState().setTicketTypeActive(child, false);
    expect(store.getState().ticketTypes![2]!.active).toBe(false);
    expect(store.getState().done).toEqual({ kind: 'ticketTypeDeactivated', name: 'Child' });
    await store.getState().setTicketTypeActive(child, true);
    expect(store.getState().ticketTypes![2]!.active).toBe(true);

    await store.getState().makeDefaultTicketType(store.getState().ticketTypes![1]!);
    expect(store.getState().ticketTypes!.filter((t) => t.isDefault).map((t) => t.name)).toEqual(['Adult']);
    // The default cannot go off sale: the server says no, the page says why.
    await store.getState().setTicketTypeActive(store.getState().ticketTypes![1]!, false);
    expect(store.getState().notice).toEqual({ kind: 'ticketTypeRefused' });
    expect(store.getState().ticketTypes![1]!.active).toBe(true);
  });

  it('deletes a type never sold; a sold one is refused in the dialog with the way out', async () => {
    const transport = new FakeManagerTransport([makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40 })]);
    transport.book(1, 'Ana', undefined, [{ ticketTypeId: 2, count: 2 }]);
    const store = await paired(transport);
    const [, adult, child] = store.getState().ticketTypes!;
    expect(adult!.inUse).toBe(true);

    store.getState().askDeleteTicketType(adult!);
    await store.getState().confirmDeleteTicketType();
    expect(store.getState().dialog).toEqual({ kind: 'deleteTicketType', type: adult, refusal: 'inUse' });
    expect(names(store)).toContain('Adult');

    store.getState().askDeleteTicketType(child!);
    await store.getState().confirmDeleteTicketType();
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().done).toEqual({ kind: 'ticketTypeDeleted', name: 'Child' });
    expect(names(store)).toEqual(['Standard', 'Adult']);
  });
});

describe('prices for shows', () => {
  it('the show form starts from the show’s own prices, sends only what changed, and an emptied field goes back to the type’s price', async () => {
    const transport = new FakeManagerTransport([makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40 })]);
    transport.showPrices.set(1, new Map([[3, 450]]));
    const store = await paired(transport);
    store.getState().openEditShow(transport.shows[0]!);
    await until(() => store.getState().priceCard !== null);
    expect(store.getState().priceCard!.types.map((t) => [t.name, t.typePrice, t.initial])).toEqual([['Standard', 0, ''], ['Adult', 950, ''], ['Child', 600, '4.50']]);
    expect(store.getState().priceInputs).toEqual({ 1: '', 2: '', 3: '4.50' });

    store.getState().typePrice(2, '8,0');
    store.getState().typePrice(1, 'free');
    await store.getState().submitEditShow();
    expect(store.getState().priceErrors).toEqual([1]);
    expect(transport.callsOf('updateShow')).toHaveLength(0);

    store.getState().typePrice(1, '');
    expect(store.getState().priceErrors).toEqual([]);
    store.getState().typePrice(3, ' ');
    await store.getState().submitEditShow();
    expect(transport.callsOf('updateShow')[0]!.input).toEqual({
      showId: 1, title: 'Night Train', capacity: 40,
      prices: [{ ticketTypeId: 2, price: 800 }, { ticketTypeId: 3, price: null }],
    });
    expect(store.getState().dialog).toBeNull();
    expect([...transport.showPrices.get(1)!]).toEqual([[2, 800]]);
  });

  it('an unchanged price card sends no prices', async () => {
    const transport = new FakeManagerTransport([makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40 })]);
    const store = await paired(transport);
    store.getState().openEditShow(transport.shows[0]!);
    await until(() => store.getState().priceCard !== null);
    await store.getState().submitEditShow();
    expect(transport.callsOf('updateShow')[0]!.input).toEqual({ showId: 1, title: 'Night Train', capacity: 40 });
  });

  it('the program form sets the filled-in prices on every show it makes', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport);
    await store.getState().loadCatalog();
    store.getState().openProgram();
    await until(() => store.getState().priceCard !== null);
    expect(store.getState().priceCard!.showId).toBeNull();
    store.getState().typeProgram({ filmId: 1, screenIds: [1], from: '2030-03-05', to: '2030-03-19', weekdays: [2], times: ['19:00'] });
    store.getState().typePrice(2, '5');
    await store.getState().createProgram();
    expect(transport.callsOf('scheduleShows').at(-1)!.input).toMatchObject({ weekdays: [2], prices: [{ ticketTypeId: 2, price: 500 }] });
    expect(store.getState().done).toEqual({ kind: 'programmed', count: 3 });
    const made = transport.shows.map((s) => s.showId);
    expect(made.map((id) => transport.showPrices.get(id)?.get(2))).toEqual([500, 500, 500]);
  });
});
