// The manager app end to end: real Chromium at /manager/ on the real `marquee serve` with a
// real database, over HTTPS. Pairing refuses a kiosk token and takes a manager token; a
// show is created in the UI, booked through the API (the schedule follows live), its
// ticket is opened from the roster, moved and cancelled, with its history; a show is edited,
// one with tickets is not deleted (its dialog says how many) and an empty one is. Every screen is
// photographed to test-results/screenshots/manager-*.png and scanned with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../support/server';
import { captureScreen, openManagerBrowser, pairManager, closeE2e } from './helpers';

const ZONE = 'Europe/Madrid';
const UI_WAIT = 15_000;
const VIEWPORT = { width: 1280, height: 800 };

/** Chromium logs every 4xx answer; the refused kiosk token and the probe's not-found are deliberate. */
/** HTTP statuses this test provokes on purpose: their console lines are not problems. */
const EXPECTED_STATUSES = [403, 404, 409, 422];

interface ShowOut {
  showId: number;
  showTime: string;
  title: string | null;
}

let server: ServeHandle;
let browser: Browser;
let page: Page;
let managerToken: string;
let kioskToken: string;
const problems: string[] = [];

/** The theatre's calendar date `days` from now, as a date input takes it. */
function theatreDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

async function api<T>(route: string, token: string, body: unknown): Promise<T> {
  const answer = await server.request('POST', route, body, token);
  expect(answer.status, `${route}: ${answer.text}`).toBeLessThan(300);
  return answer.json as T;
}

const createShowViaApi = (showTime: string, title: string, capacity: number) =>
  api<ShowOut>('/show/create', managerToken, { showTime, title, capacity });

let phones = 0;
const book = (show: ShowOut, userName: string) =>
  api<{ ticketId: number }>('/ticket/book', kioskToken, { userName, phoneNo: `+3460011${String(++phones).padStart(4, '0')}`, showTime: show.showTime });

async function shot(name: string) {
  expect(await captureScreen(page, `manager-${name}`), `axe findings on manager-${name}`).toEqual([]);
}

const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const row = (show: ShowOut) => page.locator(`tr[data-show-id="${show.showId}"]`);
const textOf = (selector: string) => page.locator(selector).first().textContent();

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: ZONE } });
  [managerToken, kioskToken] = await Promise.all([server.token('manager', 'Office'), server.token('kiosk', 'Lobby kiosk')]);
  ({ browser, page } = await openManagerBrowser(
    server,
    { viewport: VIEWPORT, timezoneId: ZONE, locale: 'en-US' },
    { problems, expectedStatuses: EXPECTED_STATUSES, permissions: ['clipboard-read', 'clipboard-write'] },
  ));
}, 180_000);

// Strict CSP: a blocked script, style or eval shows up as a console error (a problem).
afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

describe('manager', () => {
  it('pairs, creates a show, follows a booking live, and opens, moves and cancels its ticket', async () => {
    // A schedule that looks like a real week: a film with a few bookings, a sold-out show.
    const evening = await createShowViaApi(`${theatreDate(1)}T18:00:00`, 'Harbour Lights', 30);
    const late = await createShowViaApi(`${theatreDate(1)}T22:30:00`, 'Harbour Lights', 30);
    const matinee = await createShowViaApi(`${theatreDate(2)}T16:00:00`, 'Paper Moons', 4);
    await Promise.all([book(evening, 'Carla Ruiz'), book(evening, 'Dmitri Volkov'), book(late, 'Eve Martin')]);
    for (const name of ['Femi Ade', 'Grace Ho', 'Hugo Lenz', 'Iris Bell']) await book(matinee, name);

    await page.goto(`${server.baseUrl}/manager/`);
    const tokenBox = page.getByRole('textbox', { name: 'Manager token' });
    await tokenBox.waitFor();
    await shot('01-pair');

    // A kiosk token passes the door but not the manager's: the page says so and stays.
    await tokenBox.fill(kioskToken);
    await button('Pair').click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: UI_WAIT }).toContain('That was a kiosk token, and this page only takes a manager token.');
    await shot('02-pair-not-manager');

    await pairManager(page, managerToken, UI_WAIT);
    await expect.poll(() => row(matinee).textContent(), { timeout: UI_WAIT }).toContain('Sold out');

    // New show, entered in the browser's own clock.
    await button(/New show/).click();
    const dialog = page.getByRole('dialog', { name: 'New show' });
    await dialog.getByLabel('Date').fill(theatreDate(1));
    await dialog.getByLabel('Time').fill('20:15');
    await dialog.getByLabel('Film title').fill('Night Train');
    await dialog.getByLabel('Seats').fill('40');
    await shot('03-new-show');
    await dialog.getByRole('button', { name: 'Create show' }).click();
    await expect.poll(() => page.locator('[data-done="showCreated"]').count(), { timeout: UI_WAIT }).toBe(1);
    const listed = await api<Array<ShowOut & { capacity: number }>>('/show/list', managerToken, { days: 14 });
    const created = listed.find((s) => s.title === 'Night Train')!;
    expect(created).toMatchObject({ capacity: 40 });
    expect(created.showTime.startsWith(`${theatreDate(1)}T20:15:00`)).toBe(true);
    await expect.poll(() => row(created).textContent(), { timeout: UI_WAIT }).toContain('0 / 40');

    // A booking elsewhere shows up without a reload: the bar and the open roster follow.
    const { ticketId } = await book(created, 'Ana Lima');
    await expect.poll(() => row(created).textContent(), { timeout: UI_WAIT }).toContain('1 / 40');
    await row(created).getByRole('button').click();
    const ticketRow = page.locator(`tr[data-ticket-id="${ticketId}"]`);
    await expect.poll(() => ticketRow.textContent(), { timeout: UI_WAIT }).toContain('Ana Lima');
    expect(await ticketRow.textContent()).toContain('+34600110008');
    await shot('04-schedule-roster');

    await ticketRow.getByRole('button').click();
    await expect.poll(() => page.getByTestId('ticket-heading').textContent(), { timeout: UI_WAIT }).toBe(`Ticket ${ticketId}`);
    await expect.poll(() => textOf('[data-testid="ticket-history"]'), { timeout: UI_WAIT }).toContain('Booked for Tomorrow 8:15 PM');
    expect(await textOf('[data-testid="ticket-history"]')).toContain('by Lobby kiosk');
    await shot('05-ticket');

    await button('Move to another show').click();
    const move = page.getByRole('dialog', { name: `Move ticket ${ticketId}` });
    await move.waitFor();
    expect(await move.locator(`[data-show-id="${matinee.showId}"]`).isDisabled()).toBe(true);
    await shot('06-move-pick');
    await move.locator(`[data-show-id="${late.showId}"]`).click();
    await page.getByRole('alertdialog').waitFor();
    await button('Yes, move it').click();
    await expect.poll(() => page.locator('[data-done="moved"]').count(), { timeout: UI_WAIT }).toBe(1);
    await expect
      .poll(() => textOf('[data-testid="ticket-history"]'), { timeout: UI_WAIT })
      .toContain('Moved from Tomorrow 8:15 PM to Tomorrow 10:30 PM');
    const afterMove = await api<{ showTime: string }>('/ticket/view/user', managerToken, { ticketId });
    expect(Date.parse(afterMove.showTime)).toBe(Date.parse(late.showTime));
    await expect.poll(() => row(late).textContent(), { timeout: UI_WAIT }).toContain('2 / 30');
    await shot('07-moved');

    await button('Cancel ticket').click();
    await page.getByRole('alertdialog').waitFor();
    await shot('08-cancel-confirm');
    await button('Yes, cancel ticket').click();
    await expect.poll(() => page.locator('[data-ticket-state="cancelled"]').count(), { timeout: UI_WAIT }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="ticket-history"] [data-kind="cancelled"]').count(), { timeout: UI_WAIT }).toBe(1);
    expect(await textOf('[data-testid="ticket-history"]')).toContain('by Office');
    const gone = await server.request('POST', '/ticket/view/user', { ticketId }, managerToken);
    expect(gone.status).toBe(404);
    await expect.poll(() => row(late).textContent(), { timeout: UI_WAIT }).toContain('1 / 30');
    await shot('09-cancelled');

    // Edit and delete shows: Night Train is empty again, the late show still has a ticket.
    await row(created).getByRole('button').click();
    await button('Edit show').click();
    const edit = page.getByRole('dialog', { name: 'Edit show' });
    await edit.getByLabel('Film title').fill('Night Train (35 mm)');
    await edit.getByLabel('Seats').fill('25');
    await shot('09a-edit-show');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('[data-done="showUpdated"]').count(), { timeout: UI_WAIT }).toBe(1);
    await expect.poll(() => row(created).textContent(), { timeout: UI_WAIT }).toContain('0 / 25');
    expect(await row(created).textContent()).toContain('Night Train (35 mm)');
    // A show with tickets: the dialog says how many up front and offers no Delete.
    await row(late).getByRole('button').click();
    await button('Delete show').click();
    const refuse = page.getByRole('dialog', { name: 'Delete “Harbour Lights”?' });
    expect(await refuse.textContent()).toContain('has 1 ticket, so it cannot be deleted');
    expect(await refuse.getByRole('button', { name: 'Delete show' }).count()).toBe(0);
    await refuse.getByRole('button', { name: 'Keep it' }).click();
    await row(created).getByRole('button').click();
    await button('Delete show').click();
    await shot('09b-delete-show');
    await page.getByRole('dialog', { name: 'Delete “Night Train (35 mm)”?' }).getByRole('button', { name: 'Delete show' }).click();
    await expect.poll(() => page.locator('[data-done="showDeleted"]').count(), { timeout: UI_WAIT }).toBe(1);
    await expect.poll(() => row(created).count(), { timeout: UI_WAIT }).toBe(0);
    expect((await api<ShowOut[]>('/show/list', managerToken, { days: 14 })).some((s) => s.showId === created.showId)).toBe(false);

    // Devices & server: health, backups, the listener and a new token shown once.
    await page.getByRole('navigation').getByRole('button', { name: 'Devices & server' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devices & server' }).waitFor();
    await expect.poll(() => page.getByTestId('database-health').textContent(), { timeout: UI_WAIT }).toContain('Up');
    await expect.poll(() => page.getByTestId('listener-url').textContent(), { timeout: UI_WAIT }).toContain('https://');
    // A box office never backed up says so, in a live alert.
    await expect.poll(() => page.getByTestId('last-backup').textContent(), { timeout: UI_WAIT }).toBe('No backup yet');
    expect(await page.getByTestId('backup-warning').getAttribute('role')).toBe('alert');
    await page.getByLabel('Label', { exact: true }).fill('Box office tablet');
    await button('Create token').click();
    await expect.poll(() => page.getByTestId('created-token').count(), { timeout: UI_WAIT }).toBe(1);
    expect(await page.getByTestId('created-token').textContent()).toContain('will not be shown again');
    await shot('10-devices');

    // The whole app speaks Spanish after the toggle.
    await page.getByRole('navigation').getByRole('button', { name: 'Schedule' }).click();
    await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programación' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await row(evening).getByRole('button').click();
    await expect.poll(() => textOf('[data-panel="roster"]'), { timeout: UI_WAIT }).toContain('Dmitri Volkov');
    await shot('11-schedule-es');

    // A tablet held upright: the panes stack and the page scrolls.
    await page.setViewportSize({ width: 820, height: 1180 });
    await shot('12-tablet-portrait');
  }, 120_000);
});
