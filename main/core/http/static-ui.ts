// The web UIs for browsers on the LAN: the renderer build (dist/renderer, made with
// base './') at /kiosk/, /manager/ and /door/ — the same files; the page picks its mode from the path.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const UI_PREFIXES = ['/kiosk/', '/manager/', '/door/'] as const;

const NOT_BUILT = 'The Marquee web UI has not been built on this machine. Run `npm run build`, then reload this page.\n';

/** dist/renderer beside the bundled core (dist/main), or from the source tree in development. */
export function findUiDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../../dist/renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

export async function registerStaticUi(app: FastifyInstance, uiDir: string | null): Promise<void> {
  for (const [i, prefix] of UI_PREFIXES.entries()) {
    if (uiDir) {
      await app.register(fastifyStatic, {
        root: uiDir,
        prefix,
        // The reply decorators may be added once per instance.
        decorateReply: i === 0,
        index: 'index.html',
      });
      // Relative asset URLs (base './') resolve only under the trailing slash.
      app.get(prefix.slice(0, -1), async (_request, reply) => reply.redirect(prefix, 301));
    } else {
      const notBuilt = async (_request: unknown, reply: FastifyReply) =>
        reply.code(503).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
      app.get(prefix.slice(0, -1), notBuilt);
      app.get(`${prefix}*`, notBuilt);
    }
  }
  app.get('/', async (_request, reply) => reply.redirect('/kiosk/'));
  // Browsers ask for /favicon.ico whatever the page says; every app shares the one icon.
  if (uiDir) app.get('/favicon.ico', async (_request, reply) => reply.redirect('/kiosk/favicon.svg', 301));
}
