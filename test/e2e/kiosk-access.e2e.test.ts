// The kiosk by hand, beyond axe (issue 26): in portrait every control a guest uses sits in the
// bottom reach zone (below REACH_TOP, see kiosk-reach.ts), screen by screen, with the table of
// where each control is printed for the record; the same with large text on; "Aa" and the
// high-contrast theme switch on, pass axe, and are forgotten with the session. Their pictures
// are docs/kiosk-large-text.png and docs/kiosk-high-contrast.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServe } from '../support/server';
import { captureScreen, settled, createApi, SCREENSHOT_DIR, docsPicture, keepOneSeat, launchChromium, verifiedSpkiHashes, VIEWPORTS, type Orientation, watchForProblems, closeE2e } from './helpers';
import { measureControls, REACH_TOP, reachRows } from './kiosk-reach';

const TEST_TIMEOUT = 180_000;
const UI_WAIT = 15_000;
const EXPECTED_STATUSES = [404, 409, 410];

type Server = Awaited<ReturnType<typeof startServe>>;
interface ShowOut {
  showId: number;
  showTime: string;
  title: string | null;
}

let server: Server;
let browser: Browser;
let api: ReturnType<typeof createApi>;
let managerToken: string;
let kioskToken: string;
const problems: string[] = [];

let minute = 0;
async function createShow(title: string, capacity = 20): Promise<ShowOut> {
  const at = new Date(Date.now() + (90 + 20 * minute++) * 60_000);
  at.setUTCSeconds(0, 0);
  const answer = await api<ShowOut>('/show/create', managerToken, { showTime: at.toISOString(), title, capacity });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

let phones = 0;
const phone = () => `+3461${String(Date.now() % 1_000_000).padStart(6, '0')}${++phones}`;

async function bookViaApi(show: ShowOut, userName: string, seats = 1) {
  const answer = await api<{ ticketCode: string }>('/ticket/book', kioskToken, { userName, phoneNo: phone(), showId: show.showId, seats });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function openKiosk(orientation: Orientation, query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[orientation], hasTouch: true });
  const page = await context.newPage();
  watchForProblems(page, problems, EXPECTED_STATUSES, orientation);
  await page.goto(`${server.baseUrl}/kiosk/${query}`);
  await page.locator('[data-screen="pair"]').waitFor();
  return { context, page };
}

async function pair(page: Page) {
  await page.getByText('Or, with a keyboard: a kiosk token').click();
  await page.getByRole('textbox', { name: 'Kiosk token' }).fill(kioskToken);
  await page.getByRole('button', { name: 'Pair kiosk' }).click();
  await onScreen(page, 'start');
}

const onScreen = (page: Page, screen: string) => expect.poll(() => page.locator(`[data-screen="${screen}"]`).count(), { timeout: UI_WAIT }).toBe(1);
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const card = (page: Page, show: ShowOut) => page.locator(`button[data-show-id="${show.showId}"]`);

async function typeOn(page: Page, group: string, text: string) {
  const keys = page.getByRole('group', { name: group });
  for (const char of text) await keys.getByRole('button', { name: char === ' ' ? 'Space' : char, exact: true }).click();
}

/** The reach table of one walk: every screen the walk visits, each control where it is. */
class ReachTable {
  readonly rows: string[] = [];
  readonly tooHigh: string[] = [];
  readonly axe: string[] = [];
  constructor(
    readonly label: string,
    readonly reachTop: number,
    /** Runs axe on each screen as well (the walks in large text and high contrast). */
    readonly withAxe = false,
  ) {}

  async measure(page: Page, screen: string) {
    await settled(page);
    const name = `reach-${this.label}-${screen.replace(/\W+/g, '-')}`;
    if (this.withAxe) for (const finding of await captureScreen(page, name)) this.axe.push(`${screen}: ${JSON.stringify(finding)}`);
    else await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
    const places = await measureControls(page);
    expect(places.length, `${screen}: no controls found`).toBeGreaterThan(0);
    expect(await page.locator('h1').count(), `${screen}: one h1`).toBe(1);
    this.rows.push(...reachRows(screen, places, this.reachTop));
    for (const place of places) if (place.top < this.reachTop) this.tooHigh.push(`${screen}: ${place.control} at ${place.top}`);
  }

  print() {
    console.log(`\nReach, ${this.label} (controls must start at y ≥ ${this.reachTop}):\n${this.rows.join('\n')}\n`);
  }
}

/**
 * Every screen a guest meets, measured: the programme, the quantities, name, phone, review, a
 * sold-out refusal with its suggestion, the ticket, the lookup, "Your ticket", giving back seats,
 * the move list and its question, the cancel question, the cancelled screen, and the idle warning.
 * The party is two seats (of the seed's one type, Standard), so "Your ticket" offers giving some back.
 */
async function walkEveryScreen(orientation: Orientation, table: ReachTable, setup?: (page: Page) => Promise<void>) {
  const contested = await createShow(`Reach ${orientation} ${table.label}`, 2);
  await createShow(`Reach ${orientation} ${table.label}`, 20);
  // Somewhere to move the ticket to.
  await createShow(`Reach ${orientation} ${table.label}`, 20);
  // The idle warning comes after 4 s without a touch (12 s while axe, slow on a busy screen, runs too).
  const { context, page } = await openKiosk(orientation, table.withAxe ? '?idle=16&countdown=4' : '?idle=8&countdown=4');
  await table.measure(page, 'pair (staff)');
  await pair(page);
  await setup?.(page);
  await table.measure(page, 'start');
  await card(page, contested).click();
  await onScreen(page, 'party');
  await page.getByTestId('party-total').waitFor({ timeout: UI_WAIT });
  await button(page, 'One more Standard').click();
  await expect.poll(() => page.getByTestId('party-total').textContent()).toMatch(/^Total · 2 tickets/);
  await table.measure(page, 'party');
  await button(page, 'Next').click();
  await onScreen(page, 'name');
  await table.measure(page, 'name');
  await typeOn(page, 'On-screen keyboard', 'Ana');
  await button(page, 'Next').click();
  await onScreen(page, 'phone');
  await table.measure(page, 'phone');
  await typeOn(page, 'Number keypad', '600123456');
  await button(page, 'Next').click();
  await onScreen(page, 'review');
  await table.measure(page, 'review');
  // Both seats go elsewhere while the guest reads the review: none left, so another show is offered.
  await bookViaApi(contested, 'Quick Hands', 2);
  await button(page, 'Confirm booking').click();
  await expect.poll(() => page.locator('[data-notice="housefull"]').count(), { timeout: UI_WAIT }).toBe(1);
  await table.measure(page, 'review: sold out');
  await button(page, 'Book that show instead').click();
  await button(page, 'Confirm booking').click();
  await onScreen(page, 'ticket');
  const code = String(await page.getByTestId('ticket-code').textContent());
  await table.measure(page, 'ticket');
  await button(page, 'Done').click();
  await button(page, /My ticket/).click();
  await onScreen(page, 'lookup');
  await table.measure(page, 'lookup');
  for (const symbol of code.replaceAll('-', '')) await page.getByRole('group', { name: 'Ticket code' }).getByRole('button', { name: symbol, exact: true }).click();
  await button(page, 'Look up my ticket').click();
  await onScreen(page, 'myTicket');
  await table.measure(page, 'my ticket');
  await button(page, 'Give back some seats').click();
  await onScreen(page, 'giveBack');
  await button(page, 'One more Standard').click();
  await table.measure(page, 'give back');
  await button(page, /Back/).click();
  await onScreen(page, 'myTicket');
  await button(page, 'Cancel ticket').click();
  await table.measure(page, 'my ticket: cancel?');
  await page.keyboard.press('Escape');
  await button(page, 'Change show time').click();
  await onScreen(page, 'move');
  await table.measure(page, 'move');
  await page.locator('[data-screen="move"] button[data-show-id]:not([disabled])').first().click();
  await table.measure(page, 'move: move?');
  await button(page, 'No, keep it').click();
  await page.getByRole('alertdialog').waitFor({ timeout: UI_WAIT });
  await table.measure(page, 'idle warning');
  await button(page, "I'm still here").click();
  await button(page, /Back/).click();
  await button(page, 'Cancel ticket').click();
  await button(page, 'Yes, cancel ticket').click();
  await onScreen(page, 'cancelled');
  await table.measure(page, 'cancelled');
  await context.close();
}

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: 'Europe/Madrid' } });
  api = createApi(server.baseUrl, server.caCertPem);
  managerToken = await server.token('manager');
  kioskToken = await server.token('kiosk');
  browser = await launchChromium(await verifiedSpkiHashes(server.baseUrl, server.caCertPem));
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

describe('the kiosk within reach', () => {
  it.each(['portrait', 'landscape'] as const)(
    'in %s, every control of every guest screen starts below the reach line',
    async (orientation) => {
      const table = new ReachTable(orientation, REACH_TOP[orientation]);
      try {
        await walkEveryScreen(orientation, table);
      } finally {
        table.print();
      }
      expect(table.tooHigh.filter((row) => !row.startsWith('pair (staff)'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'in portrait with larger text, every control still starts below the reach line, and every screen passes axe',
    async () => {
      const table = new ReachTable('portrait-large-text', REACH_TOP.portrait, true);
      try {
        await walkEveryScreen('portrait', table, (page) => button(page, 'Aa Larger text').click());
      } finally {
        table.print();
      }
      expect(table.tooHigh.filter((row) => !row.startsWith('pair (staff)'))).toEqual([]);
      expect(table.axe).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'in high contrast, every screen passes axe and keeps its controls in reach',
    async () => {
      const table = new ReachTable('portrait-high-contrast', REACH_TOP.portrait, true);
      await walkEveryScreen('portrait', table, (page) => button(page, 'Contrast').click());
      expect(table.tooHigh.filter((row) => !row.startsWith('pair (staff)'))).toEqual([]);
      expect(table.axe).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe('"Aa" and high contrast', () => {
  it(
    'switch on, say their state, hold through the booking and "My ticket", and are forgotten when the kiosk starts over',
    async () => {
      const show = await createShow('Big Letters');
      const { context, page } = await openKiosk('portrait');
      await pair(page);
      const root = () => page.evaluate(() => ({ ...document.documentElement.dataset, fontSize: getComputedStyle(document.documentElement).fontSize }));
      const larger = button(page, 'Aa Larger text');
      const contrast = button(page, 'Contrast');
      expect(await root()).toEqual({ textSize: 'normal', contrast: 'normal', fontSize: '26px' });
      expect(await larger.getAttribute('aria-pressed')).toBe('false');

      await larger.click();
      await contrast.click();
      expect(await root()).toEqual({ textSize: 'large', contrast: 'high', fontSize: '36px' });
      expect(await larger.getAttribute('aria-pressed')).toBe('true');
      expect(await contrast.getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
      await expect.poll(() => card(page, show).count(), { timeout: UI_WAIT }).toBe(1);
      expect(await captureScreen(page, 'kiosk-large-high-contrast-start')).toEqual([]);
      await docsPicture(page, 'kiosk-high-contrast.png');

      // On through a booking: the guest's choice holds on every screen.
      await contrast.click();
      await card(page, show).click();
      await keepOneSeat(page, 'Next', UI_WAIT);
      await onScreen(page, 'name');
      await typeOn(page, 'On-screen keyboard', 'Ana Lima');
      expect(await root()).toMatchObject({ textSize: 'large', contrast: 'normal' });
      expect(await captureScreen(page, 'kiosk-large-text-name')).toEqual([]);
      await docsPicture(page, 'kiosk-large-text.png');

      // Back (through the quantities) to the start and on to "My ticket": still this guest.
      await button(page, /Back/).click();
      await onScreen(page, 'party');
      await button(page, /Back/).click();
      await onScreen(page, 'start');
      await button(page, /My ticket/).click();
      await onScreen(page, 'lookup');
      expect(await root()).toMatchObject({ textSize: 'large' });
      // The kiosk starts over (Back from the lookup, as Done and the idle timeout): the next guest starts plain.
      await button(page, /Back/).click();
      await onScreen(page, 'start');
      expect(await root()).toEqual({ textSize: 'normal', contrast: 'normal', fontSize: '26px' });
      expect(await larger.getAttribute('aria-pressed')).toBe('false');
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'are forgotten after the idle timeout too',
    async () => {
      const show = await createShow('Idle Letters');
      const { context, page } = await openKiosk('portrait', '?idle=3&countdown=2');
      await pair(page);
      await button(page, 'Aa Larger text').click();
      await button(page, 'Contrast').click();
      await card(page, show).click();
      await onScreen(page, 'party');
      await page.getByRole('alertdialog').waitFor({ timeout: UI_WAIT });
      await onScreen(page, 'start');
      expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({ textSize: 'normal', contrast: 'normal' });
      await context.close();
    },
    TEST_TIMEOUT,
  );
});
