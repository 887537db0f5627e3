// Every dialog of the manager and the kiosk, by keyboard alone, in Chromium (issue 26, item 2):
// Enter on what opens it puts the focus inside, Tab and Shift+Tab stay inside, the page behind is
// inert, Escape closes it, and the focus is back where it was — also when a dialog replaces
// another (the manager's Move, then its confirmation). See expectDialogKeyboard. And in forced
// colours (a Windows contrast theme, emulated), the states colour alone showed still show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../support/server';
import { expectDialogKeyboard, launchChromium, openDialog, openPairedManager, openManagerBrowser, verifiedSpkiHashes, watchForProblems, closeE2e } from './helpers';

const ZONE = 'Europe/Madrid';
const EXPECTED_STATUSES = [404, 409];

interface ShowOut {
  showId: number;
  showTime: string;
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

const inHours = (hours: number) => {
  const at = new Date(Date.now() + hours * 3_600_000);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
};

let first: ShowOut;
let second: ShowOut;
let ticket: { ticketId: number; ticketCode: string };

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: ZONE } });
  [managerToken, kioskToken] = await Promise.all([server.token('manager', 'Office'), server.token('kiosk', 'Lobby kiosk')]);
  const film = await api<{ filmId: number }>('/film/create', managerToken, { title: 'Casablanca', runtimeMinutes: 102 });
  first = await api<ShowOut>('/show/create', managerToken, { showTime: inHours(3), filmId: film.filmId, capacity: 20 });
  second = await api<ShowOut>('/show/create', managerToken, { showTime: inHours(6), filmId: film.filmId, capacity: 20 });
  ticket = await api('/ticket/book', kioskToken, { userName: 'Ana Lima', phoneNo: '+34600111222', showId: first.showId });
  ({ browser, page } = await openManagerBrowser(server, { viewport: { width: 1280, height: 800 }, timezoneId: ZONE, locale: 'en-US' }, { problems, expectedStatuses: EXPECTED_STATUSES }));
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

describe('the manager’s dialogs, by keyboard', () => {
  it('schedule: new show, edit, reschedule, cancel screening, delete', async () => {
    await openPairedManager(page, server.baseUrl, managerToken);
    // The skip link is the first stop and lands on the view.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

    const visited = await expectDialogKeyboard(page, button(/New show/));
    expect(visited).toEqual(expect.arrayContaining(['Cancel', 'Create show']));
    await page.locator(`tr[data-show-id="${second.showId}"]`).getByRole('button').click();
    const roster = page.locator('[data-view="schedule"]');
    for (const name of ['Edit show', 'Reschedule', 'Cancel screening', 'Delete show']) await expectDialogKeyboard(page, roster.getByRole('button', { name, exact: true }).first());
  });

  it('ticket: move (and its confirmation, which replaces it), cancel', async () => {
    await page.locator(`tr[data-show-id="${first.showId}"]`).getByRole('button').click();
    await page.getByRole('button', { name: `Open ticket ${ticket.ticketId}, Ana Lima` }).click();
    const move = button('Move to another show');
    await expectDialogKeyboard(page, move);
    // Picking a show by keyboard replaces the list with a question; its "no" (Escape) goes back
    // to the list, focus inside it, and Escape there returns to Move.
    await move.focus();
    await page.keyboard.press('Enter');
    await openDialog(page).locator(`[data-show-id="${second.showId}"]`).focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('alertdialog', { name: 'Move this ticket?' });
    await question.waitFor();
    expect(await question.evaluate((box) => box.contains(document.activeElement))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('No, go back');
    await page.keyboard.press('Escape');
    const list = page.getByRole('dialog', { name: `Move ticket ${ticket.ticketId}` });
    await list.waitFor();
    await expect.poll(() => list.evaluate((box) => box.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    await expect.poll(() => move.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectDialogKeyboard(page, button('Cancel ticket'));
  });

  it('week: program a film, copy the week', async () => {
    await nav('Week').click();
    await expectDialogKeyboard(page, button('Program a film'));
    await expectDialogKeyboard(page, button('Copy this week to next week'));
  });

  it('screens & films: add, edit and remove a screen and a film', async () => {
    await nav('Screens & films').click();
    for (const name of ['Add screen', 'Edit Screen 1', 'Remove Screen 1', 'Add film', 'Edit Casablanca']) await expectDialogKeyboard(page, button(name));
  });

  it('devices: revoke a token', async () => {
    await nav('Devices & server').click();
    const revoke = page.locator('tr', { hasText: 'Lobby kiosk' }).getByRole('button', { name: /Revoke/ });
    await expectDialogKeyboard(page, revoke);
  });
});

describe('the kiosk’s dialogs, by keyboard', () => {
  it('cancel, move and the idle warning', { timeout: 120_000 }, async () => {
    const kiosk = await launchChromium(await verifiedSpkiHashes(server.baseUrl, server.caCertPem));
    try {
      const kioskContext = await kiosk.newContext({ viewport: { width: 1080, height: 1920 } });
      const guest = await kioskContext.newPage();
      watchForProblems(guest, problems, EXPECTED_STATUSES, 'kiosk');
      await guest.goto(`${server.baseUrl}/kiosk/?idle=10&countdown=5`);
      await guest.getByText('Or, with a keyboard: a kiosk token').click();
      await guest.getByRole('textbox', { name: 'Kiosk token' }).fill(kioskToken);
      await guest.getByRole('button', { name: 'Pair kiosk' }).click();
      await guest.getByRole('button', { name: /My ticket/ }).click();
      await guest.getByRole('textbox', { name: 'Ticket code' }).fill(ticket.ticketCode);
      await guest.keyboard.press('Enter');
      const cancel = guest.getByRole('button', { name: 'Cancel ticket', exact: true });
      await cancel.waitFor();
      await expectDialogKeyboard(guest, cancel);
      await guest.getByRole('button', { name: 'Change show time' }).click();
      await expectDialogKeyboard(guest, guest.locator(`button[data-show-id="${second.showId}"]`));
      // The idle warning takes the focus from wherever it is and gives it back. Any key is a touch
      // (the guest is there), so Tab closes it like Escape does, rather than walking it.
      const card = guest.locator(`button[data-show-id="${second.showId}"]`);
      await card.focus();
      const warning = guest.getByRole('alertdialog', { name: 'Are you still there?' });
      await warning.waitFor({ timeout: 15_000 });
      expect(await guest.evaluate(() => document.activeElement?.textContent)).toBe("I'm still here");
      expect(await card.evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
      await guest.keyboard.press('Escape');
      await warning.waitFor({ state: 'detached' });
      await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await guest.locator('[inert]').count()).toBe(0);
      await kioskContext.close();
    } finally {
      await kiosk.close();
    }
  });
});

describe('forced colours', () => {
  it('keep the manager’s current tab, the Past shows switch, capacity bars and the selected row visible', async () => {
    await page.emulateMedia({ forcedColors: 'active' });
    try {
      await nav('Schedule').click();
      const background = (selector: string) => page.locator(selector).first().evaluate((el, pseudo) => getComputedStyle(el, pseudo).backgroundColor, null);
      const tabs = await page.getByRole('navigation').getByRole('button').evaluateAll((all) => all.map((el) => getComputedStyle(el).backgroundColor));
      expect(new Set(tabs).size, 'the current tab stands out').toBe(2);
      // A show with a ticket: its bar has a fill the track does not have.
      const bar = page.locator(`tr[data-show-id="${first.showId}"] .capacity-track`);
      const [track, fill] = await bar.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el.querySelector('.capacity-fill')!).backgroundColor]);
      expect(fill).not.toBe(track);
      const switchTrack = () => background('.mgr-switch-track');
      const off = await switchTrack();
      await page.getByRole('switch', { name: 'Past shows' }).check({ force: true });
      expect(await switchTrack(), 'the switch looks different on').not.toBe(off);
      await page.getByRole('switch', { name: 'Past shows' }).uncheck({ force: true });
      await page.locator(`tr[data-show-id="${second.showId}"]`).getByRole('button').click();
      const rows = await page.locator('tr.row-link td:first-child').evaluateAll((all) => all.map((el) => getComputedStyle(el).backgroundColor));
      expect(new Set(rows).size, 'the selected row stands out').toBe(2);
    } finally {
      await page.emulateMedia({ forcedColors: 'none' });
    }
  });
});
