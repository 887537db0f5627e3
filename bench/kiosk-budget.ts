// Issue #5's budgets for the kiosk page: the initial JavaScript it downloads (gzipped), and
// how long a real Chromium takes from navigation to the first show card a guest can tap.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, verifiedSpkiHashes } from '../test/e2e/helpers';
import { TOKEN_KEY } from '../renderer/src/shared/transport/http';

export interface KioskBudget {
  initialJsGzipBytes: number;
  coldMs: number;
  warmMs: number;
}

/** Scripts index.html loads up front (the entry and its modulepreloads), gzipped at level 9. */
export function initialJsGzipBytes(rendererDir: string): number {
  const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  if (scripts.length === 0) throw new Error('index.html loads no scripts: is dist/renderer built?');
  return scripts.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(rendererDir, file)), { level: 9 }).length, 0);
}

export async function measureKioskBudget(baseUrl: string, caCertPem: string, kioskToken: string, rendererDir: string): Promise<KioskBudget> {
  const browser = await launchChromium(await verifiedSpkiHashes(baseUrl, caCertPem));
  try {
    const timings: number[] = [];
    // One profile: the first load is cold (empty cache), the later ones warm, as a kiosk reloads.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(([key, token]) => window.localStorage.setItem(key, token), [TOKEN_KEY, kioskToken] as const);
    for (let run = 0; run < 4; run++) {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/kiosk/`);
      const card = page.locator('button[data-show-id]').first();
      await card.waitFor({ state: 'visible', timeout: 15_000 });
      if (!(await card.isEnabled())) throw new Error('the first show time is not tappable');
      // Milliseconds since this navigation started, by the page's own clock.
      timings.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    const warm = timings.slice(1).sort((a, b) => a - b);
    return { initialJsGzipBytes: initialJsGzipBytes(rendererDir), coldMs: timings[0]!, warmMs: warm[Math.floor(warm.length / 2)]! };
  } finally {
    await browser.close();
  }
}
