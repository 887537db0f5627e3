// The counter end to end: real Chromium at /manager/ on the real `marquee serve` with a real
// database (in euros), over HTTPS. A counter device pairs by the manager's 6-digit code, sees
// only Sell / Find / Cash-up, and sells two adults for the exact cash in counted taps (the
// issue's target: ≤ 6 from the Sell screen), then one adult for a €20 note, which says the change
// in large type. The box office's own answers confirm both are paid and the cash-up holds them.
// The receipt prints on the ticket's 80 mm page (Chromium print-to-PDF at the CSS page size).
// Every Sell screen is scanned with axe (WCAG 2.2 A/AA); with MARQUEE_UPDATE_DOCS=1 the sale and
// the receipt are docs/counter-sell.png and docs/counter-receipt.png. A counter is never sent
// for what it may not read: a 403 in the console fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { TICKET_PAPER } from '../../main/common/ticket-paper';
import { startServe, type ServeHandle } from '../support/server';
import { captureScreen, closeE2e, docsPicture, openManagerBrowser, pdfPagesMm } from './helpers';

/** A fixed-offset zone where it is about noon now: "today's shows" hold hours later ones whenever the test runs. */
const OFFSET_HOURS = Math.max(-12, Math.min(14, 12 - new Date().getUTCHours()));
const ZONE = OFFSET_HOURS === 0 ? 'Etc/UTC' : `Etc/GMT${OFFSET_HOURS > 0 ? '-' : '+'}${Math.abs(OFFSET_HOURS)}`;
const UI_WAIT = 15_000;
/** The manager page's start-up probe of optional routes meets a 404; nothing else may fail. */
const EXPECTED_STATUSES = [404];

let server: ServeHandle;
let browser: Browser;
let page: Page;
let managerToken: string;
const problems: string[] = [];

async function api<T>(route: string, body: unknown): Promise<T> {
  const answer = await server.request('POST', route, body, managerToken);
  expect(answer.status, `${route}: ${answer.text}`).toBeLessThan(300);
  return answer.json as T;
}

const theatreDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));

async function shot(name: string) {
  expect(await captureScreen(page, `counter-${name}`), `axe findings on counter-${name}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: ZONE, MARQUEE_CURRENCY: 'EUR' } });
  managerToken = await server.token('manager', 'Office');
  ({ browser, page } = await openManagerBrowser(
    server,
    { viewport: { width: 1280, height: 860 }, timezoneId: 'America/Los_Angeles', locale: 'en-US' },
    { problems, expectedStatuses: EXPECTED_STATUSES },
  ));
}, 180_000);

afterAll(async () => {
  await closeE2e({ browsers: [browser], servers: [server] }, problems);
}, 60_000);

describe('the counter sells at the desk', () => {
  it('pairs a counter by code, sells 2 adults for exact cash in ≤ 6 taps, then 1 for a note with change, and prints an 80 mm receipt', async () => {
    const adult = await api<{ ticketTypeId: number }>('/ticket-type/create', { name: 'Adult', price: 950 });
    await api('/ticket-type/create', { name: 'Child', price: 650 });
    const screen2 = await api<{ screenId: number }>('/screen/create', { name: 'Screen 2', capacity: 40 });
    const hour = 3_600_000;
    const at = (ms: number) => new Date(Math.ceil((Date.now() + ms) / (5 * 60_000)) * 5 * 60_000).toISOString();
    const show = await api<{ showId: number; showTime: string }>('/show/create', { showTime: at(2 * hour), title: 'The Night Door', capacity: 60 });
    await api('/show/create', { showTime: at(2 * hour), title: 'Paper Moons', capacity: 40, screenId: screen2.screenId });
    await api('/show/create', { showTime: at(5 * hour), title: 'Harbour Lights', capacity: 60 });
    expect(theatreDay(Date.parse(show.showTime))).toBe(theatreDay(Date.now()));

    // The manager makes a counter's code under Devices; the counter types it on /manager/.
    const pairing = await api<{ code: string }>('/pairing/create', { role: 'counter', label: 'Counter 1' });
    await page.goto(`${server.baseUrl}/manager/`);
    await page.getByRole('textbox', { name: 'Counter pairing code' }).fill(pairing.code);
    await page.getByRole('button', { name: 'Pair with code', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sell' }).waitFor({ timeout: UI_WAIT });
    const sections = page.getByRole('navigation', { name: 'Sections' }).getByRole('button');
    expect(await sections.allTextContents()).toEqual(['Sell', 'Find a ticket', 'Cash-up']);
    const cards = page.locator('.sell-show');
    await expect.poll(() => cards.count(), { timeout: UI_WAIT }).toBe(3);
    expect((await cards.allInnerTexts()).map((text) => text.split('\n')[1])).toEqual(['The Night Door', 'Paper Moons', 'Harbour Lights']);
    await shot('01-shows');

    // The sale, tap by tap.
    let taps = 0;
    const tap = async (target: Locator) => {
      await target.click();
      taps += 1;
    };
    const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
    await tap(page.locator(`[data-show-id="${show.showId}"]`));
    await page.getByTestId('sell-types').waitFor({ timeout: UI_WAIT });
    await tap(button('+ Adult'));
    await tap(button('+ Adult'));
    await expect.poll(() => page.getByTestId('sell-total').textContent(), { timeout: UI_WAIT }).toBe('Total · 2 seats€19.00');
    await tap(button('Exact €19.00'));
    await shot('02-sale');
    await docsPicture(page, 'counter-sell.png');
    await tap(button('Sell · €19.00'));
    await page.getByTestId('sell-done').waitFor({ timeout: UI_WAIT });
    console.log(`counter: 2 adults for exact cash in ${taps} taps from the Sell screen`);
    expect(taps).toBeLessThanOrEqual(6);

    const code = (await page.getByTestId('sell-code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.getByTestId('sell-done-change').textContent()).toBe('No change');
    await expect.poll(() => page.getByTestId('sell-announce').textContent(), { timeout: UI_WAIT }).toBe(`Sold: 2 seats, ticket ${code}.`);
    const first = await api<{ paid: boolean; amountDue: number; seats: number; total: number; userName: string }>('/ticket/view/user', { ticketCode: code });
    expect(first).toMatchObject({ paid: true, amountDue: 0, seats: 2, total: 1900, userName: 'Walk-in' });
    await shot('03-done-exact');

    // The next guest pays one adult with a €20 note: the change is said in large type.
    await button('Next sale').click();
    await page.locator(`[data-show-id="${show.showId}"]`).click();
    await page.getByTestId('sell-types').waitFor({ timeout: UI_WAIT });
    await button('+ Adult').click();
    await button('Given €20.00').click();
    await expect.poll(() => page.getByTestId('sell-change').textContent(), { timeout: UI_WAIT }).toBe('Change to give: €10.50');
    await button('Sell · €9.50').click();
    await page.getByTestId('sell-done').waitFor({ timeout: UI_WAIT });
    expect(await page.getByTestId('sell-done-change').textContent()).toBe('Change to give€10.50');
    const second = (await page.getByTestId('sell-code').textContent())!;
    await expect.poll(() => page.getByTestId('sell-announce').textContent(), { timeout: UI_WAIT }).toBe(`Sold: 1 seat, ticket ${second}. Change to give: €10.50.`);
    await shot('04-done-change');

    // The box office agrees: both paid, the drawer should hold €28.50 from this counter.
    expect(await api<{ paid: boolean; items: Array<{ ticketTypeId: number; count: number }> }>('/ticket/view/user', { ticketCode: second })).toMatchObject({
      paid: true,
      items: [{ ticketTypeId: adult.ticketTypeId, count: 1 }],
    });
    const cashUp = await api<{ devices: Array<{ device: string; cash: { sales: number; expected: number } }>; totals: { cash: { sales: number } } }>('/report/cashup', { day: theatreDay(Date.now()) });
    expect(cashUp.totals.cash.sales).toBe(2850);
    expect(cashUp.devices.find((d) => d.device === 'Counter 1')?.cash).toMatchObject({ sales: 2850, expected: 2850 });

    // Print receipt: the print job starts with the receipt as the paper.
    await page.evaluate(() => {
      const w = window as unknown as { printedPaper: string[] };
      w.printedPaper = [];
      window.print = () => void w.printedPaper.push(document.documentElement.dataset.paper ?? '');
    });
    await button('Print ticket').click();
    await button('Print receipt').click();
    expect(await page.evaluate(() => (window as unknown as { printedPaper: string[] }).printedPaper)).toEqual(['ticket', 'receipt']);

    // The receipt on its page: 80 mm wide (the CSS page size decides: an invalid one would be Letter).
    const pdf = await page.pdf({ width: '80mm', preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPagesMm(pdf);
    expect(pages).toHaveLength(1);
    expect(Math.abs(pages[0]!.widthMm - 80)).toBeLessThan(0.5);
    expect(Math.round(pages[0]!.heightMm)).toBe(TICKET_PAPER.heightMm);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.round(((TICKET_PAPER.widthMm - 2 * TICKET_PAPER.marginMm) * 96) / 25.4), height: 900 });
    const receipt = page.locator('.counter-paper[data-kind="receipt"]');
    const printed = (await receipt.innerText()).replace(/\s+/g, ' ');
    for (const line of ['Marquee · Box office', 'RECEIPT', second, '1 × Adult @ €9.50', 'Total €9.50', 'Paid Cash', 'Cash received €20.00', 'Change €10.50', 'Device Counter 1']) {
      expect(printed).toContain(line);
    }
    expect(await receipt.locator('.paper-qr img').count()).toBe(1);
    expect(await page.locator('.counter-paper[data-kind="ticket"]').isVisible()).toBe(false);
    const box = await receipt.boundingBox();
    await docsPicture(page, 'counter-receipt.png', { clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: Math.ceil(box!.y + box!.height + 12) } });
    await page.emulateMedia({ media: 'screen' });
  }, 120_000);
});
