// The manager's Devices & server page in Chromium: a box office never backed up is warned in a
// live alert; after `marquee backup` the page shows the backup (when, how old, its size, the
// machine, the file) and the warning is gone. Both states photographed and scanned with axe.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lastLine, runMarquee } from '../support/backup';
import { startServe, type ServeHandle } from '../support/server';
import { captureScreen, openManagerBrowser, openPairedManager, closeE2e } from './helpers';

const UI_WAIT = 15_000;
let server: ServeHandle;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  server = await startServe();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'mq-backup-e2e-'));
  ({ browser, page } = await openManagerBrowser(server, { viewport: { width: 1280, height: 900 }, locale: 'en-US' }, { problems, expectedStatuses: [] }));
}, 180_000);

afterAll(() => closeE2e({ browsers: [browser], servers: [server], dirs: [dataDir] }, problems), 60_000);

it('warns while there is no backup, and shows the backup once one is made', async () => {
  await openPairedManager(page, server.baseUrl, await server.token('manager', 'Office'), UI_WAIT);
  await page.getByRole('navigation').getByRole('button', { name: 'Devices & server' }).click();
  await expect.poll(() => page.getByTestId('last-backup').textContent(), { timeout: UI_WAIT }).toBe('No backup yet');
  const warning = page.getByRole('alert').filter({ hasText: 'There is no backup of this box office' });
  expect(await warning.count()).toBe(1);
  expect(await captureScreen(page, 'manager-backup-none'), 'axe findings').toEqual([]);

  const backup = await runMarquee(['backup'], { MARQUEE_DB_URL: server.database.url, MARQUEE_DATA_DIR: dataDir });
  expect(backup.code, backup.stderr).toBe(0);
  const file = lastLine(backup.stdout);

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => page.getByTestId('last-backup').textContent(), { timeout: UI_WAIT }).toContain(file);
  const shown = (await page.getByTestId('last-backup').textContent())!;
  expect(shown).toMatch(/(this minute|minute ago|minutes ago) · [\d.]+ kB · made on /);
  expect(shown).toContain(os.hostname());
  expect(await page.getByTestId('backup-warning').count()).toBe(0);
  expect(await captureScreen(page, 'manager-backup-made'), 'axe findings').toEqual([]);
}, 120_000);
