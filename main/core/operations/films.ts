// Films: title, runtime, rating, description and a poster. A show with a film holds its screen
// for the runtime plus the turnaround (sql/routines/marquee_show_ends_at.sql), so a changed
// runtime is checked against every show still to come.
import { posterTypeOf } from '../../common/poster-format';
import { createHash } from 'node:crypto';
import { MarqueeError } from '../../common/errors';
import type { OperationOutput, ParsedInput } from '../../common/operations';
import { POSTER_MAX_BYTES } from '../../common/schemas';
import type { Row } from '../db/database';
import type { OperationContext } from './context';
import { inTransaction } from './transaction';

const FILM_COLUMNS = 'film_id, title, runtime_minutes, rating, description, poster_etag';

/** Where a film's poster is served (http/posters.ts); the version changes with the image, so it may be cached for long. */
export function posterPath(filmId: number, etag: string): string {
  return `/film/${filmId}/poster?v=${etag.slice(0, 16)}`;
}

function filmFromRow(row: Row): OperationOutput<'createFilm'> {
  const filmId = Number(row.film_id);
  return {
    filmId,
    title: String(row.title),
    runtimeMinutes: Number(row.runtime_minutes),
    rating: row.rating === null ? null : String(row.rating),
    description: row.description === null ? null : String(row.description),
    posterUrl: row.poster_etag === null ? null : posterPath(filmId, String(row.poster_etag)),
  };
}

async function readFilm(ctx: OperationContext, filmId: number): Promise<OperationOutput<'createFilm'>> {
  const [row] = await ctx.db.rows(`SELECT ${FILM_COLUMNS} FROM film WHERE film_id = ?`, [filmId]);
  if (!row) throw new MarqueeError('FILM_NOT_FOUND');
  return filmFromRow(row);
}

export async function createFilm(ctx: OperationContext, input: ParsedInput<'createFilm'>): Promise<OperationOutput<'createFilm'>> {
  const result = await ctx.db.exec(
    `INSERT INTO film (title, runtime_minutes, rating, description, created_at, updated_at)
     VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [input.title, input.runtimeMinutes, input.rating ?? null, input.description ?? null],
  );
  return readFilm(ctx, Number(result.insertId));
}

export async function listFilms(ctx: OperationContext): Promise<OperationOutput<'listFilms'>> {
  const rows = await ctx.db.rows(`SELECT ${FILM_COLUMNS} FROM film ORDER BY title, film_id`);
  return { films: rows.map(filmFromRow) };
}

/**
 * Title, runtime, rating or description. A new runtime moves the end of every show of the film
 * still to come: writing their ends_at makes the show trigger compute it again and claim the
 * screen again, so a longer film that would run into the next show is refused (SCREEN_BUSY,
 * naming that show) and nothing changes. Shows already over keep the length they had.
 */
export async function updateFilm(ctx: OperationContext, input: ParsedInput<'updateFilm'>): Promise<OperationOutput<'updateFilm'>> {
  const sets: string[] = [];
  const params: Array<string | number | null> = [];
  for (const [column, value] of [
    ['title', input.title], ['runtime_minutes', input.runtimeMinutes], ['rating', input.rating], ['description', input.description],
  ] as const) {
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(value);
  }
  await inTransaction(ctx, async (conn) => {
    const [[film]] = await conn.query<Row[]>('SELECT runtime_minutes FROM film WHERE film_id = ? FOR UPDATE', [input.filmId]);
    if (!film) throw new MarqueeError('FILM_NOT_FOUND');
    await conn.query(`UPDATE film SET ${sets.join(', ')}, updated_at = UTC_TIMESTAMP(3) WHERE film_id = ?`, [...params, input.filmId]);
    if (input.runtimeMinutes !== undefined && input.runtimeMinutes !== Number(film.runtime_minutes)) {
      await conn.query(
        'UPDATE show_record SET ends_at = starts_at WHERE film_id = ? AND cancelled_at IS NULL AND ends_at > UTC_TIMESTAMP()',
        [input.filmId],
      );
    }
  });
  return readFilm(ctx, input.filmId);
}

const MB = 1024 * 1024;

/** Sets (or with null removes) a film's poster: JPEG, PNG or WebP, POSTER_MAX_BYTES at most. */
export async function setFilmPoster(ctx: OperationContext, input: ParsedInput<'setFilmPoster'>): Promise<OperationOutput<'setFilmPoster'>> {
  let poster: { bytes: Buffer; type: string; etag: string } | null = null;
  if (input.image !== null) {
    const bytes = Buffer.from(input.image, 'base64');
    if (bytes.length > POSTER_MAX_BYTES) {
      throw new MarqueeError('PAYLOAD_TOO_LARGE', `A poster may be ${POSTER_MAX_BYTES / MB} MB at most; this one is ${(bytes.length / MB).toFixed(1)} MB.`);
    }
    const type = posterTypeOf(bytes);
    if (type === null) throw new MarqueeError('INVALID_INPUT', 'image: must be a JPEG, PNG or WebP image', 'image');
    poster = { bytes, type, etag: createHash('sha256').update(bytes).digest('hex') };
  }
  const result = await ctx.db.exec(
    'UPDATE film SET poster = ?, poster_type = ?, poster_etag = ?, poster_updated_at = IF(? IS NULL, NULL, UTC_TIMESTAMP(3)), updated_at = UTC_TIMESTAMP(3) WHERE film_id = ?',
    [poster?.bytes ?? null, poster?.type ?? null, poster?.etag ?? null, poster?.etag ?? null, input.filmId],
  );
  if (result.affectedRows === 0) throw new MarqueeError('FILM_NOT_FOUND');
  return readFilm(ctx, input.filmId);
}

/** A film's poster as served: the bytes, their media type and the ETag; null when there is none. */
export async function readPoster(ctx: Pick<OperationContext, 'db'>, filmId: number): Promise<{ bytes: Buffer; type: string; etag: string } | null> {
  const [row] = await ctx.db.rows('SELECT poster, poster_type, poster_etag FROM film WHERE film_id = ? AND poster IS NOT NULL', [filmId]);
  if (!row) return null;
  return { bytes: row.poster as Buffer, type: String(row.poster_type), etag: String(row.poster_etag) };
}
