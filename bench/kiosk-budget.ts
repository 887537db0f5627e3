// Issue #5's budgets for the kiosk page: the initial JavaScript it downloads (gzipped), and
// how long a real Chromium takes from navigation to the first show card a guest can tap —
// with where that time goes (issue #25): bytes, scripts, the API calls and the card's paint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createToken } from '../main/core/auth/tokens';
import { Database } from '../main/core/db/database';
import { ensureLocalCertificates, localSubjectNames } from '../main/core/tls/certificates';
import { launchChromium, verifiedSpkiHashes } from '../test/e2e/helpers';
import { TOKEN_KEY } from '../renderer/src/shared/transport/http';
import { httpManager, ROOT, seedTheatreProgram, startServe, stopChild } from './http-load';
import { freshDatabase, type BenchServer } from './support';

export interface KioskBudget {
  initialJsGzipBytes: number;
  /** Median of the cold loads: each in a Chromium just started, with an empty cache. */
  coldMs: number;
  warmMs: number;
  cold: KioskLoad[];
}

/** One request the page made, by the page's own clock (ms since navigation started). */
export interface LoadRequest {
  url: string;
  /** script, css, fetch (the API), img, document… */
  kind: string;
  start: number;
  end: number;
  /** Bytes on the wire, headers included. */
  bytes: number;
  /** Opening its connection (TCP + TLS; 0 on one kept alive), then waiting for the first byte. */
  connectMs: number;
  waitMs: number;
  /** The request whose arrival this one waited for (its initiator), by url; null for the page. */
  after: string | null;
}

/** Where one load's time went; every figure is ms since navigation started. */
export interface KioskLoad {
  firstByte: number;
  /** The page's own scripts (index.html's entry and its modulepreloads) downloaded. */
  scriptsLoaded: number;
  /** The first API request sent: the entry module ran. */
  firstApiSent: number;
  /** The show list's answer arrived. */
  showsAnswered: number;
  /** The first show card in the DOM, then after the frame that painted it. */
  cardInDom: number;
  cardPainted: number;
  /** The first frame in which it was visible and enabled, by the page's clock: what a guest can tap. */
  tappable: number;
  /**
   * When Playwright had seen it visible and enabled, then asked the page's clock (the measure
   * before issue #25: it adds the round trips between this process and the browser).
   */
  seenByPlaywright: number;
  /** Main-thread tasks over 50 ms before the card, summed. */
  longTasksMs: number;
  requests: LoadRequest[];
}

/**
 * Cold loads per measurement, in `npm run bench` and `bench:kiosk` alike. Each starts a Chromium,
 * whose own start varies most on a shared machine: the median of three moved from 791 to 1,051 ms
 * between two back-to-back runs of the same build while the warm loads stayed at 664-669 ms.
 */
export const COLD_LOADS = 7;

/** What a trace of the first cold load records (chrome://tracing, or Chrome DevTools' Performance panel). */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'];

/** The selector of a show time a guest can tap on the start screen. */
export const FIRST_CARD = 'button[data-show-id]';

/** The scripts index.html loads up front (the entry and its modulepreloads), as paths in `rendererDir`. */
export function entryScripts(rendererDir: string): string[] {
  const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  if (scripts.length === 0) throw new Error('index.html loads no scripts: is dist/renderer built?');
  return scripts;
}

/** Scripts index.html loads up front, gzipped at level 9. */
export function initialJsGzipBytes(rendererDir: string): number {
  return entryScripts(rendererDir).reduce((sum, file) => sum + gzipSync(readFileSync(path.join(rendererDir, file)), { level: 9 }).length, 0);
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/**
 * `cold` loads, each in a Chromium of its own (nothing cached, no connection open, a new
 * renderer), then 3 warm reloads in the last one's profile, as a kiosk reloads.
 */
export async function measureKioskBudget(baseUrl: string, caCertPem: string, kioskToken: string, rendererDir: string, cold = COLD_LOADS, trace?: string): Promise<KioskBudget> {
  const spki = await verifiedSpkiHashes(baseUrl, caCertPem);
  // The page's own scripts, by name: the app's chunks may be asked for before its first API call too.
  const entry = new Set(entryScripts(rendererDir).map((file) => path.posix.basename(file)));
  const loads: KioskLoad[] = [];
  const warm: number[] = [];
  for (let run = 0; run < cold; run++) {
    const browser = await launchChromium(spki);
    try {
      const context = await pairedContext(browser, kioskToken);
      loads.push(await loadOnce(context, baseUrl, entry, run === 0 ? trace : undefined));
      if (run === cold - 1) for (let w = 0; w < 3; w++) warm.push((await loadOnce(context, baseUrl, entry)).tappable);
    } finally {
      await browser.close();
    }
  }
  return { initialJsGzipBytes: initialJsGzipBytes(rendererDir), coldMs: median(loads.map((l) => l.tappable)), warmMs: median(warm), cold: loads };
}

async function pairedContext(browser: Browser, kioskToken: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(([key, token]) => window.localStorage.setItem(key, token), [TOKEN_KEY, kioskToken] as const);
  await context.addInitScript(WATCH_FIRST_CARD);
  return context;
}

/**
 * Runs in the page before its own scripts: notes when the first card appears, is painted and
 * is tappable, and the long tasks. Plain JavaScript in a string: tsx would wrap named functions
 * in a helper the page does not have.
 */
const WATCH_FIRST_CARD = `(() => {
  const selector = ${JSON.stringify(FIRST_CARD)};
  const probe = { cardInDom: NaN, cardPainted: NaN, tappable: NaN, longTasks: [] };
  window.__kioskProbe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long-task timing in this browser: the sum stays 0 */
  }
  // Visible and enabled as Playwright means it: a box on the page, not hidden, not disabled.
  const tappable = (card) => !card.disabled && card.getClientRects().length > 0 && getComputedStyle(card).visibility !== 'hidden';
  const everyFrame = () => {
    const card = document.querySelector(selector);
    // Once so in a frame: after that frame's paint, with the main thread free to take a tap.
    if (card && tappable(card)) setTimeout(() => (probe.tappable = performance.now()), 0);
    else requestAnimationFrame(everyFrame);
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    probe.cardInDom = performance.now();
    // A rAF runs just before the frame's paint; a task queued from it runs after that paint.
    requestAnimationFrame(() => setTimeout(() => (probe.cardPainted = performance.now()), 0));
    requestAnimationFrame(everyFrame);
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface CdpRequest {
  requestId: string;
  request: { url: string };
  initiator: { type: string; url?: string; stack?: CdpStack };
}
interface CdpStack {
  callFrames: { url: string }[];
  parent?: CdpStack;
}

async function loadOnce(context: BrowserContext, baseUrl: string, entry: Set<string>, tracePath?: string): Promise<KioskLoad> {
  const page = await context.newPage();
  try {
    // Which scripts were on the stack when each request was made: its initiators.
    const cdp = await context.newCDPSession(page);
    const stacks = new Map<string, string[]>();
    cdp.on('Network.requestWillBeSent', (event: CdpRequest) => {
      if (stacks.has(event.request.url)) return;
      const urls: string[] = event.initiator.url ? [event.initiator.url] : [];
      for (let s = event.initiator.stack; s; s = s.parent) urls.push(...s.callFrames.map((f) => f.url).filter(Boolean));
      stacks.set(event.request.url, urls);
    });
    await cdp.send('Network.enable');
    if (tracePath) await context.browser()!.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
    await page.goto(`${baseUrl}/kiosk/`);
    const card = page.locator(FIRST_CARD).first();
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    if (!(await card.isEnabled())) throw new Error('the first show time is not tappable');
    // Milliseconds since this navigation started, by the page's own clock.
    const seenByPlaywright = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => {
      const probe = (window as unknown as { __kioskProbe: { cardPainted: number; tappable: number } }).__kioskProbe;
      return !Number.isNaN(probe.cardPainted) && !Number.isNaN(probe.tappable);
    });
    if (tracePath) await context.browser()!.stopTracing();
    return { ...(await readTimeline(page, stacks, entry)), seenByPlaywright };
  } finally {
    await page.close();
  }
}

async function readTimeline(page: Page, stacks: Map<string, string[]>, entry: Set<string>): Promise<Omit<KioskLoad, 'seenByPlaywright'>> {
  const seen = await page.evaluate(() => {
    const probe = (window as unknown as { __kioskProbe: { cardInDom: number; cardPainted: number; tappable: number; longTasks: { start: number; duration: number }[] } }).__kioskProbe;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      url: r.name,
      kind: r.initiatorType === 'link' && r.name.endsWith('.js') ? 'script' : r.initiatorType === 'link' && r.name.endsWith('.css') ? 'css' : r.initiatorType,
      start: r.startTime,
      end: r.responseEnd,
      bytes: r.transferSize,
      connectMs: r.connectEnd - r.connectStart,
      waitMs: r.responseStart - r.requestStart,
    }));
    const document = { url: nav.name, kind: 'document', start: 0, end: nav.responseEnd, bytes: nav.transferSize, connectMs: nav.connectEnd - nav.connectStart, waitMs: nav.responseStart - nav.requestStart };
    return { probe, document, firstByte: nav.responseStart, resources };
  });
  const { probe } = seen;
  const all = [seen.document, ...seen.resources];
  const endOf = new Map(all.map((r) => [r.url, r.end]));
  // A request waited for the latest-arriving script on its stack (a dynamic import's caller,
  // the chunk whose code sent a fetch), or for the page itself.
  const after = (url: string): string | null => {
    if (url === seen.document.url) return null;
    const callers = (stacks.get(url) ?? []).filter((u) => u !== url && endOf.has(u));
    return callers.reduce<string | null>((best, u) => (best === null || endOf.get(u)! > endOf.get(best)! ? u : best), null) ?? seen.document.url;
  };
  const requests = all.filter((r) => r.start < probe.cardInDom).map((r) => ({ ...r, after: after(r.url) }));
  const scripts = requests.filter((r) => r.kind === 'script' && entry.has(path.posix.basename(new URL(r.url).pathname)));
  const api = requests.filter((r) => r.kind === 'fetch');
  const shows = api.find((r) => new URL(r.url).pathname === '/show/list');
  return {
    firstByte: seen.firstByte,
    scriptsLoaded: Math.max(...scripts.map((r) => r.end)),
    firstApiSent: api[0]?.start ?? NaN,
    showsAnswered: shows?.end ?? NaN,
    cardInDom: probe.cardInDom,
    cardPainted: probe.cardPainted,
    tappable: probe.tappable,
    longTasksMs: probe.longTasks.filter((t) => t.start < probe.cardInDom).reduce((sum, t) => sum + t.duration, 0),
    requests,
  };
}

/** The chain of requests, each waiting for the one before, that ends at the last code, style or API answer to arrive before the card. */
export function criticalChain(load: KioskLoad): LoadRequest[] {
  const byUrl = new Map(load.requests.map((r) => [r.url, r]));
  // What the card can wait for: code, styles and the API (not the tab's icon, not posters).
  const awaited = load.requests.filter((r) => r.kind === 'script' || r.kind === 'css' || r.kind === 'fetch' || r.kind === 'link' || r.kind === 'document');
  let last = awaited.reduce((a, b) => (b.end > a.end ? b : a));
  const chain = [last];
  while (last.after !== null && byUrl.has(last.after)) {
    last = byUrl.get(last.after)!;
    chain.unshift(last);
  }
  return chain;
}

const STEPS: [keyof KioskLoad, string][] = [
  ['firstByte', 'first byte of the page'],
  ['scriptsLoaded', 'entry scripts downloaded'],
  ['firstApiSent', 'first API request sent (entry ran)'],
  ['showsAnswered', 'show list answered'],
  ['cardInDom', 'first card in the DOM'],
  ['cardPainted', 'first card painted'],
  ['tappable', 'first card tappable (visible, enabled)'],
  ['seenByPlaywright', '… seen so by Playwright (before #25)'],
  ['longTasksMs', 'long tasks before the card (sum)'],
];

const ms = (n: number) => (Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const shortName = (url: string) => {
  const u = new URL(url);
  return u.pathname.startsWith('/kiosk/') ? u.pathname.slice('/kiosk/'.length) || 'index.html' : u.pathname;
};

/** The breakdown as text: each step's median over the loads (and each load's), then the median load's requests. */
export function describeLoads(loads: KioskLoad[]): string {
  const lines: string[] = [];
  const width = Math.max(...STEPS.map(([, label]) => label.length));
  lines.push(`${'step (ms since navigation)'.padEnd(width)}  median  loads`);
  for (const [key, label] of STEPS) {
    const values = loads.map((l) => l[key] as number);
    lines.push(`${label.padEnd(width)}  ${ms(median(values)).padStart(6)}  ${values.map(ms).join(' ')}`);
  }
  const typical = [...loads].sort((a, b) => a.tappable - b.tappable)[Math.floor((loads.length - 1) / 2)]!;
  const bytes = typical.requests.reduce((sum, r) => sum + r.bytes, 0);
  lines.push('', `requests before the first card (median load): ${typical.requests.length}, ${(bytes / 1024).toFixed(1)} KB on the wire`);
  lines.push(`${'start'.padStart(6)} ${'conn'.padStart(5)} ${'wait'.padStart(5)} ${'end'.padStart(6)} ${'KB'.padStart(6)}  ${'kind'.padEnd(8)} request  (waited for)`);
  for (const r of [...typical.requests].sort((a, b) => a.start - b.start)) {
    const times = [ms(r.start).padStart(6), ms(r.connectMs).padStart(5), ms(r.waitMs).padStart(5), ms(r.end).padStart(6)].join(' ');
    lines.push(`${times} ${(r.bytes / 1024).toFixed(1).padStart(6)}  ${r.kind.padEnd(8)} ${shortName(r.url)}${r.after ? `  (${shortName(r.after)})` : ''}`);
  }
  lines.push(`critical chain: ${criticalChain(typical).map((r) => `${shortName(r.url)} @${ms(r.end)}`).join(' → ')} → card @${ms(typical.cardInDom)}`);
  return lines.join('\n');
}

/**
 * Phase (e)'s theatre: a `marquee serve` of its own on a fresh database, with the program the
 * kiosk lists (seven films with posters, a show of each every day: 84 shows), measured cold.
 */
export async function measureKioskOnSchedule(server: BenchServer, cold = COLD_LOADS, trace?: string): Promise<KioskBudget & { shows: number }> {
  const kioskDb = await freshDatabase(server, 'marquee_bench_kiosk');
  const dir = path.join(server.workDir, 'serve-kiosk');
  await ensureLocalCertificates(path.join(dir, 'tls'), { names: localSubjectNames('127.0.0.1') });
  const theatre = await startServe(kioskDb.url, dir, {});
  try {
    const db = new Database(kioskDb.target, { poolSize: 2 });
    const kiosk = (await createToken(db, 'kiosk', 'bench kiosk page')).token;
    const manager = (await createToken(db, 'manager', 'bench schedule')).token;
    await db.close();
    const url = `https://localhost:${theatre.port}`;
    const program = await seedTheatreProgram(httpManager(url, theatre.caCertPem, manager));
    return { ...(await measureKioskBudget(url, theatre.caCertPem, kiosk, path.join(ROOT, 'dist', 'renderer'), cold, trace)), shows: program.shows.length };
  } finally {
    await stopChild(theatre.child);
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { documentLoaderURL?: string } };
}

/**
 * The renderer's main thread in a trace, up to the first card (`untilMs` after navigation):
 * where its time went, by the outermost kind of work (compiling, running script, layout…).
 */
export function describeTrace(tracePath: string, untilMs: number): string {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] };
  const start = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('/kiosk/'));
  if (!start) return 'trace: no navigation to /kiosk/ found';
  const main = start;
  const navigation = start.ts;
  const until = navigation + untilMs * 1000;
  const onMain = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= navigation && e.ts < until);
  // Inside each task, the work directly under it: nested events are counted in their parent.
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const sums = new Map<string, number>();
  let busy = 0;
  for (const task of tasks) {
    busy += task.dur!;
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let coveredUntil = 0;
    for (const e of inside) {
      if (e.ts < coveredUntil) continue;
      coveredUntil = e.ts + e.dur!;
      sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur!);
    }
  }
  const rows = [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return [
    `main thread until the first card (${tracePath}): busy ${Math.round(busy / 1000)} ms in ${tasks.length} tasks; by outermost work:`,
    ...rows.map(([name, us]) => `  ${String(Math.round(us / 1000)).padStart(5)} ms  ${name}`),
  ].join('\n');
}
