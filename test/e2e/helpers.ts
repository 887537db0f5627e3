// Plumbing for the kiosk's browser tests: trusting the server's certificate the honest way,
// calling the REST API directly (to set up shows and check results), screenshots + axe, and
// the README's pictures.
import AxeBuilder from '@axe-core/playwright';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, type PageScreenshotOptions } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');

/**
 * The README's pictures, taken by the e2e tests. Every run's differ (times, codes, pixels), so
 * the tracked copies in docs/ are rewritten only when asked (`MARQUEE_UPDATE_DOCS=1`) and a plain
 * `npm test` leaves the tree as it found it; each run still keeps its own in test-results/docs/.
 */
export const DOCS_DIR = path.join(ROOT, 'docs');
export const updateDocs = process.env.MARQUEE_UPDATE_DOCS === '1';
const DOCS_RUN_DIR = path.join(ROOT, 'test-results/docs');

/** Keeps `bytes` as docs/<name>: in test-results/docs/, and in docs/ when updating them. */
export async function keepDocsFile(name: string, bytes: Buffer): Promise<void> {
  for (const dir of updateDocs ? [DOCS_RUN_DIR, DOCS_DIR] : [DOCS_RUN_DIR]) {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, name), bytes);
  }
}

/** A picture of `page` for the README, docs/<name> (kept as keepDocsFile does). */
export async function docsPicture(page: Page, name: string, options: Omit<PageScreenshotOptions, 'path'> = {}): Promise<void> {
  await keepDocsFile(name, await page.screenshot(options));
}

export const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  /** A small tablet used as a kiosk: the smallest screen the kiosk is laid out for. */
  tablet: { width: 768, height: 1024 },
} as const;
export type Orientation = keyof typeof VIEWPORTS;

const spkiHash = (der: Buffer) =>
  createHash('sha256').update(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');

/**
 * SPKI hashes of the chain the server presents, read over a TLS connection that Node verifies
 * against the server's CA. Chromium is then told to accept exactly those keys: the browser
 * trusts this one server, not every certificate (which ignoreHTTPSErrors would do).
 */
export async function verifiedSpkiHashes(baseUrl: string, caCertPem: string): Promise<string[]> {
  const url = new URL(baseUrl);
  const hashes = new Set<string>([spkiHash(new X509Certificate(caCertPem).raw)]);
  await new Promise<void>((resolve, reject) => {
    const socket = tls.connect(
      { host: url.hostname, port: Number(url.port || 443), ca: caCertPem, servername: net.isIP(url.hostname) ? undefined : url.hostname },
      () => {
        let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
        const seen = new Set<string>();
        while (cert?.raw && !seen.has(cert.fingerprint256)) {
          seen.add(cert.fingerprint256);
          hashes.add(spkiHash(cert.raw));
          cert = cert.issuerCertificate;
        }
        socket.end();
        resolve();
      },
    );
    socket.on('error', reject);
  });
  return [...hashes];
}

/** `extraArgs` e.g. a fake camera for the door's scanner (--use-file-for-fake-video-capture). */
export async function launchChromium(spkiHashes: string[], extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      `--ignore-certificate-errors-spki-list=${spkiHashes.join(',')}`,
      ...extraArgs,
    ],
  });
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A REST call with the server's CA trusted (Node verifies the certificate). */
export function createApi(baseUrl: string, caCertPem: string) {
  return function api<T = unknown>(route: string, token: string, body: unknown): Promise<ApiAnswer<T>> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = https.request(
        new URL(route, baseUrl),
        {
          method: 'POST',
          ca: caCertPem,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            try {
              resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  };
}

export interface AxeProblem {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules: what the box office promises (issue 26). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe's findings on the page as it is, at every impact (a "minor" one is still a failed criterion). */
export async function axeFindings(page: Page): Promise<AxeProblem[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Waits until the page shows its settled screen: fonts loaded, images decoded (the QR code, a
 * poster) and every finite transition or animation ended. Endless ones (a spinner's turn, a
 * pulse) are left running; waiting for them would never end. No fixed pause: a still screen
 * passes at once.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // Two frames: what React just rendered has its styles, and its transitions have begun.
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    await document.fonts.ready;
    // A lazy image out of view never loads: waiting for it would never end.
    await Promise.all([...document.images].filter((img) => img.loading !== 'lazy').map((img) => img.decode().catch(() => undefined)));
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/** Saves a screenshot a person can look at, then returns axe's findings (see axeFindings). */
export async function captureScreen(page: Page, name: string): Promise<AxeProblem[]> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Entry transitions and the QR image done, so the picture (and axe's colours) are the real screen.
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  return axeFindings(page);
}

/**
 * The pages of a PDF Chromium printed, in millimetres, from each page's MediaBox (Chromium's
 * PDFs keep page objects uncompressed, so the boxes are plain text).
 */
export function pdfPagesMm(pdf: Buffer): Array<{ widthMm: number; heightMm: number }> {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page\b/g) ?? [];
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/g)];
  if (boxes.length !== pages.length) throw new Error(`PDF has ${pages.length} pages but ${boxes.length} MediaBoxes`);
  const mm = (points: number) => (points * 25.4) / 72;
  return boxes.map(([, x0, y0, x1, y1]) => ({ widthMm: mm(Number(x1) - Number(x0)), heightMm: mm(Number(y1) - Number(y0)) }));
}

/**
 * Collects what a page reports that a test must not ignore: page errors, and console errors
 * other than the answers this test provokes on purpose (HTTP statuses in `expectedStatuses`)
 * and the CSP meta tag's note that frame-ancestors only works as a header (it is sent as one).
 */
export function watchForProblems(page: Page, problems: string[], expectedStatuses: readonly number[], label = ''): void {
  const prefix = label ? `${label} ` : '';
  const ignored = [
    new RegExp(`^Failed to load resource: the server responded with a status of (${expectedStatuses.join('|')})\\b`),
    /directive 'frame-ancestors' is ignored when delivered via a <meta> element/,
  ];
  page.on('console', (message) => {
    if (message.type() === 'error' && !ignored.some((pattern) => pattern.test(message.text()))) problems.push(`${prefix}console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${prefix}page error: ${error.message}`));
}

/**
 * The manager's browser: a Chromium that trusts `server` (see verifiedSpkiHashes), a context of
 * `contextOptions` granted `permissions` on the server's origin, and its page, watched for
 * problems (see watchForProblems).
 */
export async function openManagerBrowser(
  server: { baseUrl: string; caCertPem: string },
  contextOptions: BrowserContextOptions,
  watch: { problems: string[]; expectedStatuses: readonly number[]; permissions?: string[] },
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium(await verifiedSpkiHashes(server.baseUrl, server.caCertPem));
  const context = await browser.newContext(contextOptions);
  if (watch.permissions) await context.grantPermissions(watch.permissions, { origin: server.baseUrl });
  const page = await context.newPage();
  watchForProblems(page, watch.problems, watch.expectedStatuses);
  return { browser, context, page };
}

/** Pairs the manager page already showing its pairing form with `managerToken`, then waits for the schedule. */
export async function pairManager(page: Page, managerToken: string, timeout = 15_000): Promise<void> {
  await page.getByRole('textbox', { name: 'Manager token' }).fill(managerToken);
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor({ timeout });
}

/** Opens /manager/ on `baseUrl` and pairs it with `managerToken` (see pairManager). */
export async function openPairedManager(page: Page, baseUrl: string, managerToken: string, timeout = 15_000): Promise<void> {
  await page.goto(`${baseUrl}/manager/`);
  await pairManager(page, managerToken, timeout);
}

/** Whatever dialog is open (the shared Dialog is role dialog or alertdialog). */
export const openDialog = (page: Page) => page.locator('[role="dialog"], [role="alertdialog"]');

/**
 * A dialog's keyboard contract, in the browser: opened by Enter on `opener`, focus is inside;
 * Tab and Shift+Tab, pressed more times than it has controls, never leave it; the page behind is
 * inert; Escape closes it and focus is back on `returnTo` (the opener unless said otherwise).
 * Returns the names the focus visited, for the caller to check what it expects to be reachable.
 */
export async function expectDialogKeyboard(page: Page, opener: Locator, options: { presses?: number; returnTo?: Locator; open?: () => Promise<void> } = {}): Promise<string[]> {
  const { presses = 14, returnTo = opener } = options;
  if (options.open) await options.open();
  else {
    await opener.focus();
    await page.keyboard.press('Enter');
  }
  const dialog = openDialog(page);
  await dialog.waitFor();
  const focusInside = () => dialog.evaluate((box) => box.contains(document.activeElement));
  await expect.poll(focusInside, { message: 'focus moves into the dialog' }).toBe(true);
  const visited = new Set<string>();
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press(key);
      expect(await focusInside(), `${key} ×${i + 1} stays in the dialog`).toBe(true);
      visited.add(await page.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim()));
    }
  }
  expect(await returnTo.evaluate((el) => el.closest('[inert]') !== null), 'the page behind the dialog is inert').toBe(true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => returnTo.evaluate((el) => el === document.activeElement), { message: 'focus returns to the opener' }).toBe(true);
  expect(await page.locator('[inert]').count(), 'nothing stays inert').toBe(0);
  return [...visited];
}

/**
 * The kiosk's quantity step (screen `party`) opens at one seat of the first type on sale: a guest
 * alone just taps Next. `next` is the button's label in the kiosk's language.
 */
export async function keepOneSeat(page: Page, next = 'Next', timeout = 15_000): Promise<void> {
  await page.locator('[data-screen="party"]').waitFor({ timeout });
  await page.getByTestId('party-total').waitFor({ timeout });
  await page.getByRole('button', { name: next, exact: true }).click();
}

/** What a browser test file opened and must close, in this order (see closeE2e). */
export interface OpenedForE2e {
  /** Closing a browser closes its contexts and pages too. */
  browsers?: Array<Browser | null | undefined>;
  /** startServe's handles (serve, its database proxy and its database) or bare spawnServe processes. */
  servers?: Array<{ close(): Promise<void> } | { stop(): Promise<unknown> } | null | undefined>;
  /** Temporary directories the file made. */
  dirs?: Array<string | null | undefined>;
}

/**
 * The end of every browser test file (its afterAll): browsers first, so no page is left calling
 * a server that is going away, then the servers and their databases, then temporary directories.
 * Every step runs even when one before it failed, so a browser that will not close never leaves
 * a serve or a database behind; a failed step fails the file afterwards. Last, what the pages
 * reported (watchForProblems) must be nothing.
 */
export async function closeE2e(opened: OpenedForE2e, problems: readonly string[] = []): Promise<void> {
  const failures: unknown[] = [];
  const step = async (close: () => Promise<unknown>) => {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  };
  for (const browser of opened.browsers ?? []) if (browser) await step(() => browser.close());
  for (const server of opened.servers ?? []) if (server) await step(() => ('close' in server ? server.close() : server.stop()));
  for (const dir of opened.dirs ?? []) if (dir) await step(() => rm(dir, { recursive: true, force: true }));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'closing the browser test file failed');
  expect(problems).toEqual([]);
}
