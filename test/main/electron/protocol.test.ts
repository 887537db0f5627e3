import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler, mimeTypeFor, registerAppScheme, resolveAppFile, setupAppProtocol } from '../../../main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security';
import { runOperation } from '../../../main/core/operations';
import { readPoster } from '../../../main/core/operations/films';
import { createTestDatabase, type TestDatabase } from '../../support/db';

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'marquee-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Marquee</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(base, 'secret.txt'), 'the database password');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'a sibling folder sharing the prefix');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppRequestHandler(root)(new Request(url, { method }));

describe('resolveAppFile', () => {
  it('maps app://marquee paths, and the /kiosk/, /manager/ and /door/ mounts, into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://marquee/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://marquee/kiosk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://marquee/manager/#/tickets')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://marquee/manager/assets/app.js?v=2')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://marquee/door/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://marquee/door/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://marquee/assets/app%20copy.js')).toBe(path.join(root, 'assets', 'app copy.js'));
  });

  it.each([
    'app://marquee/..%2fsecret.txt',
    'app://marquee/assets/..%2f..%2fsecret.txt',
    'app://marquee/kiosk/..%2f..%2fsecret.txt',
    'app://marquee/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://marquee/..%2frenderer-evil.txt',
    'app://marquee/..%5csecret.txt',
    'app://marquee/index.html%00.png',
    'app://marquee/%E0%A4%A',
    'app://evil/index.html',
    'app://marquee:8080/index.html',
    'https://marquee/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    ['app://marquee/../secret.txt', 'secret.txt'],
    ['app://marquee/%2e%2e/secret.txt', 'secret.txt'],
    ['app://marquee/kiosk/../../secret.txt', 'secret.txt'],
    ['app://marquee/%2fetc%2fpasswd', 'etc/passwd'],
    ['app://marquee//etc/passwd', 'etc/passwd'],
  ])('keeps %s inside the renderer folder', (url, inside) => {
    expect(resolveAppFile(root, url)).toBe(path.join(root, inside));
  });
});

describe('createAppRequestHandler', () => {
  it('serves files with their MIME type and the CSP', async () => {
    const response = await get('app://marquee/kiosk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Marquee</title>');
    expect((await get('app://marquee/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://marquee/manager/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers traversal attempts with 404 and never the file', async () => {
    for (const url of ['app://marquee/..%2fsecret.txt', 'app://marquee/kiosk/..%2f..%2fsecret.txt', 'app://marquee/%2e%2e/secret.txt']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('password');
    }
  });

  it('puts the CSP on error responses too', async () => {
    for (const response of [await get('app://marquee/missing.js'), await get('app://evil/'), await get('app://marquee/assets')]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    const post = await get('app://marquee/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://marquee/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers an unreadable file with 500, not a crash', async () => {
    const broken = createAppRequestHandler(root, async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    const response = await broken(new Request('app://marquee/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('EACCES');
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer build output and falls back to a download-safe type', () => {
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.WOFF2')).toBe('font/woff2');
    expect(mimeTypeFor('a.png')).toBe('image/png');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('scheme registration', () => {
  it('registers app: as a standard, secure scheme and handles it', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol as never);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    setupAppProtocol(protocol as never, root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe("films' posters in the window", () => {
  // The window's kiosk gets the same relative posterUrl from /film/list as a browser does; the
  // app:// handler answers it from the database, through the core's reader.
  let t: TestDatabase;
  const manager = { role: 'manager' as const, label: 'protocol-test' };
  beforeAll(async () => {
    t = await createTestDatabase();
  }, 60_000);
  afterAll(async () => t?.drop());

  it('serves /film/<id>/poster (also under a mount) from the database, 404 for a film without one, 503 when the database fails', async () => {
    const film = await runOperation(t.ctx, 'createFilm', { title: 'Casablanca', runtimeMinutes: 102 }, manager);
    const bare = await runOperation(t.ctx, 'createFilm', { title: 'No poster', runtimeMinutes: 90 }, manager);
    const withPoster = await runOperation(t.ctx, 'setFilmPoster', { filmId: film.filmId, image: ONE_PIXEL_PNG }, manager);
    const handler = createAppRequestHandler(root, undefined, (filmId) => readPoster(t.ctx, filmId));

    for (const url of [`app://marquee${withPoster.posterUrl}`, `app://marquee/kiosk/film/${film.filmId}/poster`]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(ONE_PIXEL_PNG, 'base64'))).toBe(true);
    }
    expect((await handler(new Request(`app://marquee/film/${bare.filmId}/poster`))).status).toBe(404);
    expect((await handler(new Request('app://evil/film/1/poster'))).status).toBe(404);
    const down = createAppRequestHandler(root, undefined, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const refused = await down(new Request(`app://marquee/film/${film.filmId}/poster`));
    expect(refused.status).toBe(503);
    expect(await refused.text()).not.toContain('ECONNREFUSED');
  });
});
