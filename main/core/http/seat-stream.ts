// GET /show/seats/stream: seat availability as server-sent events for kiosks and signage.
// A new subscriber first gets every upcoming show's state, then each change as it happens;
// a comment line every 15 s keeps proxies and idle-timeouts from closing the stream.
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { MarqueeError } from '../../common/errors';
import { SEAT_HORIZON_DAYS, seatUpdateOf, type SeatUpdate } from '../../common/schemas';
import { onTokenRevoked, verifyToken } from '../auth/tokens';
import type { Core } from '../core';
import { actorOf, bearerToken, type Authenticator } from './auth';

export const SEAT_STREAM_PATH = '/show/seats/stream';

function event(update: SeatUpdate): string {
  return `event: seats\ndata: ${JSON.stringify(update)}\n\n`;
}

export interface SeatStreamOptions {
  heartbeatMs: number;
  /** Streams one token may hold open at once; one more is refused with 429. */
  maxPerToken: number;
}

export function registerSeatStream(app: FastifyInstance, core: Core, auth: Authenticator, options: SeatStreamOptions): void {
  const { heartbeatMs, maxPerToken } = options;
  const open = new Set<() => void>();
  // Per token, so one device (or a leaked token) cannot hold every socket the server has.
  const perToken = new Map<number, number>();
  const release = (tokenId: number) => {
    const left = (perToken.get(tokenId) ?? 1) - 1;
    if (left > 0) perToken.set(tokenId, left);
    else perToken.delete(tokenId);
  };

  app.get(SEAT_STREAM_PATH, async (request, reply) => {
    const identity = await auth.authenticate(request);
    const actor = actorOf(identity);
    const holding = perToken.get(identity.id) ?? 0;
    if (holding >= maxPerToken) {
      throw new MarqueeError(
        'RATE_LIMITED',
        `This device already has ${holding} seat streams open, its limit. Close one (one stream carries every show) before opening another.`,
      );
    }
    // Counted from here, so two streams opening at the same moment cannot both slip past.
    perToken.set(identity.id, holding + 1);
    let released = false;
    const releaseOnce = () => {
      if (!released) release(identity.id);
      released = true;
    };
    // Changes that arrive while the snapshot is read are held back and sent after it.
    let held: SeatUpdate[] | null = [];
    const unsubscribe = core.onSeats((update) => {
      if (held) held.push(update);
      else reply.raw.write(event(update));
    });
    let snapshot: SeatUpdate[];
    try {
      snapshot = (await core.run('listShows', { days: SEAT_HORIZON_DAYS }, actor)).map(seatUpdateOf);
    } catch (err) {
      unsubscribe();
      releaseOnce();
      throw err;
    }

    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    reply.raw.write(': seat availability; one "seats" event per show\n\n');
    for (const update of [...snapshot, ...held]) reply.raw.write(event(update));
    held = null;

    // A revoked device loses its stream: at once when revoked through this process, else at
    // the next heartbeat. Its reconnect is then refused (401) and the page returns to pairing.
    const presented = bearerToken(request.headers.authorization) ?? '';
    const heartbeat = setInterval(() => {
      reply.raw.write(': heartbeat\n\n');
      verifyToken(core.db, presented).catch((err: unknown) => {
        if (err instanceof MarqueeError && err.code === 'UNAUTHENTICATED') end();
      });
    }, heartbeatMs);
    const stopWatchingRevocation = onTokenRevoked((tokenId) => {
      if (tokenId === identity.id) end();
    });
    const end = () => {
      clearInterval(heartbeat);
      stopWatchingRevocation();
      unsubscribe();
      releaseOnce();
      if (open.delete(end)) core.metrics.sseClients.dec();
      if (!reply.raw.writableEnded) reply.raw.end();
    };
    open.add(end);
    core.metrics.sseClients.inc();
    request.raw.once('close', end);
    reply.raw.once('close', end);
    // A client gone while the snapshot was read has fired 'close' already.
    if (reply.raw.destroyed || request.raw.socket.destroyed) end();
  });

  // Streams never finish on their own; without this, closing the listener would wait forever.
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });
}
