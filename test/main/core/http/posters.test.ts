// Film posters over HTTPS: uploaded as base64 JSON on a route that reads up to 3 MiB (the
// others keep 16 KiB), checked by their first bytes, served without a token with an ETag and
// caching headers.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { POSTER_MAX_BYTES } from '../../../../main/common/schemas';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await startHarness();
  manager = await h.token('manager');
});
afterAll(async () => {
  await h?.close();
});

/** A PNG of `size` bytes: the signature, then filler (the server checks the signature only). */
function png(size: number): Buffer {
  const bytes = Buffer.alloc(size, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}
const webp = (size: number) => {
  const bytes = Buffer.alloc(size, 1);
  bytes.write('RIFF', 0, 'latin1');
  bytes.write('WEBP', 8, 'latin1');
  return bytes;
};

async function film(): Promise<number> {
  const made = await h.client.request('POST', '/film/create', { title: 'Nosferatu', runtimeMinutes: 94, rating: '12' }, manager);
  expect(made.status).toBe(201);
  return made.json.filmId as number;
}

test('a poster larger than 16 KiB is stored; it is served without a token, with its type, an ETag and caching headers', async () => {
  const filmId = await film();
  const image = png(300 * 1024);
  const set = await h.client.request('POST', '/film/poster', { filmId, image: image.toString('base64') }, manager);
  expect(set.status).toBe(200);
  const etag = createHash('sha256').update(image).digest('hex');
  expect(set.json.posterUrl).toBe(`/film/${filmId}/poster?v=${etag.slice(0, 16)}`);
  const listed = await h.client.request('POST', '/film/list', {}, await h.token('kiosk'));
  expect(listed.json.films.find((f: { filmId: number }) => f.filmId === filmId).posterUrl).toBe(set.json.posterUrl);

  const served = await h.client.request('GET', set.json.posterUrl as string);
  expect(served.status).toBe(200);
  expect(served.headers['content-type']).toBe('image/png');
  expect(Number(served.headers['content-length'])).toBe(image.length);
  expect(served.headers.etag).toBe(`"${etag}"`);
  // The versioned URL changes with the image: it may be kept for long.
  expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const unversioned = await h.client.request('GET', `/film/${filmId}/poster`);
  expect(unversioned.headers['cache-control']).toBe('public, no-cache');
  const again = await h.client.request('GET', `/film/${filmId}/poster`, undefined, undefined, { 'if-none-match': `"${etag}"` });
  expect(again.status).toBe(304);
  expect(again.text).toBe('');

  // A new poster (WebP) gets a new ETag and URL; null removes it.
  const replaced = await h.client.request('POST', '/film/poster', { filmId, image: webp(2048).toString('base64') }, manager);
  expect(replaced.json.posterUrl).not.toBe(set.json.posterUrl);
  expect((await h.client.request('GET', replaced.json.posterUrl as string)).headers['content-type']).toBe('image/webp');
  const stale = await h.client.request('GET', `/film/${filmId}/poster`, undefined, undefined, { 'if-none-match': `"${etag}"` });
  expect(stale.status).toBe(200);
  const removed = await h.client.request('POST', '/film/poster', { filmId, image: null }, manager);
  expect(removed.json.posterUrl).toBeNull();
  expect((await h.client.request('GET', `/film/${filmId}/poster`)).json.error.code).toBe('FILM_NOT_FOUND');
});

test('an image is told by its bytes, not its name: a GIF or text is refused; over 2 MB is 413; only a manager sets one', async () => {
  const filmId = await film();
  const gif = Buffer.from('GIF89a, but called poster.png');
  const refused = await h.client.request('POST', '/film/poster', { filmId, image: gif.toString('base64') }, manager);
  expect(refused.status).toBe(400);
  expect(refused.json.error).toMatchObject({ code: 'INVALID_INPUT', field: 'image' });
  expect((await h.client.request('POST', '/film/poster', { filmId, image: 'not base64!' }, manager)).json.error).toMatchObject({ field: 'image' });

  const tooBig = await h.client.request('POST', '/film/poster', { filmId, image: png(POSTER_MAX_BYTES + 1).toString('base64') }, manager);
  expect(tooBig.status).toBe(413);
  expect(tooBig.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  const justRight = await h.client.request('POST', '/film/poster', { filmId, image: png(POSTER_MAX_BYTES).toString('base64') }, manager);
  expect(justRight.status).toBe(200);

  const kiosk = await h.client.request('POST', '/film/poster', { filmId, image: png(100).toString('base64') }, await h.token('kiosk'));
  expect(kiosk.status).toBe(403);
  // The other routes keep their 16 KiB limit.
  const big = await h.client.request('POST', '/film/update', { filmId, description: 'x'.repeat(20 * 1024) }, manager);
  expect(big.status).toBe(413);
  expect((await h.client.request('GET', '/film/abc/poster')).status).toBe(404);
});
