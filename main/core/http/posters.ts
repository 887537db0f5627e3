// GET /film/:filmId/poster: a film's poster, without a token. A poster is the theatre's public
// program (what is on a billboard outside), no personal data, and an <img> on a kiosk,
// a signage screen or a web page cannot send a bearer token. Served with an ETag (the image's
// SHA-256), so a device asks again cheaply (304); the URL in /film/list carries the ETag's
// start (?v=…), and a request with the current one may be kept for a year: a new poster gets a
// new URL.
import type { FastifyInstance } from 'fastify';
import { MarqueeError } from '../../common/errors';
import type { Core } from '../core';
import { readPoster } from '../operations/films';

/** Fastify's pattern; OpenAPI writes it /film/{filmId}/poster (openapi.ts). */
export const POSTER_PATH = '/film/:filmId/poster';

const A_YEAR_SECONDS = 365 * 24 * 3600;

export function registerPosterRoute(app: FastifyInstance, core: Core): void {
  app.get<{ Params: { filmId: string }; Querystring: { v?: string } }>(POSTER_PATH, async (request, reply) => {
    const filmId = /^\d{1,15}$/.test(request.params.filmId) ? Number(request.params.filmId) : 0;
    const poster = filmId > 0 ? await readPoster(core, filmId) : null;
    if (!poster) throw new MarqueeError('FILM_NOT_FOUND', 'This film has no poster.');
    const etag = `"${poster.etag}"`;
    const versioned = typeof request.query.v === 'string' && request.query.v.length >= 16 && poster.etag.startsWith(request.query.v);
    reply
      .header('etag', etag)
      .header('cache-control', versioned ? `public, max-age=${A_YEAR_SECONDS}, immutable` : 'public, no-cache')
      .header('content-type', poster.type);
    const asked = request.headers['if-none-match'];
    if (asked !== undefined && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return reply.code(304).send();
    }
    return reply.code(200).send(poster.bytes);
  });
}
