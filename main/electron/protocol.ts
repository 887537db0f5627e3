// Serves the built renderer (dist/renderer) as app://marquee/…: only files inside that
// folder, with their real MIME types and the CSP on every response; and films' posters at the
// path the LAN listener serves them (/film/<id>/poster), read from the database through the
// core, since /film/list gives the same relative posterUrl to the window and to a browser.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS } from './security';

/**
 * Must run before 'ready'. standard: relative URLs and a real origin; secure: treated like
 * https (so 'self' and secure-context APIs work); supportFetchAPI: the page may fetch its
 * own assets.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The LAN listener serves the same UI under these prefixes; the window uses them too. */
const MOUNT_POINTS = ['/kiosk', '/manager', '/door'] as const;

function withoutMountPoint(pathname: string): string {
  for (const mount of MOUNT_POINTS) {
    if (pathname === mount) return '/';
    if (pathname.startsWith(`${mount}/`)) return pathname.slice(mount.length);
  }
  return pathname;
}

/**
 * The decoded path of an app://marquee request with its mount point taken off, or null for
 * another scheme or host, a malformed escape, a NUL or a backslash.
 */
function appPathname(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  return withoutMountPoint(pathname);
}

/**
 * The file under `rootDir` that `requestUrl` names, or null when it names none: another
 * host, a malformed escape, a NUL or backslash, or a path that climbs out of `rootDir`
 * (`..`, `%2e%2e`, `..%2f`).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let pathname = appPathname(requestUrl);
  if (pathname === null) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, file);
  const outside = relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? null : file;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

const MISSING_FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

export type ReadFile = (file: string) => Promise<Uint8Array<ArrayBuffer>>;

/** A film's poster as the database holds it (core/operations/films.ts readPoster); null: none. */
export type ReadPoster = (filmId: number) => Promise<{ bytes: Buffer; type: string } | null>;

const POSTER_PATH = /^\/film\/(\d{1,15})\/poster$/;

/** The film a request for app://marquee/…/film/<id>/poster names, or null for any other request. */
export function posterFilmId(requestUrl: string): number | null {
  const match = POSTER_PATH.exec(appPathname(requestUrl) ?? '');
  return match ? Number(match[1]) : null;
}

async function posterResponse(request: Request, filmId: number, readPoster: ReadPoster): Promise<Response> {
  let poster: Awaited<ReturnType<ReadPoster>>;
  try {
    poster = await readPoster(filmId);
  } catch {
    return textResponse(503, 'The box office database is not reachable right now');
  }
  if (poster === null) return textResponse(404, 'Not found');
  const body = new Uint8Array(poster.bytes.byteLength);
  body.set(poster.bytes);
  const headers = { ...SECURITY_HEADERS, 'Content-Type': poster.type, 'Content-Length': String(body.byteLength), 'Cache-Control': 'no-cache' };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

// fs types its buffers as possibly shared memory, which Response refuses; a file read never is.
const readFromDisk: ReadFile = (file) => readFile(file) as Promise<Uint8Array<ArrayBuffer>>;

export function createAppRequestHandler(
  rootDir: string, read: ReadFile = readFromDisk, readPoster?: ReadPoster,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const filmId = readPoster ? posterFilmId(request.url) : null;
    if (filmId !== null && readPoster) return posterResponse(request, filmId, readPoster);
    const file = resolveAppFile(rootDir, request.url);
    if (file === null) return textResponse(404, 'Not found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code !== undefined && MISSING_FILE_CODES.has(code) ? textResponse(404, 'Not found') : textResponse(500, 'Cannot read file');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(file), 'Content-Length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** After 'ready': answers app:// requests of the default session (our window uses it). */
export function setupAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, readPoster?: ReadPoster): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, readFromDisk, readPoster));
}
