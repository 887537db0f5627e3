// The door app end to end: real Chromium at a phone's size, the real `marquee serve` with a
// real database, over HTTPS, paired by the manager's door code through its QR link. The wedge path (typed code + Enter), a second
// scan refused with when and which door, a made-up code refused before any request, and the
// camera path: Chromium's fake capture device plays a Y4M frame of a ticket's QR (made with
// the qrcode package), which the page decodes itself (jsQR; headless Linux has no
// BarcodeDetector). Screenshots of ✓ and ✗ are the README's docs/ pictures, with the 80 mm ticket
// print (a PDF at the page size the kiosk's CSS asks for, and a picture of it): see docsPicture.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NAME_MAX, TITLE_MAX } from '../../main/common/schemas';
import { formatTicketCode, ticketCodeFromBits, ticketQrText } from '../../main/common/ticket-code';
import { TICKET_PAPER } from '../../main/common/ticket-paper';
import { startServe } from '../support/server';
import { captureScreen, createApi, docsPicture, keepDocsFile, launchChromium, pdfPagesMm, verifiedSpkiHashes, watchForProblems, closeE2e } from './helpers';
import { qrY4m } from './qr-video';

const TEST_TIMEOUT = 120_000;
const UI_WAIT = 15_000;
const PHONE = { width: 390, height: 844 };
const DOOR_LABEL = 'Door A';
const ZONE = 'Europe/Madrid';

/** Chromium logs every refused answer (the 409 here is deliberate). */
/** HTTP statuses this test provokes on purpose: their console lines are not problems. */
const EXPECTED_STATUSES = [404, 409, 410, 422];

type Server = Awaited<ReturnType<typeof startServe>>;
interface ShowOut {
  showId: number;
  showTime: string;
}

let server: Server;
let spki: string[];
let browser: Browser;
let api: ReturnType<typeof createApi>;
let managerToken: string;
let kioskToken: string;
let show: ShowOut;
const problems: string[] = [];
let tmp: string;

let phones = 0;
async function book(userName: string, showId = show.showId): Promise<string> {
  const phoneNo = `+34611${String(Date.now() % 100000).padStart(5, '0')}${++phones}`;
  const answer = await api<{ ticketCode: string }>('/ticket/book', kioskToken, { userName, phoneNo, showId });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.ticketCode;
}

function watch(page: Page, name: string) {
  watchForProblems(page, problems, EXPECTED_STATUSES, name);
}

async function openDoor(on: Browser): Promise<{ page: Page; checkinRequests: () => number; close: () => Promise<void> }> {
  const context = await on.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  watch(page, 'door');
  let checkins = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/ticket/checkin') checkins++;
  });
  // Paired as a phone is: the manager's door code, opened from its QR link.
  const made = await api<{ code: string }>('/pairing/create', managerToken, { role: 'door', label: DOOR_LABEL });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  await page.goto(`${server.baseUrl}/door/#pair=${made.body.code}`);
  await page.getByRole('textbox', { name: 'Ticket code' }).waitFor({ timeout: UI_WAIT });
  return { page, checkinRequests: () => checkins, close: () => context.close() };
}

const verdict = (page: Page) => page.locator('[data-verdict]');
const countText = (page: Page) => page.getByTestId('door-count-figures').textContent();

async function wedge(page: Page, text: string) {
  // A wedge scanner is a keyboard: it types the characters, then presses Enter. (By id: the
  // field's name changes with the language.)
  const field = page.locator('#door-code');
  await field.pressSequentially(text, { delay: 5 });
  await field.press('Enter');
}

/** What a screen reader is given: a ✓ in the polite status region, a ✗ in the assertive alert, line by line. */
const spoken = (page: Page, role: 'status' | 'alert') => page.getByRole(role).locator('p').allTextContents();

async function backToScanning(page: Page) {
  // The verdict stays: only "Next guest" (named as it reads) or the next scan takes it away.
  await page.getByRole('button', { name: 'Next guest', exact: true }).click();
  await expect.poll(() => verdict(page).count(), { timeout: UI_WAIT }).toBe(0);
}

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: ZONE } });
  api = createApi(server.baseUrl, server.caCertPem);
  managerToken = await server.token('manager');
  kioskToken = await server.token('kiosk');
  spki = await verifiedSpkiHashes(server.baseUrl, server.caCertPem);
  browser = await launchChromium(spki);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'marquee-door-e2e-'));
  // Doors open 60 minutes before the start by default: a show in 20 minutes is boarding.
  const at = new Date(Date.now() + 20 * 60_000);
  at.setUTCSeconds(0, 0);
  const created = await api<ShowOut>('/show/create', managerToken, { showTime: at.toISOString(), title: 'The Night Door', capacity: 30 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  show = created.body;
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server], dirs: [tmp] }, problems), 60_000);

describe('door app on a phone', () => {
  it(
    "lists today's shows by screen, two screens starting at one minute; the ✓ names the guest's screen and the count follows that show",
    async () => {
      const screen2 = await api<{ screenId: number }>('/screen/create', managerToken, { name: 'Screen 2', capacity: 40 });
      const film = await api<{ filmId: number }>('/film/create', managerToken, { title: 'Vertigo', runtimeMinutes: 128, rating: 'PG' });
      expect([screen2.status, film.status]).toEqual([201, 201]);
      const vertigo = await api<ShowOut>('/show/create', managerToken, { showTime: show.showTime, screenId: screen2.body.screenId, filmId: film.body.filmId });
      expect(vertigo.status, JSON.stringify(vertigo.body)).toBe(201);
      const code = await book('Kim Novak', vertigo.body.showId);
      const door = await openDoor(browser);
      const { page } = door;
      const today = page.getByTestId('door-today');
      await expect.poll(() => today.getByRole('heading', { level: 3 }).allTextContents(), { timeout: UI_WAIT }).toEqual(['Screen 1', 'Screen 2']);
      const onScreen = (name: string) => page.getByRole('region', { name, exact: true });
      expect(await onScreen('Screen 1').textContent()).toContain('The Night Door');
      expect(await onScreen('Screen 2').textContent()).toContain('Vertigo');
      expect(await onScreen('Screen 2').textContent()).toContain('0 / 1');
      expect(await captureScreen(page, 'door-00-today-by-screen')).toEqual([]);

      await wedge(page, code);
      await expect.poll(() => verdict(page).getAttribute('data-verdict'), { timeout: UI_WAIT }).toBe('ok');
      expect(await page.getByTestId('verdict-screen').textContent()).toBe('Screen 2');
      expect(await verdict(page).textContent()).toContain('Vertigo');
      await backToScanning(page);
      await expect.poll(() => page.getByTestId('door-count').getAttribute('data-show-id'), { timeout: UI_WAIT }).toBe(String(vertigo.body.showId));
      await expect.poll(() => countText(page), { timeout: UI_WAIT }).toBe('1 / 1');
      await door.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'wedge scan admits once, refuses the second scan with when and which door, and refuses a made-up code without asking',
    async () => {
      const code = await book('Ana Torres');
      await book('Luis Gómez');
      const door = await openDoor(browser);
      const { page } = door;
      await expect.poll(() => countText(page), { timeout: UI_WAIT }).toBe('0 / 2');
      expect(await captureScreen(page, 'door-01-scanning')).toEqual([]);

      await wedge(page, code);
      await expect.poll(() => verdict(page).getAttribute('data-verdict'), { timeout: UI_WAIT }).toBe('ok');
      expect(await page.getByTestId('verdict-name').textContent()).toBe('Ana Torres');
      expect(await verdict(page).textContent()).toContain('The Night Door');
      const said = await spoken(page, 'status');
      expect(said.slice(0, 3)).toEqual(['Welcome', 'Ana Torres', 'Screen 1']);
      expect(said[3]).toMatch(/^The Night Door · /);
      expect(said.slice(4)).toEqual(['Let the guest in.']);
      expect(await page.getByRole('alert').textContent()).toBe('');
      await docsPicture(page, 'door-ok.png');
      expect(await captureScreen(page, 'door-02-ok')).toEqual([]);
      await backToScanning(page);
      await expect.poll(() => countText(page), { timeout: UI_WAIT }).toBe('1 / 2');

      // The same ticket again, typed in lower case with spaces as a person might.
      await wedge(page, code.toLowerCase().replaceAll('-', ' '));
      await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('already');
      const reason = await page.getByTestId('verdict-reason').textContent();
      expect(reason).toMatch(new RegExp(`^Already checked in at \\d{1,2}:\\d{2}\\s?(AM|PM)? by ${DOOR_LABEL}\\.$`));
      expect(await spoken(page, 'alert')).toEqual(['Not admitted', reason, formatTicketCode(code.replaceAll('-', '')), 'Do not let the guest in.']);
      expect(await page.getByRole('status').textContent()).toBe('');
      await docsPicture(page, 'door-refused.png');
      expect(await captureScreen(page, 'door-03-already')).toEqual([]);
      await backToScanning(page);

      // A made-up code fails its check symbol: refused on the phone, no request sent.
      const before = door.checkinRequests();
      expect(before).toBe(2);
      const real = code.replaceAll('-', '');
      const forged = real.slice(0, 11) + (real[11] === 'A' ? 'B' : 'A');
      await wedge(page, forged);
      await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('invalid');
      expect(door.checkinRequests()).toBe(before);

      // The verdict stays (no timer unless the door's setting asks for one); the next scan replaces
      // it, and Spanish says it in Spanish.
      await page.waitForTimeout(5_000);
      expect(await verdict(page).getAttribute('data-reason')).toBe('invalid');
      const unknown = formatTicketCode(ticketCodeFromBits(424242n));
      await wedge(page, unknown);
      await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('unknown');
      await backToScanning(page);
      await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
      await wedge(page, unknown);
      await expect.poll(() => page.getByTestId('verdict-reason').textContent(), { timeout: UI_WAIT }).toBe(
        'Entrada desconocida: ninguna entrada tiene este código.',
      );
      await door.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'a ticket of a cancelled screening: "This screening was cancelled" with the reason, and the screening marked in today\'s list',
    async () => {
      const at = new Date(Date.parse(show.showTime) + 10 * 60_000);
      const doomed = await api<ShowOut>('/show/create', managerToken, { showTime: at.toISOString(), title: 'Nitrate Night', capacity: 10 });
      expect(doomed.status, JSON.stringify(doomed.body)).toBe(201);
      const code = await book('Greta Lind', doomed.body.showId);
      const called = await api('/show/cancel', managerToken, { showId: doomed.body.showId, reason: 'Projector failure' });
      expect(called.status, JSON.stringify(called.body)).toBe(200);
      const door = await openDoor(browser);
      const { page } = door;
      const listed = page.locator(`.door-show[data-show-id="${doomed.body.showId}"]`);
      await expect.poll(() => listed.textContent(), { timeout: UI_WAIT }).toContain('Cancelled');

      await wedge(page, code);
      await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('cancelled');
      expect(await page.getByTestId('verdict-heading').textContent()).toBe('Cancelled');
      expect(await page.getByTestId('verdict-reason').textContent()).toBe('This screening was cancelled: Projector failure.');
      expect(await captureScreen(page, 'door-04b-screening-cancelled')).toEqual([]);
      await door.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'a cancelled ticket: a red "Cancelled" saying when, in English and in Spanish',
    async () => {
      const code = await book('Pablo Ortega');
      const cancelled = await api('/ticket/delete', kioskToken, { ticketCode: code });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      const door = await openDoor(browser);
      const { page } = door;

      await wedge(page, code);
      await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('cancelled');
      expect(await verdict(page).getAttribute('data-verdict')).toBe('refused');
      expect(await page.getByTestId('verdict-heading').textContent()).toBe('Cancelled');
      // Cancelled a moment ago: "today", unless midnight passed in between.
      expect(await page.getByTestId('verdict-reason').textContent()).toMatch(
        /^This ticket was cancelled (today|on \w+ \d{1,2}) at \d{1,2}:\d{2}\s?(AM|PM)\.$/,
      );
      await docsPicture(page, 'door-cancelled.png');
      expect(await captureScreen(page, 'door-04-cancelled')).toEqual([]);
      await backToScanning(page);

      await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
      await wedge(page, code);
      await expect.poll(() => page.getByTestId('verdict-heading').textContent(), { timeout: UI_WAIT }).toBe('Anulada');
      expect(await page.getByTestId('verdict-reason').textContent()).toMatch(/^Esta entrada se anuló (hoy|el \d{1,2} de \w+) a las? \d{1,2}:\d{2}\.$/);
      await door.close();
    },
    TEST_TIMEOUT,
  );

  it(
    "camera scan: a ticket's QR in front of the (fake) camera is decoded by the page and admitted once",
    async () => {
      const code = await book('Marta Ruiz');
      const video = path.join(tmp, 'ticket-qr.y4m');
      await writeFile(video, qrY4m(ticketQrText(code)));
      const cameraBrowser = await launchChromium(spki, [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ]);
      try {
        const door = await openDoor(cameraBrowser);
        const { page } = door;
        await page.getByRole('button', { name: 'Use camera' }).click();
        await expect.poll(() => page.locator('.door-scan').getAttribute('data-camera'), { timeout: UI_WAIT }).toBe('on');
        const decoder = await page.locator('.door-scan').getAttribute('data-decoder');
        console.log(`door camera decoder in this Chromium: ${decoder}`);
        await expect.poll(() => verdict(page).getAttribute('data-verdict'), { timeout: UI_WAIT }).toBe('ok');
        expect(await page.getByTestId('verdict-name').textContent()).toBe('Marta Ruiz');
        // The ticket stays in front of the camera: it must not be read again as "already checked in".
        await backToScanning(page);
        await page.waitForTimeout(1_500);
        expect(await verdict(page).count()).toBe(0);
        expect(door.checkinRequests()).toBe(1);
        await door.close();
      } finally {
        await cameraBrowser.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    "the kiosk's ticket prints on its 80 mm page, naming its show by date, the longest name and title on one page (Chromium print-to-PDF, the CSS page size); pictured for docs/",
    async () => {
      const code = await book('Ana Torres');
      // The longest a name and a show title may be, in the widest letters.
      const at = new Date(Date.parse(show.showTime) + 30 * 60_000);
      const longShow = await api<ShowOut>('/show/create', managerToken, { showTime: at.toISOString(), title: 'Wm '.repeat(TITLE_MAX).slice(0, TITLE_MAX).trim(), capacity: 5 });
      expect(longShow.status, JSON.stringify(longShow.body)).toBe(201);
      const longName = 'Wm '.repeat(NAME_MAX).slice(0, NAME_MAX).trim();
      const long = await api<{ ticketCode: string }>('/ticket/book', kioskToken, { userName: longName, phoneNo: '+34611000999', showTime: longShow.body.showTime });
      expect(long.status, JSON.stringify(long.body)).toBe(201);

      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 3 });
      const page = await context.newPage();
      watch(page, 'kiosk');
      await page.goto(`${server.baseUrl}/kiosk/`);
      // The kiosk's pairing screen leads with the code keypad; a token is typed under the fold.
      await page.getByText('Or, with a keyboard: a kiosk token').click();
      await page.getByRole('textbox', { name: 'Kiosk token' }).fill(kioskToken);
      await page.getByRole('button', { name: 'Pair kiosk' }).click();
      const lookUp = async (ticketCode: string) => {
        await page.getByRole('button', { name: /My ticket/ }).click();
        for (const symbol of ticketCode.replaceAll('-', '')) await page.locator('.code-keypad').getByRole('button', { name: symbol, exact: true }).click();
        await page.getByRole('button', { name: 'Look up my ticket', exact: true }).click();
        await expect.poll(() => page.locator('[data-screen="myTicket"]').count(), { timeout: UI_WAIT }).toBe(1);
      };
      // The page's own size decides (as Electron's print job does with the same paper): an
      // invalid @page size would fall back to Letter here.
      const print = () => page.pdf({ preferCSSPageSize: true, printBackground: true });
      const paper = (pages: ReturnType<typeof pdfPagesMm>) => pages.map((p) => ({ width: Math.round(p.widthMm), height: Math.round(p.heightMm) }));

      await lookUp(code);
      // On paper the show is named by its date in the theatre's zone (the ticket is read the
      // next day too); the screen may say "Today". Spaces compared loosely: ICU versions differ.
      const spaced = (text: string) => text.replace(/\s+/g, ' ');
      const ticketText = async () => spaced(await page.locator('.printable-ticket').innerText());
      const showAt = new Date(show.showTime);
      const paperDay = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: ZONE }).format(showAt);
      const paperClock = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: ZONE }).format(showAt);
      const paperLine = spaced(`The Night Door · ${paperDay} · ${paperClock}`);
      expect(await ticketText()).toMatch(/The Night Door · (Today|Tomorrow) \d/);
      expect(await ticketText()).not.toContain(paperLine);
      const pdf = await print();
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdfPagesMm(pdf);
      expect(pages).toHaveLength(1);
      expect(Math.abs(pages[0]!.widthMm - 80)).toBeLessThan(1);
      expect(paper(pages)).toEqual([{ width: TICKET_PAPER.widthMm, height: TICKET_PAPER.heightMm }]);
      await keepDocsFile('ticket-80mm.pdf', pdf);

      // The picture of it: print styles at the page's printable width (80 mm less the margins).
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: Math.round(((TICKET_PAPER.widthMm - 2 * TICKET_PAPER.marginMm) * 96) / 25.4), height: 900 });
      expect(await ticketText()).toContain(paperLine);
      expect(await ticketText()).not.toMatch(/Today|Tomorrow/);
      const ticket = await page.locator('.printable-ticket').boundingBox();
      expect(ticket).not.toBeNull();
      await docsPicture(page, 'ticket-80mm.png', { clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: Math.ceil(ticket!.y + ticket!.height + 12) } });
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1080, height: 1920 });

      await page.getByRole('button', { name: 'Done' }).click();
      await lookUp(long.body.ticketCode);
      expect(paper(pdfPagesMm(await print()))).toEqual([{ width: TICKET_PAPER.widthMm, height: TICKET_PAPER.heightMm }]);
      await context.close();
    },
    TEST_TIMEOUT,
  );
});
