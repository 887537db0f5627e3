// The guest kiosk end to end: real Chromium, the real `marquee serve` with a real database,
// over HTTPS with the kiosk token. Every screen is photographed (portrait and landscape) to
// test-results/screenshots/ and scanned with axe: no serious or critical violations allowed.
// The programme (two screens, two films, one with a poster) is the README's
// docs/kiosk-landscape.png; the family of four booked by touch at the end (adults and children
// at their prices) gives its quantity step docs/kiosk-party-portrait.png and its ticket
// docs/kiosk-ticket-portrait.png (docsPicture).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { formatTicketCode, ticketCodeFromBits } from '../../main/common/ticket-code';
import { startServe } from '../support/server';
import { TICKET_PAPER } from '../../main/common/ticket-paper';
import { captureScreen, createApi, docsPicture, keepOneSeat, launchChromium, pdfPagesMm, verifiedSpkiHashes, VIEWPORTS, type Orientation, watchForProblems, closeE2e } from './helpers';
import { posterPng } from './kiosk-poster';

const TEST_TIMEOUT = 120_000;
const UI_WAIT = 15_000;
/** The core may take a while to notice a stopped database and to reconnect after it restarts. */
const DB_WAIT = 60_000;

/**
 * Console errors that are not faults: Chromium logs every 4xx/5xx answer (the not-found,
 * housefull and database-down cases here are deliberate), and notes that frame-ancestors in
 * the page's <meta> CSP only takes effect from the server's header (which sends it too).
 */
/** HTTP statuses this test provokes on purpose: their console lines are not problems. */
const EXPECTED_STATUSES = [404, 409, 410, 422, 503];

type Server = Awaited<ReturnType<typeof startServe>>;
interface ShowOut {
  showId: number;
  showTime: string;
  title: string | null;
  seatsLeft: number;
  screenName: string;
}

let server: Server;
let browser: Browser;
let api: ReturnType<typeof createApi>;
let managerToken: string;
let kioskToken: string;
const problems: string[] = [];
/** Every browser context starts unpaired; the pairing screen is photographed once per orientation. */
const pairingShot = new Set<Orientation>();

/** Show times a whole number of minutes from now, so the UI's clock text is stable. */
const inMinutes = (minutes: number) => {
  const at = new Date(Date.now() + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
};

/** A second show at a time on one screen is refused (409 SHOW_EXISTS), so every show gets a minute of its own. */
let showsCreated = 0;

/** The theatre's zone: its day, not UTC's, decides whether a show is "Today". */
const THEATRE_ZONE = 'Europe/Madrid';
const theatreDay = (at: string | number) => new Intl.DateTimeFormat('en-CA', { timeZone: THEATRE_ZONE }).format(new Date(at));

async function createShow(title: string, minutesFromNow: number, capacity = 20): Promise<ShowOut> {
  const showTime = inMinutes(minutesFromNow + showsCreated++);
  const answer = await api<ShowOut>('/show/create', managerToken, { showTime, title, capacity });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function created<T>(route: string, body: unknown): Promise<T> {
  const answer = await api<T>(route, managerToken, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

let phoneCounter = 0;
const freshPhone = () => `+34600${String(Date.now() % 100000).padStart(5, '0')}${++phoneCounter}`;

async function bookViaApi(show: ShowOut, userName: string, phoneNo: string) {
  const answer = await api<{ ticketId: number; ticketCode: string }>('/ticket/book', kioskToken, { userName, phoneNo, showId: show.showId });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** Types a ticket code on the lookup screen's own keys (the kiosk has no physical keyboard). */
async function typeCode(page: Page, code: string) {
  await page.getByRole('textbox', { name: 'Ticket code' }).fill('');
  for (const symbol of code.replaceAll('-', '')) await page.locator('.code-keypad').getByRole('button', { name: symbol, exact: true }).click();
}

async function openKiosk(orientation: Orientation, query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[orientation], hasTouch: true });
  const page = await context.newPage();
  watchForProblems(page, problems, EXPECTED_STATUSES, orientation);
  await page.goto(`${server.baseUrl}/kiosk/${query}`);
  // The pairing screen leads with the code keypad; a token is typed under the keyboard fold.
  await page.locator('[data-screen="pair"]').waitFor();
  if (!pairingShot.has(orientation)) {
    pairingShot.add(orientation);
    await shot(page, `${orientation}-00-pair`);
  }
  await page.getByText('Or, with a keyboard: a kiosk token').click();
  await page.getByRole('textbox', { name: 'Kiosk token' }).fill(kioskToken);
  await page.getByRole('button', { name: 'Pair kiosk' }).click();
  await expect.poll(() => page.locator('[data-screen="start"]').count(), { timeout: UI_WAIT }).toBe(1);
  return { context, page };
}

async function shot(page: Page, name: string) {
  expect(await captureScreen(page, name), `axe findings on ${name}`).toEqual([]);
}

const onScreen = (page: Page, screen: string) =>
  expect.poll(() => page.locator(`[data-screen="${screen}"]`).count(), { timeout: UI_WAIT }).toBe(1);

/** A show's button: a time under its film on the start screen, a card on the move screen. */
const card = (page: Page, show: ShowOut) => page.locator(`button[data-show-id="${show.showId}"]`);

/** The whole ticket code is on screen: not clipped by its box, nor wider than the ticket. */
async function expectWholeCode(page: Page) {
  const code = page.getByTestId('ticket-code');
  const fit = await code.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const ticket = el.closest('.ticket')!.getBoundingClientRect();
    return { clipped: el.scrollWidth > el.clientWidth + 1, inside: box.left >= ticket.left && box.right <= ticket.right, onScreen: box.right <= window.innerWidth };
  });
  expect(fit).toEqual({ clipped: false, inside: true, onScreen: true });
}

/** A guest's tap; the family test counts them. */
type Tap = (target: Locator) => Promise<void>;
const plainTap: Tap = (target) => target.click();

async function typeName(page: Page, name: string, tap: Tap = plainTap) {
  const keyboard = page.getByRole('group', { name: 'On-screen keyboard' });
  for (const char of name) {
    await tap(keyboard.getByRole('button', { name: char === ' ' ? 'Space' : char, exact: true }));
  }
}

async function typeDigits(page: Page, digits: string, tap: Tap = plainTap) {
  const keypad = page.getByRole('group', { name: 'Number keypad' });
  for (const char of digits) await tap(keypad.getByRole('button', { name: char, exact: true }));
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: THEATRE_ZONE } });
  api = createApi(server.baseUrl, server.caCertPem);
  managerToken = await server.token('manager');
  kioskToken = await server.token('kiosk');
  browser = await launchChromium(await verifiedSpkiHashes(server.baseUrl, server.caCertPem));
}, 180_000);

// Strict CSP: any blocked script, style or eval shows up as a console error (a problem).
afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

// First, while the programme is only these films: the start screen is the README's picture.
describe('the programme by film', () => {
  it(
    'groups shows by film with posters, times on two screens at one minute, books by showId, and names film and screen on the ticket',
    async () => {
      const screen2 = await created<{ screenId: number }>('/screen/create', { name: 'Screen 2', capacity: 40 });
      const casablanca = await created<{ filmId: number }>('/film/create', { title: 'Casablanca', runtimeMinutes: 102, rating: 'PG' });
      const thirdMan = await created<{ filmId: number }>('/film/create', { title: 'The Third Man', runtimeMinutes: 104, rating: 'PG-13' });
      const poster = await api<{ posterUrl: string }>('/film/poster', managerToken, { filmId: casablanca.filmId, image: posterPng().toString('base64') });
      expect(poster.status, JSON.stringify(poster.body)).toBe(200);
      // Screen 1's other tests make untitled shows 150 minutes on: these keep clear of them.
      const at = inMinutes(25);
      const show = (body: object) => created<ShowOut>('/show/create', body);
      const first = await show({ showTime: at, filmId: casablanca.filmId, capacity: 6 });
      const third = await show({ showTime: at, screenId: screen2.screenId, filmId: thirdMan.filmId });
      const late = await show({ showTime: inMinutes(60 * 9), filmId: casablanca.filmId });
      await show({ showTime: inMinutes(60 * 3), screenId: screen2.screenId, filmId: casablanca.filmId });
      await show({ showTime: inMinutes(60 * 6), screenId: screen2.screenId, title: 'Silent film quiz', capacity: 30 });
      for (const name of ['Ida Lund', 'Olle Berg', 'Nils Ek', 'Eva Holm']) await bookViaApi(first, name, freshPhone());
      // A screening called off is not offered.
      const calledOff = await show({ showTime: inMinutes(60 * 7), screenId: screen2.screenId, filmId: thirdMan.filmId });
      const cancelled = await api('/show/cancel', managerToken, { showId: calledOff.showId, reason: 'Projector failure' });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

      const { context, page } = await openKiosk('landscape');
      const film = (title: string) => page.getByRole('region', { name: title, exact: true }).first();
      await expect.poll(() => film('Casablanca').locator('img.poster').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: UI_WAIT }).toBe(360);
      expect(await film('The Third Man').getByTestId('poster-placeholder').textContent()).toBe('T');
      expect(await film('Casablanca').locator('.film-facts').textContent()).toBe('PG1 h 42 min');
      expect(await card(page, first).textContent()).toContain('Screen 1');
      expect(await card(page, first).textContent()).toContain('2 seats left');
      expect(await card(page, third).textContent()).toContain('Screen 2');
      expect(await card(page, late).count()).toBe(1);
      expect(await card(page, calledOff).count()).toBe(0);
      await expect.poll(() => page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(
        expect.arrayContaining(['Casablanca', 'The Third Man', 'Silent film quiz']),
      );
      await shot(page, 'landscape-00-programme');
      await docsPicture(page, 'kiosk-landscape.png');
      await context.close();

      // In portrait, the film on Screen 2 at the very minute Casablanca starts on Screen 1.
      const portrait = await openKiosk('portrait');
      await expect.poll(() => card(portrait.page, third).count(), { timeout: UI_WAIT }).toBe(1);
      await shot(portrait.page, 'portrait-00-programme');
      await card(portrait.page, third).click();
      await keepOneSeat(portrait.page);
      await typeName(portrait.page, 'Harry Lime');
      await button(portrait.page, 'Next').click();
      await portrait.page.getByRole('textbox', { name: 'Phone number' }).fill(freshPhone());
      await button(portrait.page, 'Next').click();
      await onScreen(portrait.page, 'review');
      expect(await portrait.page.locator('.review').textContent()).toContain('The Third Man');
      expect(await portrait.page.locator('.review').textContent()).toContain('ScreenScreen 2');
      await button(portrait.page, 'Confirm booking').click();
      await onScreen(portrait.page, 'ticket');
      const ticketCode = String(await portrait.page.getByTestId('ticket-code').textContent());
      await expectWholeCode(portrait.page);
      expect(await portrait.page.locator('.ticket').textContent()).toContain('ScreenScreen 2');
      await expect.poll(() => portrait.page.getByRole('img', { name: /^QR code/ }).getAttribute('src'), { timeout: UI_WAIT }).toMatch(/^data:image/);
      await shot(portrait.page, 'portrait-00-programme-ticket');
      const stored = await api<{ showId: number }>('/ticket/view/user', kioskToken, { ticketCode });
      expect(stored.body.showId).toBe(third.showId);

      // "Your ticket" names the film and the screen too, the code whole.
      await button(portrait.page, 'Done').click();
      await button(portrait.page, /My ticket/).click();
      await typeCode(portrait.page, ticketCode);
      await button(portrait.page, 'Look up my ticket').click();
      await onScreen(portrait.page, 'myTicket');
      await expectWholeCode(portrait.page);
      const details = await portrait.page.locator('.ticket .detail').allTextContents();
      // 25 minutes on is tomorrow in the theatre's last 25 minutes of the day.
      const day = theatreDay(at) === theatreDay(Date.now()) ? 'Today' : 'Tomorrow';
      expect(details[0]).toMatch(new RegExp(`^ShowThe Third Man · ${day} `));
      expect(details[1]).toBe('ScreenScreen 2');
      await shot(portrait.page, 'portrait-00-programme-my-ticket');
      await portrait.context.close();
    },
    TEST_TIMEOUT,
  );
});

describe.each(['portrait', 'landscape'] as const)('kiosk in %s', (orientation) => {
  it(
    'books a ticket with the on-screen keys, with inline validation, live seats and a QR ticket',
    async () => {
      const show = await createShow(`Night Train ${orientation}`, 150);
      await createShow('Paper Moons', 60 * 26);
      const { context, page } = await openKiosk(orientation);
      await expect.poll(() => card(page, show).textContent(), { timeout: UI_WAIT }).toContain('20 seats left');
      await shot(page, `${orientation}-01-start`);

      // Seats are live: a booking elsewhere shows up without a reload.
      await bookViaApi(show, 'Someone Else', freshPhone());
      await expect.poll(() => card(page, show).textContent(), { timeout: UI_WAIT }).toContain('19 seats left');

      await card(page, show).click();
      await keepOneSeat(page);
      await onScreen(page, 'name');
      await button(page, 'Next').click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Please type your name.');
      await shot(page, `${orientation}-02-name-error`);
      await typeName(page, 'Ana Lima');
      await expect(page.getByRole('textbox', { name: 'Your name' }).inputValue()).resolves.toBe('Ana Lima');
      await shot(page, `${orientation}-03-name`);
      await button(page, 'Next').click();

      await onScreen(page, 'phone');
      await typeDigits(page, '12');
      await button(page, 'Next').click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('6 to 15 digits');
      // A physical keyboard works as well as the keypad.
      await page.getByRole('textbox', { name: 'Phone number' }).press('End');
      const phone = freshPhone();
      await page.getByRole('textbox', { name: 'Phone number' }).fill(phone);
      await shot(page, `${orientation}-04-phone`);
      await page.keyboard.press('Enter');

      await onScreen(page, 'review');
      await shot(page, `${orientation}-05-review`);
      await button(page, 'Confirm booking').click();

      await onScreen(page, 'ticket');
      const ticketCode = String(await page.getByTestId('ticket-code').textContent());
      expect(ticketCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const qr = page.getByRole('img', { name: /^QR code of ticket number \d+$/ });
      await expect.poll(() => qr.getAttribute('src'), { timeout: UI_WAIT }).toMatch(/^data:image\/svg\+xml/);
      await expectWholeCode(page);
      await shot(page, `${orientation}-06-ticket`);

      const stored = await api('/ticket/view/user', kioskToken, { ticketCode });
      expect(stored.status).toBe(200);
      expect(stored.body).toMatchObject({ ticketCode, userName: 'Ana Lima' });

      await button(page, 'Done').click();
      await onScreen(page, 'start');
      await expect.poll(() => card(page, show).textContent(), { timeout: UI_WAIT }).toContain('18 seats left');
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'looks up a ticket with its code, moves it to another show and cancels it',
    async () => {
      const from = await createShow(`Harbour Lights ${orientation}`, 180);
      const to = await createShow(`Harbour Lights ${orientation}`, 300);
      const phone = freshPhone();
      const { ticketCode } = await bookViaApi(from, 'Bruno Díaz', phone);
      const { context, page } = await openKiosk(orientation);

      await button(page, /My ticket/).click();
      await onScreen(page, 'lookup');
      // A well-formed code that no ticket has.
      await typeCode(page, formatTicketCode(ticketCodeFromBits(12345n)));
      await button(page, 'Look up my ticket').click();
      await expect.poll(() => page.locator('[data-notice="notFound"]').count(), { timeout: UI_WAIT }).toBe(1);
      await shot(page, `${orientation}-07-lookup-not-found`);

      await typeCode(page, ticketCode);
      await shot(page, `${orientation}-08-lookup`);
      await button(page, 'Look up my ticket').click();

      await onScreen(page, 'myTicket');
      await expect.poll(() => page.locator('.ticket').textContent()).toContain('Bruno Díaz');
      await expectWholeCode(page);
      await shot(page, `${orientation}-09-my-ticket`);

      await button(page, 'Change show time').click();
      await onScreen(page, 'move');
      await shot(page, `${orientation}-10-change-show`);
      await card(page, to).click();
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
      await shot(page, `${orientation}-11-change-confirm`);
      await button(page, 'Yes, move my ticket').click();

      await onScreen(page, 'ticket');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Your ticket has been moved.');
      const moved = await api<{ showTime: string }>('/ticket/view/user', kioskToken, { ticketCode });
      expect(Date.parse(moved.body.showTime)).toBe(Date.parse(to.showTime));

      await button(page, 'Done').click();
      await button(page, /My ticket/).click();
      await typeCode(page, ticketCode);
      await button(page, 'Look up my ticket').click();
      await onScreen(page, 'myTicket');
      await button(page, 'Cancel ticket').click();
      await shot(page, `${orientation}-12-cancel-confirm`);
      await button(page, 'Yes, cancel ticket').click();
      await onScreen(page, 'cancelled');
      await shot(page, `${orientation}-13-cancelled`);
      const gone = await api('/ticket/view/user', kioskToken, { ticketCode });
      expect(gone.status).toBe(410);

      // Looked up again, the code is not blamed: the ticket was cancelled, and when.
      await button(page, 'Done').click();
      await button(page, /My ticket/).click();
      await typeCode(page, ticketCode);
      await button(page, 'Look up my ticket').click();
      const cancelled = page.locator('[data-notice="ticketCancelled"]');
      await expect.poll(() => cancelled.count(), { timeout: UI_WAIT }).toBe(1);
      expect(await cancelled.textContent()).toMatch(/^This ticket was cancelled today at \d{1,2}:\d{2}\s?[AP]M\./);
      await shot(page, `${orientation}-13b-lookup-cancelled`);
      await context.close();
    },
    TEST_TIMEOUT,
  );
});

describe('kiosk states', () => {
  it(
    'marks a sold-out show and, when a show sells out during booking, suggests the next one',
    async () => {
      const soldOut = await createShow('Last Seat Standing', 200, 1);
      await bookViaApi(soldOut, 'Early Bird', freshPhone());
      const contested = await createShow('Photo Finish', 210, 1);
      const next = await createShow('Photo Finish', 330, 5);
      const { context, page } = await openKiosk('portrait');

      await expect.poll(() => card(page, soldOut).textContent(), { timeout: UI_WAIT }).toContain('Sold out');
      expect(await card(page, soldOut).isDisabled()).toBe(true);
      await card(page, soldOut).scrollIntoViewIfNeeded();
      await shot(page, 'portrait-14-sold-out');

      await card(page, contested).click();
      await keepOneSeat(page);
      await typeName(page, 'Cora');
      await button(page, 'Next').click();
      await page.getByRole('textbox', { name: 'Phone number' }).fill(freshPhone());
      await button(page, 'Next').click();
      await onScreen(page, 'review');
      // Someone else takes the last seat while this guest is reviewing.
      await bookViaApi(contested, 'Quick Hands', freshPhone());
      await button(page, 'Confirm booking').click();

      await expect.poll(() => page.locator('[data-notice="housefull"]').count(), { timeout: UI_WAIT }).toBe(1);
      await shot(page, 'portrait-15-housefull');
      await button(page, 'Book that show instead').click();
      await expect.poll(() => page.locator('.review').textContent()).toContain('Photo Finish');
      await button(page, 'Confirm booking').click();
      await onScreen(page, 'ticket');
      const ticketCode = String(await page.getByTestId('ticket-code').textContent());
      const list = await api<ShowOut[]>('/show/list', kioskToken, {});
      expect(list.body.find((s) => s.showId === next.showId)?.seatsLeft).toBe(4);
      expect(ticketCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'returns to Start after the idle timeout, counting down, offering more time, and forgets what was typed and says so',
    async () => {
      const show = await createShow('Idle Hands', 240);
      // Long enough a warning (8 s) for its screenshot and axe on a busy machine.
      const { context, page } = await openKiosk('landscape', '?idle=16&countdown=8');
      await card(page, show).click();
      await keepOneSeat(page);
      await onScreen(page, 'name');
      await typeName(page, 'Dana');
      await expect.poll(() => page.getByTestId('idle-countdown').count(), { timeout: UI_WAIT }).toBe(1);
      await shot(page, 'landscape-16-idle-countdown');
      const warning = page.getByRole('alertdialog');
      // Spoken once when the warning comes, with the whole countdown.
      await expect(warning.getByRole('alert').textContent()).resolves.toBe('Are you still there? Going back to the start in 8 seconds.');
      await expect(warning.getByRole('button', { name: 'I need more time' }).isVisible()).resolves.toBe(true);
      await onScreen(page, 'start');
      await expect(page.getByTestId('idle-status').textContent()).resolves.toContain('went back to the start');
      await card(page, show).click();
      await keepOneSeat(page);
      await expect(page.getByRole('textbox', { name: 'Your name' }).inputValue()).resolves.toBe('');
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a calm banner while the database is down, keeps the typed input, and recovers',
    async () => {
      const show = await createShow('Power Cut', 270);
      const { context, page } = await openKiosk('portrait');
      await card(page, show).click();
      await keepOneSeat(page);
      await typeName(page, 'Eva');
      await button(page, 'Next').click();
      const phone = freshPhone();
      await page.getByRole('textbox', { name: 'Phone number' }).fill(phone);
      await button(page, 'Next').click();
      await onScreen(page, 'review');

      await server.stopDb();
      try {
        await button(page, 'Confirm booking').click();
        await expect.poll(() => page.getByTestId('outage-banner').count(), { timeout: DB_WAIT }).toBe(1);
        await onScreen(page, 'review');
        expect(await page.locator('.review').textContent()).toContain('Eva');
        await shot(page, 'portrait-17-database-down');
      } finally {
        await server.startDb();
      }
      await expect.poll(() => page.getByTestId('outage-banner').count(), { timeout: DB_WAIT }).toBe(0);
      expect(await page.locator('.review').textContent()).toContain(phone);
      await button(page, 'Confirm booking').click();
      await onScreen(page, 'ticket');
      await context.close();
    },
    TEST_TIMEOUT + DB_WAIT * 2,
  );

  it(
    'on the touchscreen: a cue while more shows are below, a name that stays in view up to its limit, accents, a 15-digit keypad',
    async () => {
      // Enough shows to run past a landscape screen, three cards a row.
      const matinees: ShowOut[] = [];
      for (let i = 0; i < 9; i++) matinees.push(await createShow(`Matinee ${i + 1}`, 400 + i * 10));
      const { context, page } = await openKiosk('landscape');
      const list = page.locator('.controls');
      const cue = page.getByTestId('more-below');
      await expect.poll(() => card(page, matinees[8]!).count(), { timeout: UI_WAIT }).toBe(1);
      await expect.poll(() => cue.count(), { timeout: UI_WAIT }).toBe(1);
      expect(await cue.textContent()).toContain('More shows below');
      expect(await cue.isVisible()).toBe(true);
      await shot(page, 'landscape-20-more-shows-below');
      // At the end of the list the cue is gone; back at the top it is there again.
      await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(() => cue.count(), { timeout: UI_WAIT }).toBe(0);
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      await expect.poll(() => cue.count(), { timeout: UI_WAIT }).toBe(1);
      // Its button scrolls the list on.
      await cue.getByRole('button', { name: /More shows below/ }).click();
      await expect.poll(() => list.evaluate((el) => el.scrollTop), { timeout: UI_WAIT }).toBeGreaterThan(100);

      await card(page, matinees[0]!).click();
      await keepOneSeat(page);
      await onScreen(page, 'name');
      const field = page.getByRole('textbox', { name: 'Your name' });
      await typeName(page, 'José Muñoz');
      await expect(field.inputValue()).resolves.toBe('José Muñoz');
      // On to the limit, all on the on-screen keys: the end and the caret stay in view.
      await typeName(page, ` V${'x'.repeat(47)}`);
      await expect.poll(() => page.getByTestId('userName-count').textContent()).toBe('59 / 60');
      await typeName(page, 'x');
      const view = await field.evaluate((el: HTMLInputElement) => ({
        overflows: el.scrollWidth > el.clientWidth,
        endInView: el.scrollLeft + el.clientWidth >= el.scrollWidth - 2,
        caretAtEnd: el.selectionStart === el.value.length && el.selectionEnd === el.value.length,
        focused: document.activeElement === el,
        length: [...el.value].length,
      }));
      expect(view).toEqual({ overflows: true, endInView: true, caretAtEnd: true, focused: true, length: 60 });
      expect(await page.getByTestId('userName-limit').textContent()).toBe('That is the limit: a name can have 60 letters.');
      expect(await page.getByRole('group', { name: 'On-screen keyboard' }).getByRole('button', { name: 'x', exact: true }).isDisabled()).toBe(true);
      await shot(page, 'landscape-21-name-at-limit');

      await button(page, 'Next').click();
      await onScreen(page, 'phone');
      await typeDigits(page, '123456789012345');
      const phone = page.getByRole('textbox', { name: 'Phone number' });
      await expect(phone.inputValue()).resolves.toBe('123456789012345');
      const keypad = page.getByRole('group', { name: 'Number keypad' });
      expect(await keypad.getByRole('button', { name: '6', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByTestId('phoneNo-limit').textContent()).toBe('A phone number has 15 digits at most.');
      await shot(page, 'landscape-22-phone-at-limit');
      await button(page, 'Next').click();
      await onScreen(page, 'review');
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'speaks Spanish after the language toggle, validation included',
    async () => {
      const show = await createShow('Cielo Abierto', 250);
      const { context, page } = await openKiosk('landscape');
      await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Elige una función');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await shot(page, 'landscape-18-start-es');
      await card(page, show).click();
      await keepOneSeat(page, 'Siguiente');
      await page.getByRole('button', { name: 'Siguiente' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Escribe tu nombre');
      await shot(page, 'landscape-19-name-error-es');
      await context.close();
    },
    TEST_TIMEOUT,
  );
});

// Last in this file: these make Adult the default ticket type and take the seed's Standard off sale.
describe('parties (#21)', () => {
  interface TypeOut {
    ticketTypeId: number;
    name: string;
  }
  interface RosterRow {
    ticketCode?: string;
    userName: string;
    seats: number;
    items: Array<{ ticketTypeId: number; name: string; count: number; unitPrice: number }>;
    total: number;
  }
  let adult: TypeOut;
  let child: TypeOut;

  beforeAll(async () => {
    const types = await api<{ ticketTypes: TypeOut[] }>('/ticket-type/list', managerToken, {});
    const standard = types.body.ticketTypes.find((t) => t.name === 'Standard')!;
    adult = await created<TypeOut>('/ticket-type/create', { name: 'Adult', price: 950 });
    child = await created<TypeOut>('/ticket-type/create', { name: 'Child', price: 600, quotaPerShow: 6 });
    for (const change of [{ ticketTypeId: adult.ticketTypeId, isDefault: true }, { ticketTypeId: standard.ticketTypeId, active: false }]) {
      const answer = await api('/ticket-type/update', managerToken, change);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
  });

  const roster = async (show: ShowOut) => {
    const answer = await api<RosterRow[]>('/ticket/view/time', managerToken, { showId: show.showId });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  /**
   * The element lies wholly in the viewport and shows all it holds, at a size read from a step
   * back: no scrolling, no clipping, and not shrunk to fit a squeezed box.
   */
  async function expectInViewport(target: Locator) {
    const fit = await target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return {
        clipped: el.scrollWidth > el.clientWidth + 1,
        inViewport: box.width > 0 && box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight,
        readable: parseFloat(getComputedStyle(el).fontSize) >= 28,
      };
    });
    expect(fit).toEqual({ clipped: false, inViewport: true, readable: true });
  }

  it(
    'books a family of four by touch (2 adults, 2 children, a 10-letter name, a 10-digit phone) in at most 30 taps',
    async () => {
      const show = await createShow('Family Matinee', 700);
      const { context, page } = await openKiosk('portrait');
      let taps = 0;
      const tap: Tap = async (target) => {
        taps++;
        await target.click();
      };

      await tap(card(page, show));
      await onScreen(page, 'party');
      await expect.poll(() => page.getByTestId('party-total').textContent(), { timeout: UI_WAIT }).toBe('Total · 1 ticket$9.50');
      await tap(button(page, 'One more Adult'));
      await tap(button(page, 'One more Child'));
      await tap(button(page, 'One more Child'));
      expect(await page.getByTestId('party-total').textContent()).toBe('Total · 4 tickets$31.00');
      await shot(page, 'portrait-30-party');
      await docsPicture(page, 'kiosk-party-portrait.png');
      await tap(button(page, 'Next'));

      await onScreen(page, 'name');
      await typeName(page, 'Marguerite', tap);
      await tap(button(page, 'Next'));
      await onScreen(page, 'phone');
      await typeDigits(page, '6005550142', tap);
      await tap(button(page, 'Next'));
      await onScreen(page, 'review');
      expect(await page.locator('.review').textContent()).toContain('Tickets2 × Adult, 2 × Child');
      expect(await page.locator('.review').textContent()).toContain('Total$31.00 · to pay at the counter');
      await tap(button(page, 'Confirm booking'));

      await onScreen(page, 'ticket');
      console.log(`[kiosk] a family of four booked by touch in ${taps} taps`);
      expect(taps).toBeLessThanOrEqual(30);
      expect(await page.getByTestId('ticket-party').textContent()).toBe('2 × Adult, 2 × Child');
      expect(await page.getByTestId('ticket-total').textContent()).toBe('$31.00 · to pay at the counter');
      await expect.poll(() => page.getByRole('img', { name: /^QR code/ }).getAttribute('src'), { timeout: UI_WAIT }).toMatch(/^data:image/);
      await shot(page, 'portrait-31-party-ticket');
      await docsPicture(page, 'kiosk-ticket-portrait.png');
      const ticketCode = String(await page.getByTestId('ticket-code').textContent());

      // On paper too: the party and what is to pay, still on one 80 mm receipt page.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdfPagesMm(pdf).map((p) => ({ width: Math.round(p.widthMm), height: Math.round(p.heightMm) }))).toEqual([
        { width: TICKET_PAPER.widthMm, height: TICKET_PAPER.heightMm },
      ]);
      await page.emulateMedia({ media: 'print' });
      const printed = (await page.locator('.printable-ticket').innerText()).replace(/\s+/g, ' ');
      expect(printed).toContain('TICKETS 2 × Adult, 2 × Child');
      expect(printed).toContain('TOTAL $31.00 · to pay at the counter');
      await page.emulateMedia({ media: 'screen' });

      const [row] = await roster(show);
      expect(row).toMatchObject({
        ticketCode,
        userName: 'Marguerite',
        seats: 4,
        total: 3100,
        items: [
          { ticketTypeId: adult.ticketTypeId, name: 'Adult', count: 2, unitPrice: 950 },
          { ticketTypeId: child.ticketTypeId, name: 'Child', count: 2, unitPrice: 600 },
        ],
      });
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'brings the guest back to the quantities when the server refuses the party: seats left (HOUSEFULL), a type used up (QUOTA_FULL)',
    async () => {
      const show = await createShow('Crowded House', 760, 6);
      const { context, page } = await openKiosk('portrait');
      await card(page, show).click();
      await expect.poll(() => page.getByTestId('party-total').count(), { timeout: UI_WAIT }).toBe(1);
      // One adult (the step opens with one) and two children.
      await button(page, 'One more Child').click();
      await button(page, 'One more Child').click();
      await button(page, 'Next').click();
      await page.getByRole('textbox', { name: 'Your name' }).fill('Otto Berg');
      await button(page, 'Next').click();
      await page.getByRole('textbox', { name: 'Phone number' }).fill(freshPhone());
      await button(page, 'Next').click();
      await onScreen(page, 'review');

      // Four of the six seats go elsewhere while the guest reads the review: two are left for three.
      const elsewhere = await api('/ticket/book', kioskToken, { userName: 'Quick Hands', phoneNo: freshPhone(), showId: show.showId, seats: 4 });
      expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
      await button(page, 'Confirm booking').click();
      await onScreen(page, 'party');
      const fewSeats = page.locator('[data-notice="fewSeats"]');
      await expect.poll(() => fewSeats.textContent(), { timeout: UI_WAIT }).toBe('Only 2 seats left. Please choose fewer tickets, or another show.');
      // Fitted to the seats left, in the order of the types: the adult, then one child.
      await expect.poll(() => page.getByTestId('party-total').textContent()).toBe('Total · 2 tickets$15.50');
      await shot(page, 'portrait-36-party-few-seats');

      // Two children are chosen, one of them is taken elsewhere: the quota is the show's last word.
      await button(page, 'One fewer Adult').click();
      await button(page, 'One more Child').click();
      expect(await page.getByTestId('party-total').textContent()).toBe('Total · 2 tickets$12.00');
      const cancelled = await api('/ticket/delete', managerToken, { ticketId: (elsewhere.body as { ticketId: number }).ticketId });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      await api('/ticket-type/update', managerToken, { ticketTypeId: child.ticketTypeId, quotaPerShow: 1 });
      try {
        await button(page, 'Next').click();
        await button(page, 'Confirm booking').click();
        await onScreen(page, 'party');
        const quota = page.locator('[data-notice="quotaFull"]');
        await expect.poll(() => quota.textContent(), { timeout: UI_WAIT }).toBe('Only 1 Child left for this show. We changed your tickets to fit.');
        expect(await page.getByTestId('party-total').textContent()).toBe('Total · 1 ticket$6.00');
        await shot(page, 'portrait-37-party-quota');
        await button(page, 'Next').click();
        await button(page, 'Confirm booking').click();
        await onScreen(page, 'ticket');
        expect(await page.getByTestId('ticket-party').textContent()).toBe('1 × Child');
      } finally {
        await api('/ticket-type/update', managerToken, { ticketTypeId: child.ticketTypeId, quotaPerShow: 6 });
      }
      expect((await roster(show)).map((r) => r.seats)).toEqual([1]);
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it.each(['portrait', 'landscape', 'tablet'] as const)(
    'shows the ticket code whole on every screen that shows it, and gives back a seat of a party, at %s size',
    async (orientation) => {
      const show = await createShow(`Code Fit ${orientation}`, 720);
      const { context, page } = await openKiosk(orientation);
      await card(page, show).click();
      await expect.poll(() => page.getByTestId('party-total').count(), { timeout: UI_WAIT }).toBe(1);
      await button(page, 'One more Child').click();
      await shot(page, `${orientation}-32-party`);
      await button(page, 'Next').click();
      await page.getByRole('textbox', { name: 'Your name' }).fill('Greta Garbo');
      await button(page, 'Next').click();
      await page.getByRole('textbox', { name: 'Phone number' }).fill(freshPhone());
      await button(page, 'Next').click();
      await button(page, 'Confirm booking').click();

      await onScreen(page, 'ticket');
      const code = page.getByTestId('ticket-code');
      const ticketCode = String(await code.textContent());
      await expectWholeCode(page);
      await expectInViewport(code);
      await shot(page, `${orientation}-33-party-ticket`);

      await button(page, 'Done').click();
      await button(page, /My ticket/).click();
      await typeCode(page, ticketCode);
      await expectInViewport(page.getByRole('textbox', { name: 'Ticket code' }));
      await button(page, 'Look up my ticket').click();
      await onScreen(page, 'myTicket');
      await expectWholeCode(page);
      await expectInViewport(code);
      // Nothing of the ticket is cut off: its last rows (the party, the total) are there when scrolled to.
      expect(await page.locator('.ticket').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      expect(await page.getByTestId('ticket-party').textContent()).toBe('1 × Adult, 1 × Child');
      expect(await page.getByTestId('ticket-total').textContent()).toBe('$15.50 · to pay at the counter');
      await shot(page, `${orientation}-34-party-my-ticket`);

      // The child cannot come after all: one seat back, the adult's stays on the same code.
      await button(page, 'Give back some seats').click();
      await onScreen(page, 'giveBack');
      await button(page, 'One more Child').click();
      await shot(page, `${orientation}-35-give-back`);
      await button(page, 'Give back').click();
      await button(page, 'Yes, give them back').click();
      await expect.poll(() => page.locator('[data-notice="gaveBack"]').count(), { timeout: UI_WAIT }).toBe(1);
      expect(await page.getByTestId('ticket-party').textContent()).toBe('1 × Adult');
      await expectInViewport(code);
      const [row] = await roster(show);
      expect(row).toMatchObject({ ticketCode, seats: 1, total: 950, items: [{ name: 'Adult', count: 1 }] });
      await context.close();
    },
    TEST_TIMEOUT,
  );
});

