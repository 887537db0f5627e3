// The manager's door-conflict count end to end: real `marquee serve`, real database, real
// Chromium. Door A admits two parties offline that Door B had already let in or the office had
// cancelled; its journal reaches the server; the manager's schedule counts 2 and lists each with
// the guest, both doors, both times and the show. Photographed and scanned with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../support/server';
import { captureScreen, openManagerBrowser, openPairedManager, closeE2e } from './helpers';

const UI_WAIT = 15_000;

let server: ServeHandle;
let browser: Browser;
let page: Page;
let managerToken: string;
const problems: string[] = [];

async function api<T>(route: string, token: string, body: unknown): Promise<T> {
  const answer = await server.request('POST', route, body, token);
  expect(answer.status, `${route}: ${answer.text}`).toBeLessThan(300);
  return answer.json as T;
}

beforeAll(async () => {
  server = await startServe();
  managerToken = await server.token('manager', 'Office');
  ({ browser, page } = await openManagerBrowser(server, { viewport: { width: 1280, height: 800 }, locale: 'en-US' }, { problems, expectedStatuses: [] }));
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

describe('door conflicts on the manager’s schedule', () => {
  it('counts today’s collided offline admissions and lists both doors, both times, the guest and the show', async () => {
    const [doorA, doorB] = await Promise.all([server.token('door', 'Door A'), server.token('door', 'Door B')]);
    // Doors open an hour before the start: Door B can admit now.
    const at = new Date(Date.now() + 20 * 60_000);
    at.setUTCSeconds(0, 0);
    const show = await api<{ showId: number }>('/show/create', managerToken, { showTime: at.toISOString(), title: 'The Night Door', capacity: 20 });
    const book = (userName: string, phoneNo: string) =>
      api<{ ticketId: number; ticketCode: string }>('/ticket/book', managerToken, { userName, phoneNo, showId: show.showId, seats: 2 });
    const ana = await book('Ana Lima', '+34622000001');
    const ben = await book('Ben Okafor', '+34622000002');

    await api('/ticket/checkin', doorB, { ticketCode: ana.ticketCode });
    await api('/ticket/delete', managerToken, { ticketId: ben.ticketId });
    // Door A's journal, scanned a minute ago while it was offline.
    const scannedAt = new Date(Date.now() - 60_000).toISOString();
    for (const [i, party] of [ana, ben].entries()) {
      const answer = await api<{ conflict: { kind: string } | null }>('/ticket/checkin', doorA, {
        ticketCode: party.ticketCode, scanId: `e2e-conflict-${i}`, scannedAt, offline: { showId: show.showId },
      });
      expect(answer.conflict?.kind).toBe(i === 0 ? 'already_in' : 'cancelled');
    }

    await openPairedManager(page, server.baseUrl, managerToken, UI_WAIT);
    const badge = page.getByRole('button', { name: '2 door conflicts', exact: true });
    await badge.waitFor({ timeout: UI_WAIT });
    // The strip keeps the schedule's head whole: its title is not squeezed.
    const heading = await page.getByRole('heading', { level: 1, name: 'Schedule' }).boundingBox();
    expect(heading!.width).toBeGreaterThan(80);
    expect(await captureScreen(page, 'door-conflicts-01-badge')).toEqual([]);

    await badge.click();
    const dialog = page.getByRole('dialog', { name: 'Door conflicts today' });
    await dialog.waitFor();
    const rows = dialog.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: UI_WAIT }).toBe(2);
    const texts = await rows.allTextContents();
    const byGuest = (name: string) => texts.find((t) => t.includes(name)) ?? '';
    expect(byGuest('Ana Lima')).toContain('The Night Door');
    expect(byGuest('Ana Lima')).toMatch(/Door A at \d{1,2}:\d{2}/);
    expect(byGuest('Ana Lima')).toMatch(/Already admitted: Door B at \d{1,2}:\d{2}/);
    expect(byGuest('Ben Okafor')).toMatch(/Cancelled: Office at \d{1,2}:\d{2}/);
    expect(await captureScreen(page, 'door-conflicts-02-list')).toEqual([]);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, 120_000);
});
