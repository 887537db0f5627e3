// Ticket types and prices end to end: real Chromium at /manager/ on the real `marquee serve`
// with a real database (in euros), over HTTPS. The manager adds two types in the Ticket types
// screen (a price typed "6,50" is 650 cents on the server), moves one up, sets a show's own
// adult price in the show dialog, sees a family booked by a kiosk in the roster as its size,
// types and total, is refused deleting a type that was sold (said in the dialog), and reads the
// revenue in the sales report. Screens are photographed to test-results/screenshots/ticket-types-*.png
// and scanned with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../support/server';
import { captureScreen, openManagerBrowser, openPairedManager, closeE2e } from './helpers';

const ZONE = 'Europe/Madrid';
const UI_WAIT = 15_000;
/** The manager's start-up probe of optional routes meets a 404; deleting a sold type is a 409, on purpose. */
const EXPECTED_STATUSES = [404, 409];

interface TicketTypeOut {
  ticketTypeId: number;
  name: string;
  price: number;
  sortOrder: number;
  active: boolean;
}

let server: ServeHandle;
let browser: Browser;
let page: Page;
let managerToken: string;
let kioskToken: string;
const problems: string[] = [];

async function api<T>(route: string, token: string, body: unknown): Promise<T> {
  const answer = await server.request('POST', route, body, token);
  expect(answer.status, `${route}: ${answer.text}`).toBeLessThan(300);
  return answer.json as T;
}

const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
const types = async () => (await api<{ ticketTypes: TicketTypeOut[] }>('/ticket-type/list', managerToken, { includeInactive: true })).ticketTypes;

async function shot(name: string) {
  expect(await captureScreen(page, `ticket-types-${name}`), `axe findings on ticket-types-${name}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: ZONE, MARQUEE_CURRENCY: 'EUR' } });
  [managerToken, kioskToken] = await Promise.all([server.token('manager', 'Office'), server.token('kiosk', 'Lobby kiosk')]);
  ({ browser, page } = await openManagerBrowser(
    server,
    { viewport: { width: 1440, height: 900 }, timezoneId: ZONE, locale: 'en-US' },
    { problems, expectedStatuses: EXPECTED_STATUSES },
  ));
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

describe('ticket types and prices in the manager', () => {
  it('creates types, reorders them, sets a show’s own price, shows a party and its revenue, and refuses deleting a sold type', async () => {
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
    const show = await api<{ showId: number }>('/show/create', managerToken, { showTime: `${tomorrow} 19:00`, title: 'Family Matinee', capacity: 40 });

    await openPairedManager(page, server.baseUrl, managerToken, UI_WAIT);
    await nav('Ticket types');
    await page.getByRole('heading', { level: 1, name: 'Ticket types' }).waitFor({ timeout: UI_WAIT });
    await page.locator('[data-ticket-type-id]').first().waitFor({ timeout: UI_WAIT });

    for (const [name, price] of [['Adult', '9.50'], ['Child', '6,50']] as const) {
      await button(/Add ticket type/).click();
      const dialog = page.getByRole('dialog', { name: 'New ticket type' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Price (EUR)').fill(price);
      if (name === 'Child') await shot('01-new-type');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByTestId('ticket-types').textContent(), { timeout: UI_WAIT }).toContain(name);
    }
    expect((await types()).map((t) => [t.name, t.price])).toEqual([['Standard', 0], ['Adult', 950], ['Child', 650]]);
    const childRow = page.locator('tr', { has: page.getByRole('rowheader', { name: 'Child' }) });
    await expect.poll(() => childRow.locator('[data-cell="price"]').textContent(), { timeout: UI_WAIT }).toBe('€6.50');

    // Children first on the kiosk: one step up.
    await button('Move Child up').click();
    await expect.poll(async () => (await types()).map((t) => t.name), { timeout: UI_WAIT }).toEqual(['Standard', 'Child', 'Adult']);
    await expect.poll(() => page.getByRole('rowheader').allTextContents(), { timeout: UI_WAIT }).toEqual(['StandardDefault', 'Child', 'Adult']);
    await shot('02-list');

    // The show's own adult price, set in its dialog.
    await nav('Schedule');
    await button(/^Family Matinee, .*: open the roster$/).click();
    await button('Edit show').click();
    const edit = page.getByRole('dialog', { name: 'Edit show' });
    await edit.getByTestId('price-card').waitFor({ timeout: UI_WAIT });
    await edit.getByLabel('Adult price').fill('5');
    await shot('03-show-prices');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-done="showUpdated"]').count(), { timeout: UI_WAIT }).toBe(1);
    const own = await api<{ ticketTypes: Array<{ name: string; price: number }> }>('/show/ticket-types', kioskToken, { showId: show.showId });
    expect(own.ticketTypes.map((t) => [t.name, t.price])).toEqual([['Standard', 0], ['Child', 650], ['Adult', 500]]);

    // A family booked at the kiosk: the roster says its size, types and total.
    const byName = Object.fromEntries((await types()).map((t) => [t.name, t.ticketTypeId]));
    const family = await api<{ total: number }>('/ticket/book', kioskToken, {
      userName: 'Rosa Family', phoneNo: '+34611220001', showId: show.showId,
      items: [{ ticketTypeId: byName.Adult, count: 2 }, { ticketTypeId: byName.Child, count: 2 }],
    });
    expect(family.total).toBe(2 * 500 + 2 * 650);
    const party = page.locator('[data-cell="party"]').first();
    await expect.poll(() => party.textContent(), { timeout: UI_WAIT }).toBe('4: 2 Adult, 2 Child · €23.00');

    // A type that was sold cannot be deleted: the dialog says why and what to do instead.
    await nav('Ticket types');
    await page.locator('[data-ticket-type-id]').first().waitFor({ timeout: UI_WAIT });
    // A sold type offers no Delete once the list is read again; one never sold does, and the server is asked.
    await expect.poll(() => button('Delete Adult').count(), { timeout: UI_WAIT }).toBe(0);
    expect(await button('Delete Child').count()).toBe(0);
    await api('/ticket-type/create', managerToken, { name: 'Senior', price: 700 });
    await nav('Schedule');
    await nav('Ticket types');
    await button('Delete Senior').click();
    const remove = page.getByRole('dialog', { name: 'Delete Senior?' });
    // Sold meanwhile, from a kiosk: the server refuses and the dialog says so.
    await api('/ticket/book', kioskToken, { userName: 'Sam Elder', phoneNo: '+34611220002', showId: show.showId, items: [{ ticketTypeId: (await types()).find((t) => t.name === 'Senior')!.ticketTypeId, count: 1 }] });
    await remove.getByRole('button', { name: 'Delete type' }).click();
    await expect.poll(() => remove.getByRole('alert').textContent(), { timeout: UI_WAIT }).toBe('Senior cannot be deleted: tickets were sold of it. Take it off sale instead.');
    await shot('04-delete-refused');
    await remove.getByRole('button', { name: 'Close' }).click();
    expect((await types()).map((t) => t.name)).toContain('Senior');

    // The sales report: the seats' value in euros, per type too.
    await nav('Reports');
    const totals = page.getByTestId('report-totals');
    await expect.poll(() => totals.textContent(), { timeout: UI_WAIT }).toContain('€30.00');
    const perType = page.getByRole('table', { name: /^Per ticket type and day/ });
    await expect.poll(() => perType.locator('tr', { has: page.getByRole('rowheader', { name: 'Adult' }) }).locator('[data-cell="revenue"]').textContent(), { timeout: UI_WAIT }).toBe('€10.00');
    await shot('05-report');
  }, 180_000);
});
