// The manager's week end to end: real Chromium at /manager/ on the real `marquee serve` with a
// real database, over HTTPS. Two screens are added and a film with a poster (a file that is not
// an image is refused in words first); a fortnight of the film on two screens is previewed —
// with the clashes a third screen would have — and made in one step; the week's timeline shows
// it per screen (the README's docs/manager-week.png); a show is rescheduled (refused where its
// screen is taken, then moved with its tickets) and another cancelled with a call list that
// downloads as CSV and prints alone. Every screen is photographed to
// test-results/screenshots/program-*.png and scanned with axe.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../support/server';
import { captureScreen, docsPicture, openManagerBrowser, openPairedManager, closeE2e } from './helpers';

const ZONE = 'Europe/Madrid';
const UI_WAIT = 15_000;
const VIEWPORT = { width: 1440, height: 900 };
/** The manager's start-up probe of optional routes meets a 404; the busy screen refused is a 409, on purpose. */
const EXPECTED_STATUSES = [404, 409];

interface ShowOut {
  showId: number;
  showTime: string;
  screenId: number;
  filmTitle: string | null;
  booked: number;
  cancelledAt: string | null;
}

let server: ServeHandle;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let managerToken: string;
let kioskToken: string;
const problems: string[] = [];

function theatreDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

async function api<T>(route: string, token: string, body: unknown): Promise<T> {
  const answer = await server.request('POST', route, body, token);
  expect(answer.status, `${route}: ${answer.text}`).toBeLessThan(300);
  return answer.json as T;
}

let phones = 0;
const book = (showId: number, userName: string) =>
  api<{ ticketId: number; ticketCode: string }>('/ticket/book', kioskToken, { userName, phoneNo: `+3461122${String(++phones).padStart(4, '0')}`, showId });

const listShows = () => api<ShowOut[]>('/show/list', managerToken, { days: 20 });
const wallOf = (show: ShowOut) => show.showTime.slice(0, 16).replace('T', ' ');

async function shot(name: string) {
  expect(await captureScreen(page, `program-${name}`), `axe findings on program-${name}`).toEqual([]);
}

const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const lane = (name: string) => page.getByRole('region', { name, exact: true });
const block = (showId: number) => page.locator(`.lane-show[data-show-id="${showId}"]`);

/** A poster drawn by the browser itself: a real PNG, as a designer's file would be. */
async function drawPoster(title: string, colours: [string, string]): Promise<Buffer> {
  const art = await context.newPage();
  await art.setViewportSize({ width: 400, height: 600 });
  await art.setContent(
    `<body style="margin:0"><div style="width:400px;height:600px;display:flex;flex-direction:column;justify-content:flex-end;` +
      `background:linear-gradient(160deg,${colours[0]},${colours[1]});font-family:serif;color:#fff8e7">` +
      `<div style="padding:32px;font-size:44px;letter-spacing:3px;line-height:1.05;overflow-wrap:anywhere">${title}</div>` +
      `<div style="padding:0 32px 40px;font:20px sans-serif;letter-spacing:6px">NOW SHOWING</div></div></body>`,
  );
  const png = await art.screenshot({ type: 'png' });
  await art.close();
  return png;
}

/** Opens `day` on the week's strip, a week further on when it is not in this one. */
async function openDay(day: string) {
  const dayButton = page.locator(`.week-day[data-day="${day}"]`);
  if ((await dayButton.count()) === 0) await button('Next week').click();
  await dayButton.click();
  await expect.poll(() => dayButton.getAttribute('aria-pressed'), { timeout: UI_WAIT }).toBe('true');
}

async function downloadedText(trigger: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, trigger()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

beforeAll(async () => {
  server = await startServe({ env: { MARQUEE_TIMEZONE: ZONE } });
  [managerToken, kioskToken] = await Promise.all([server.token('manager', 'Office'), server.token('kiosk', 'Lobby kiosk')]);
  ({ browser, context, page } = await openManagerBrowser(
    server,
    { viewport: VIEWPORT, timezoneId: ZONE, locale: 'en-US', acceptDownloads: true },
    { problems, expectedStatuses: EXPECTED_STATUSES },
  ));
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server] }, problems), 60_000);

describe('the manager programs a week', () => {
  it('adds screens and a film with a poster, schedules a fortnight, sees it per screen, reschedules and cancels with a call list', async () => {
    const tomorrow = theatreDate(1);
    // Another film already plays on the first screen tomorrow evening.
    const metropolis = await api<{ filmId: number }>('/film/create', managerToken, { title: 'Metropolis', runtimeMinutes: 153, rating: 'PG' });
    await api('/film/poster', managerToken, { filmId: metropolis.filmId, image: (await drawPoster('METROPOLIS', ['#1d3b53', '#0b0f14'])).toString('base64') });
    const early = await api<ShowOut>('/show/create', managerToken, { showTime: `${tomorrow} 16:00`, screenId: 1, filmId: metropolis.filmId, capacity: 120 });
    const blocking = await api<ShowOut>('/show/create', managerToken, { showTime: `${tomorrow} 20:00`, screenId: 1, filmId: metropolis.filmId, capacity: 120 });
    for (const name of ['Lena Park', 'Omar Haddad', 'Pia Nowak']) await book(blocking.showId, name);
    await book(early.showId, 'Quinn Adler');

    await openPairedManager(page, server.baseUrl, managerToken, UI_WAIT);

    // Screens & films: the first screen gets its real seats, two screens more, then the film.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Screens & films' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screens & films' }).waitFor();
    await button('Edit Screen 1').click();
    const first = page.getByRole('dialog', { name: 'Edit Screen 1' });
    await first.getByLabel('Seats').fill('120');
    await first.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-done="screenSaved"]').count(), { timeout: UI_WAIT }).toBe(1);
    for (const [name, seats, notes] of [['Screen 2', '60', ''], ['Screen 3', '24', 'Wheelchair spaces in row A']] as const) {
      await button(/Add screen/).click();
      const dialog = page.getByRole('dialog', { name: 'New screen' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Seats').fill(seats);
      if (notes) await dialog.getByLabel('Notes').fill(notes);
      if (name === 'Screen 3') await shot('01-new-screen');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByTestId('screens').textContent(), { timeout: UI_WAIT }).toContain(name);
    }
    const { screens } = await api<{ screens: Array<{ screenId: number; name: string; capacity: number }> }>('/screen/list', managerToken, {});
    expect(screens.map((s) => [s.name, s.capacity])).toEqual([['Screen 1', 120], ['Screen 2', 60], ['Screen 3', 24]]);
    const [screen2, screen3] = [screens[1]!, screens[2]!];

    await button(/Add film/).click();
    let filmDialog = page.getByRole('dialog', { name: 'New film' });
    await filmDialog.getByLabel('Title').fill('Casablanca');
    await filmDialog.getByLabel('Runtime (minutes)').fill('102');
    await filmDialog.getByLabel('Rating').fill('PG');
    await filmDialog.getByLabel('Description').fill('A cynical nightclub owner protects an old flame and her husband from Nazis in Morocco.');
    await filmDialog.getByRole('button', { name: 'Save' }).click();
    filmDialog = page.getByRole('dialog', { name: 'Edit Casablanca' });
    const posterInput = filmDialog.getByLabel('Poster');
    // A file named like a JPEG but holding text is refused at once, in words.
    await posterInput.setInputFiles({ name: 'casablanca.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a picture') });
    await expect.poll(() => filmDialog.getByRole('alert').textContent(), { timeout: UI_WAIT }).toContain('That file is not a JPEG, PNG or WebP image.');
    await shot('02-poster-refused');
    await posterInput.setInputFiles({ name: 'casablanca.png', mimeType: 'image/png', buffer: await drawPoster('CASABLANCA', ['#7a1f1f', '#1a0f0a']) });
    await filmDialog.getByRole('img', { name: 'Poster of Casablanca' }).waitFor({ timeout: UI_WAIT });
    expect(await filmDialog.getByRole('img', { name: 'Poster of Casablanca' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
    await shot('03-film-poster');
    await filmDialog.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('films').getByRole('img', { name: 'Poster of Casablanca' }).waitFor();
    await shot('04-screens-films');
    const { films } = await api<{ films: Array<{ filmId: number; title: string; posterUrl: string | null }> }>('/film/list', managerToken, {});
    const casablanca = films.find((f) => f.title === 'Casablanca')!;
    const poster = await server.request('GET', casablanca.posterUrl!);
    expect([poster.status, poster.headers['content-type']]).toEqual([200, 'image/png']);

    // The week: program a fortnight of Casablanca at 19:00 and 21:30, previewed first.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Week' }).click();
    await lane('Screen 3').waitFor({ timeout: UI_WAIT });
    await button(/Program a film/).click();
    const program = page.getByRole('dialog', { name: 'Program a film' });
    await program.getByRole('combobox', { name: 'Film' }).selectOption({ label: 'Casablanca · 102 min' });
    for (const name of ['Screen 1 (120)', 'Screen 2 (60)', 'Screen 3 (24)']) await program.getByRole('checkbox', { name }).check();
    await program.getByLabel('From').fill(tomorrow);
    await program.getByLabel('To').fill(theatreDate(14));
    await program.getByRole('button', { name: 'Add a time' }).click();
    await program.getByLabel('Start time 2', { exact: true }).fill('21:30');
    await program.getByRole('button', { name: 'Preview' }).click();
    const clashes = program.getByTestId('program-clashes');
    await expect.poll(() => clashes.textContent(), { timeout: UI_WAIT }).toContain('2 clashes: nothing is made until they are solved');
    expect(await clashes.textContent()).toContain('Screen 1: taken by Metropolis');
    await shot('05-program-clashes');
    // Screen 1 keeps Metropolis: the film goes to the other two.
    await program.getByRole('checkbox', { name: 'Screen 1 (120)' }).uncheck();
    await program.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => program.getByTestId('program-preview').textContent(), { timeout: UI_WAIT }).toContain('56 shows will be made');
    expect(await program.getByTestId('program-clashes').count()).toBe(0);
    await shot('06-program-preview');
    await program.getByRole('button', { name: 'Create shows' }).click();
    await expect.poll(() => page.locator('[data-done="programmed"]').textContent(), { timeout: UI_WAIT }).toContain('56 shows made.');

    const programmed = (await listShows()).filter((s) => s.filmTitle === 'Casablanca');
    expect(programmed).toHaveLength(56);
    expect(new Set(programmed.map((s) => s.showTime.slice(11, 16)))).toEqual(new Set(['19:00', '21:30']));
    const at = (screenId: number, time: string) => programmed.find((s) => s.screenId === screenId && wallOf(s) === `${tomorrow} ${time}`)!;
    const toMove = at(screen3.screenId, '21:30');
    const toCancel = at(screen2.screenId, '19:00');
    const moviegoers = [];
    for (const name of ['Ana Lima', 'Bruno Costa', 'Chen Wei']) moviegoers.push(await book(toMove.showId, name));
    const callees = [await book(toCancel.showId, 'Dora Fischer'), await book(toCancel.showId, 'Emil Sørensen')];
    for (const name of ['Fatima Zahra', 'Gus Olsen', 'Hana Sato', 'Ivo Petrov', 'Jade Moreau']) await book(at(screen2.screenId, '21:30').showId, name);
    for (const name of ['Kai Müller', 'Lucía Gómez']) await book(at(screen3.screenId, '19:00').showId, name);
    // A busy evening on the small screen: its block shows it nearly full.
    const givenNames = ['Mara', 'Nils', 'Olga', 'Pedro', 'Rosa', 'Sami'];
    const familyNames = ['Berg', 'Costa', 'Duarte'];
    for (const a of givenNames) for (const b of familyNames) await book(at(screen3.screenId, '19:00').showId, `${a} ${b}`);

    // Tomorrow on the timeline: a lane per screen, every show a block, the gaps between them free.
    await openDay(tomorrow);
    await expect.poll(() => lane('Screen 2').locator('.lane-show').count(), { timeout: UI_WAIT }).toBe(2);
    expect(await lane('Screen 1').locator('.lane-show').count()).toBe(2);
    expect(await lane('Screen 3').locator('.lane-show').count()).toBe(2);
    await expect.poll(() => block(toMove.showId).getAttribute('aria-label'), { timeout: UI_WAIT }).toBe(
      'Casablanca, 9:30 PM to 11:27 PM, Screen 3, 3 of 24 seats booked: open the roster',
    );
    const [left19, left2130] = await Promise.all([block(at(screen3.screenId, '19:00').showId).boundingBox(), block(toMove.showId).boundingBox()]);
    expect(left19!.x + left19!.width).toBeLessThan(left2130!.x);
    await block(blocking.showId).click();
    await expect.poll(() => page.locator('[data-panel="roster"]').textContent(), { timeout: UI_WAIT }).toContain('Omar Haddad');
    await shot('07-week');
    await page.locator('.mgr-week').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('[data-done]').getByRole('button', { name: 'Dismiss' }).click();
    await docsPicture(page, 'manager-week.png');

    // Reschedule: 19:30 on its own screen is taken by the 19:00 show; 22:15 is free, and the tickets follow.
    await block(toMove.showId).click();
    await button('Reschedule').click();
    const reschedule = page.getByRole('dialog', { name: 'Reschedule Casablanca' });
    expect(await reschedule.getByTestId('tickets-follow').textContent()).toBe('3 tickets follow the show to its new time.');
    await reschedule.getByLabel('New time').fill('19:30');
    await reschedule.getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(() => reschedule.getByRole('alert').textContent(), { timeout: UI_WAIT }).toMatch(/^⚠?\s*That screen is taken then by Casablanca/);
    await shot('08-reschedule-busy');
    await reschedule.getByLabel('New time').fill('22:15');
    await reschedule.getByRole('button', { name: 'Reschedule' }).click();
    await expect.poll(() => page.locator('[data-done="rescheduled"]').textContent(), { timeout: UI_WAIT }).toContain('with its 3 tickets');
    const moved = (await listShows()).find((s) => s.showId === toMove.showId)!;
    expect(wallOf(moved)).toBe(`${tomorrow} 22:15`);
    const roster = await api<Array<{ ticketId: number }>>('/ticket/view/time', managerToken, { showId: toMove.showId });
    expect(roster.map((r) => r.ticketId).sort()).toEqual(moviegoers.map((t) => t.ticketId).sort());
    await expect.poll(() => block(toMove.showId).getAttribute('aria-label'), { timeout: UI_WAIT }).toContain('10:15 PM to 12:12 AM');

    // Cancel a screening: a reason, then the guests to call, as CSV and on paper.
    await block(toCancel.showId).click();
    await button('Cancel screening').click();
    const cancel = page.getByRole('dialog', { name: 'Cancel the screening of Casablanca?' });
    expect(await cancel.textContent()).toContain('All 2 tickets are cancelled');
    await cancel.getByRole('button', { name: 'Cancel screening' }).click();
    await expect.poll(() => cancel.getByRole('alert').textContent(), { timeout: UI_WAIT }).toContain('Say why the screening is cancelled.');
    await cancel.getByRole('textbox', { name: 'Reason' }).fill('Projector failure');
    await cancel.getByRole('button', { name: 'Cancel screening' }).click();
    const sheet = page.getByRole('dialog', { name: 'Screening cancelled: Casablanca' });
    const callList = sheet.getByTestId('call-list');
    await callList.waitFor({ timeout: UI_WAIT });
    for (const ticket of callees) expect(await callList.textContent()).toContain(ticket.ticketCode);
    expect(await callList.textContent()).toContain('Emil Sørensen');
    await shot('09-call-list');
    const csv = await downloadedText(() => sheet.getByRole('button', { name: 'Download call list (CSV)' }).click());
    expect(csv.name).toBe(`marquee-call-list-${tomorrow}-1900.csv`);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Guest,Phone,Code,Ticket');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['Dora Fischer', 'Emil Sørensen']);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mgr-topbar').isVisible()).toBe(false);
    expect(await page.locator('.lanes').isVisible()).toBe(false);
    expect(await callList.isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/screenshots/program-10-call-list-print.png' });
    await page.emulateMedia({ media: 'screen' });
    await sheet.getByRole('button', { name: 'Done' }).click();

    const cancelled = (await listShows()).find((s) => s.showId === toCancel.showId)!;
    expect(cancelled).toMatchObject({ booked: 0, cancelledAt: expect.any(String) });
    await expect.poll(() => block(toCancel.showId).getAttribute('aria-label'), { timeout: UI_WAIT }).toBe('Casablanca, 7:00 PM, Screen 2, cancelled: open the roster');
    expect(await block(toCancel.showId).getAttribute('class')).toContain('lane-cancelled');
    const history = await api<Array<{ kind: string; reason?: string }>>('/ticket/history', managerToken, { ticketId: callees[0]!.ticketId });
    expect(history.at(-1)).toMatchObject({ kind: 'cancelled', reason: 'Projector failure' });

    // Deleting a show with tickets: the dialog says how many and offers the two ways out.
    await block(at(screen2.screenId, '21:30').showId).click();
    await button('Delete show').click();
    const remove = page.getByRole('dialog', { name: 'Delete “Casablanca”?' });
    expect(await remove.textContent()).toContain('has 5 tickets, so it cannot be deleted');
    expect(await remove.getByRole('button', { name: 'Delete show' }).count()).toBe(0);
    await shot('11-delete-with-tickets');
    await page.keyboard.press('Escape');
    await expect.poll(() => remove.count()).toBe(0);
    await shot('12-week-after');

    // Copy this week to the next: the fortnight already fills next week's evenings, so the
    // preview lists those clashes and offers no Create; Metropolis's afternoon would be free.
    await button('Copy this week to next week').click();
    const copy = page.getByRole('dialog', { name: /^Copy the week of / });
    await expect.poll(() => copy.getByTestId('program-clashes').textContent(), { timeout: UI_WAIT }).toMatch(/^\d+ clashes: nothing is made until they are solved/);
    expect(await copy.getByRole('button', { name: /^Create \d+ shows$/ }).isDisabled()).toBe(true);
    expect(await copy.getByTestId('program-preview').textContent()).toContain('Screen 1');
    await shot('12a-copy-week-clashes');
    await copy.getByRole('button', { name: 'Cancel' }).click();

    // The week in Spanish.
    await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
    await page.getByRole('heading', { level: 1, name: /^Semana/ }).waitFor();
    expect(await block(toCancel.showId).getAttribute('aria-label')).toBe('Casablanca, 19:00, Screen 2, cancelada: abrir la lista');
    await shot('12b-week-es');
    await page.getByRole('button', { name: 'Switch the language to English' }).click();

    // The distributor report counts the film's shows and admissions per week.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Reports' }).click();
    const distributor = page.getByTestId('distributor-totals');
    await expect.poll(() => distributor.textContent(), { timeout: UI_WAIT }).toContain('Casablanca');
    const sheet2 = await downloadedText(() => page.getByRole('button', { name: 'Download distributor report (CSV)' }).click());
    const rows = sheet2.text.trim().split(/\r?\n/);
    expect(rows[0]).toBe('Film,Week of,Shows,Admissions,Checked in,Gross (USD)');
    // Tomorrow's week: Casablanca's shows that play (the cancelled one not counted) and their tickets.
    const week = rows.find((r) => r.startsWith('Casablanca,') && !r.includes(',Total,'))!;
    expect(week).toMatch(/^Casablanca,\d{4}-\d{2}-\d{2},\d+,\d+,0,0\.00$/);
    await page.getByTestId('report-distributor').scrollIntoViewIfNeeded();
    await shot('13-reports');
  }, 180_000);
});
