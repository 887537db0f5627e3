// The door through a Wi-Fi and server drop (issue 23), end to end: real Chromium at a phone's
// size, the real `marquee serve` and database over HTTPS. The door pairs and reads its snapshot;
// then the phone goes offline (context.setOffline) and the serve is killed. Five parties are
// admitted from the snapshot, one of them a second time (refused on the phone); the page is
// reloaded while offline (the service worker serves it, still paired, the journal kept); the
// serve comes back on the same address, another door admits one of those parties meanwhile, and
// the phone back online sends its journal once: five offline admissions, one of them listed as a
// conflict for the manager. Also: the door fits a 360 × 640 and a 390 × 844 phone with no
// horizontal scroll, and every app has a favicon.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnServe, startServe, type ServeProcess } from '../support/server';
import { createApi, launchChromium, verifiedSpkiHashes, closeE2e } from './helpers';

const TEST_TIMEOUT = 180_000;
const UI_WAIT = 15_000;
const DOOR_LABEL = 'Door A';

type Server = Awaited<ReturnType<typeof startServe>>;
let server: Server;
let browser: Browser;
let api: ReturnType<typeof createApi>;
let managerToken: string;
let otherDoor: string;
let showId: number;
let revived: ServeProcess | null = null;
const pageErrors: string[] = [];

let phones = 0;
async function book(userName: string, seats: number): Promise<{ ticketCode: string; ticketId: number }> {
  const phoneNo = `+34622${String(Date.now() % 100000).padStart(5, '0')}${++phones}`;
  const answer = await api<{ ticketCode: string; ticketId: number }>('/ticket/book', managerToken, { userName, phoneNo, showId, seats });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function openDoor(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const made = await api<{ code: string }>('/pairing/create', managerToken, { role: 'door', label: DOOR_LABEL });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const snapshot = page.waitForResponse((r) => new URL(r.url()).pathname === '/door/snapshot' && r.ok(), { timeout: UI_WAIT });
  await page.goto(`${server.baseUrl}/door/#pair=${made.body.code}`);
  await page.getByRole('textbox', { name: 'Ticket code' }).waitFor({ timeout: UI_WAIT });
  await snapshot;
  return { context, page };
}

async function wedge(page: Page, text: string) {
  const field = page.locator('#door-code');
  await field.pressSequentially(text, { delay: 5 });
  await field.press('Enter');
}

const verdict = (page: Page) => page.locator('[data-verdict]');

/** A GET trusting the server's CA, without following redirects. */
function get(url: string): Promise<{ status: number; type: string | undefined; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca: server.caCertPem }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, type: response.headers['content-type']?.split(';')[0], location: response.headers.location });
    }).on('error', reject);
  });
}

async function nextGuest(page: Page) {
  await page.getByRole('button', { name: 'Next guest', exact: true }).click();
  await expect.poll(() => verdict(page).count(), { timeout: UI_WAIT }).toBe(0);
}

/** Whatever sticks out sideways: the page's own scroll width, and each control's box. */
async function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth}px wide in ${width}px`);
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, h1, [data-testid]')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" spans ${Math.round(box.left)}–${Math.round(box.right)}`);
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`button "${el.textContent}" is cut`);
      // The answer covers the screen: its button must be on it, not below the fold.
      if (el.closest('[data-verdict]') && (box.top < 0 || box.bottom > window.innerHeight)) out.push(`"${(el.textContent ?? '').trim()}" is off the screen`);
    }
    return out;
  });
}

beforeAll(async () => {
  server = await startServe();
  api = createApi(server.baseUrl, server.caCertPem);
  managerToken = await server.token('manager');
  otherDoor = await server.token('door', 'Door B');
  browser = await launchChromium(await verifiedSpkiHashes(server.baseUrl, server.caCertPem));
  const at = new Date(Date.now() + 20 * 60_000);
  at.setUTCSeconds(0, 0);
  const created = await api<{ showId: number }>('/show/create', managerToken, { showTime: at.toISOString(), title: 'The Night Door', capacity: 60 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  showId = created.body.showId;
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [revived, server] }, pageErrors), 60_000);

describe('the door on a phone', () => {
  for (const viewport of [{ width: 360, height: 640 }, { width: 390, height: 844 }]) {
    it(`fits ${viewport.width} × ${viewport.height}: no horizontal scroll, every control whole, on scanning and on a party's ✓`, async () => {
      const party = await book(`Fits ${viewport.width}`, 4);
      const { context, page } = await openDoor(viewport);
      try {
        expect(await sticksOut(page)).toEqual([]);
        await wedge(page, party.ticketCode);
        await expect.poll(() => verdict(page).getAttribute('data-verdict'), { timeout: UI_WAIT }).toBe('ok');
        expect(await page.getByTestId('verdict-party').textContent()).toBe('4 guests: 4 Standard');
        expect(await sticksOut(page)).toEqual([]);
        await page.screenshot({ path: `test-results/door-${viewport.width}x${viewport.height}.png` }).catch(() => undefined);
      } finally {
        await context.close();
      }
    }, TEST_TIMEOUT);
  }

  it('every app has a favicon, and /favicon.ico is no 404', async () => {
    const page = await browser.newPage();
    try {
      for (const app of ['kiosk', 'manager', 'door']) {
        await page.goto(`${server.baseUrl}/${app}/`);
        const href = await page.locator('link[rel="icon"]').getAttribute('href');
        const icon = await get(new URL(href!, `${server.baseUrl}/${app}/`).href);
        expect([app, icon.status, icon.type]).toEqual([app, 200, 'image/svg+xml']);
      }
      const ico = await get(`${server.baseUrl}/favicon.ico`);
      expect([ico.status, ico.location]).toEqual([301, '/kiosk/favicon.svg']);
    } finally {
      await page.close();
    }
  }, TEST_TIMEOUT);
});

describe('the door through a Wi-Fi and server drop', () => {
  it('admits five parties offline, refuses a second scan locally, survives a reload, and syncs its journal once when the server is back', async () => {
    const parties = [];
    for (let i = 0; i < 5; i++) parties.push(await book(`Offline Guest ${i}`, i === 0 ? 3 : 1 + (i % 2)));
    const { context, page } = await openDoor({ width: 390, height: 844 });
    // The page is kept by its service worker once it controls the page.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), { timeout: UI_WAIT }).toBe(true);
    await page.reload();
    await page.getByRole('textbox', { name: 'Ticket code' }).waitFor({ timeout: UI_WAIT });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    const port = new URL(server.baseUrl).port;
    const dataDir = server.serve.dataDir;
    await context.setOffline(true);
    server.serve.kill();

    for (const party of parties.slice(0, 4)) {
      await wedge(page, party.ticketCode);
      await expect.poll(() => verdict(page).getAttribute('data-verdict'), { timeout: UI_WAIT }).toBe('ok');
      expect(await verdict(page).getAttribute('data-offline')).toBe('true');
      expect(await page.getByTestId('verdict-offline').isVisible()).toBe(true);
      await nextGuest(page);
    }
    expect(await page.getByTestId('door-offline').getAttribute('data-pending')).toBe('4');

    // A reload with no network and no server: the page, its pairing, its snapshot and its journal are all still there.
    await page.reload();
    await page.getByRole('textbox', { name: 'Ticket code' }).waitFor({ timeout: UI_WAIT });
    await expect.poll(() => page.getByTestId('door-offline').getAttribute('data-pending'), { timeout: UI_WAIT }).toBe('4');
    await wedge(page, parties[4]!.ticketCode);
    await expect.poll(() => verdict(page).getAttribute('data-verdict'), { timeout: UI_WAIT }).toBe('ok');
    await nextGuest(page);
    await wedge(page, parties[0]!.ticketCode);
    await expect.poll(() => verdict(page).getAttribute('data-reason'), { timeout: UI_WAIT }).toBe('already');
    expect(await verdict(page).getAttribute('data-offline')).toBe('true');
    await nextGuest(page);
    await expect.poll(() => page.getByTestId('door-offline').getAttribute('data-pending'), { timeout: UI_WAIT }).toBe('5');

    // The server comes back on the same address; another door admits one of those parties first.
    revived = await spawnServe({ dbUrl: server.dbUrl, dataDir, env: { MARQUEE_HTTP_PORT: port } });
    const elsewhere = await api('/ticket/checkin', otherDoor, { ticketCode: parties[2]!.ticketCode });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('door-offline').getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
    await expect.poll(() => page.getByTestId('door-offline').getAttribute('data-offline'), { timeout: UI_WAIT }).toBe('false');

    // Once: five scans recorded for this door, each ticket's party in exactly once.
    const db = server.database.db;
    const scans = await db.rows('SELECT ticket_id, conflict FROM checkin_scan WHERE actor = ? AND offline = 1 ORDER BY recorded_at', [DOOR_LABEL]);
    expect(scans.map((s) => Number(s.ticket_id))).toEqual(parties.map((p) => p.ticketId));
    expect(scans.map((s) => s.conflict)).toEqual([null, null, 'already_in', null, null]);
    for (const party of parties) {
      const [row] = await db.rows('SELECT seats, admitted FROM ticket_record WHERE ticket_id = ?', [party.ticketId]);
      expect(Number(row!.admitted)).toBe(Number(row!.seats));
      const [events] = await db.rows("SELECT COUNT(*) AS n FROM ticket_event WHERE ticket_id = ? AND kind = 'checked_in'", [party.ticketId]);
      expect(Number(events!.n)).toBe(1);
    }
    // Sent again (a later sync, a reload): nothing more is recorded.
    await page.reload();
    await page.getByRole('textbox', { name: 'Ticket code' }).waitFor({ timeout: UI_WAIT });
    await page.waitForTimeout(1500);
    const [after] = await db.rows('SELECT COUNT(*) AS n FROM checkin_scan WHERE actor = ? AND offline = 1', [DOOR_LABEL]);
    expect(Number(after!.n)).toBe(5);

    const conflicts = await api<Array<{ ticketId: number; door: string; conflict: { kind: string; otherDoor: string } }>>('/checkin/conflicts', managerToken, {});
    expect(conflicts.body).toEqual([expect.objectContaining({ ticketId: parties[2]!.ticketId, door: DOOR_LABEL, conflict: expect.objectContaining({ kind: 'already_in', otherDoor: 'Door B' }) })]);
    await context.close();
  }, TEST_TIMEOUT);
});
