// The door app end to end: real Chromium at a phone's size, the real `marquee serve` with a
// real database, over HTTPS, paired by the manager's door code through its QR link. The wedge path (typed code + Enter), a second
// scan refused with when and which door, a made-up code refused before any request, and the
// camera path: Chromium's fake capture device plays a Y4M frame of a ticket's QR (made with
// the qrcode package), which the page decodes itself (jsQR; headless Linux has no
// BarcodeDetector). Screenshots of ✓ and ✗ go to docs/, with the 80 mm ticket print.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatTicketCode, ticketCodeFromBits, ticketQrText } from '../../main/common/ticket-code';
import { startServe } from '../support/server';
import { captureScreen, createApi, launchChromium, verifiedSpkiHashes } from './helpers';
import { qrY4m } from './qr-video';

const TEST_TIMEOUT = 120_000;
const UI_WAIT = 15_000;
const PHONE = { width: 390, height: 844 };
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const DOOR_LABEL = 'Door A';

/** Chromium logs every refused answer (the 409 here is deliberate). */
const IGNORED_CONSOLE = [
  /^Failed to load resource: the server responded with a status of (404|409|422)\b/,
  /directive 'frame-ancestors' is ignored when delivered via a <meta> element/,
];

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
async function book(userName: string): Promise<string> {
  const phoneNo = `+34611${String(Date.now() % 100000).padStart(5, '0')}${++phones}`;
  const answer = await api<{ ticketCode: string }>('/ticket/book', kioskToken, { userName, phoneNo, showTime: show.showTime });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.ticketCode;
}

function watch(page: Page, name: string) {
  page.on('console', (message) => {
    if (message.type() === 'error' && !IGNORED_CONSOLE.some((pattern) => pattern.test(message.text()))) problems.push(`${name} console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${name} page error: ${error.message}`));
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

async function backToScanning(page: Page) {
  await verdict(page).click();
  await expect.poll(() => verdict(page).count(), { timeout: UI_WAIT }).toBe(0);
}

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: 'Europe/Madrid' } });
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

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  expect(problems).toEqual([]);
}, 60_000);

describe('door app on a phone', () => {
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
      await page.screenshot({ path: path.join(DOCS, 'door-ok.png') });
      expect(await captureScreen(page, 'door-02-ok')).toEqual([]);
      await backToScanning(page);
      await expect.poll(() => countText(page), { timeout: UI_WAIT }).toBe('1 / 2');

      // The same ticket again, typed in lower case with spaces as a person might.
      await wedge(page, code.toLowerCase().replaceAll('-', ' '));
      await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('already');
      const reason = await page.getByTestId('verdict-reason').textContent();
      expect(reason).toMatch(new RegExp(`^Already checked in at \\d{1,2}:\\d{2}\\s?(AM|PM)? by ${DOOR_LABEL}\\.$`));
      await page.screenshot({ path: path.join(DOCS, 'door-refused.png') });
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

      // The verdict leaves by itself after a few seconds, and Spanish says it in Spanish.
      await expect.poll(() => verdict(page).count(), { timeout: UI_WAIT }).toBe(0);
      await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
      await wedge(page, formatTicketCode(ticketCodeFromBits(424242n)));
      await expect.poll(() => page.getByTestId('verdict-reason').textContent(), { timeout: UI_WAIT }).toBe(
        'Entrada desconocida: ninguna entrada tiene este código.',
      );
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
    "the kiosk's ticket prints on 80 mm paper (Chromium print-to-PDF), kept in docs/",
    async () => {
      const code = await book('Ana Torres');
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      watch(page, 'kiosk');
      await page.goto(`${server.baseUrl}/kiosk/`);
      // The kiosk's pairing screen leads with the code keypad; a token is typed under the fold.
      await page.getByText('Or, with a keyboard: a kiosk token').click();
      await page.getByRole('textbox', { name: 'Kiosk token' }).fill(kioskToken);
      await page.getByRole('button', { name: 'Pair kiosk' }).click();
      await page.getByRole('button', { name: /My ticket/ }).click();
      for (const symbol of code.replaceAll('-', '')) await page.locator('.code-keypad').getByRole('button', { name: symbol, exact: true }).click();
      await page.getByRole('button', { name: 'Find my ticket', exact: true }).click();
      await expect.poll(() => page.locator('[data-screen="myTicket"]').count(), { timeout: UI_WAIT }).toBe(1);
      const pdf = await page.pdf({ width: '80mm', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await writeFile(path.join(DOCS, 'ticket-80mm.pdf'), pdf);
      await context.close();
    },
    TEST_TIMEOUT,
  );
});
