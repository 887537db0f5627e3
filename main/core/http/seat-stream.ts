// GET /show/seats/stream: seat availability as server-sent events for kiosks and signage.
// A new subscriber first gets every upcoming show's state, then each change as it happens;
// a comment line every 15 s keeps proxies and idle-timeouts from closing the stream.
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SEAT_HORIZON_DAYS, seatUpdateOf, type SeatUpdate } from '../../common/schemas';
import { MarqueeError } from '../../common/errors';
import { onTokenRevoked, verifyToken } from '../auth/tokens';
import type { Core } from '../core';
import { actorOf, bearerToken, type Authenticator } from './auth';

export const SEAT_STREAM_PATH = '/show/seats/stream';

function event(update: SeatUpdate): string {
  return `event: seats\ndata: ${JSON.stringify(update)}\n\n`;
}

export function registerSeatStream(app: FastifyInstance, core: Core, auth: Authenticator, heartbeatMs: number): void {
  const open = new Set<() => void>();

  app.get(SEAT_STREAM_PATH, async (request, reply) => {
    const identity = await auth.authenticate(request);
    const actor = actorOf(identity);
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
      open.delete(end);
      if (!reply.raw.writableEnded) reply.raw.end();
    };
    open.add(end);
    request.raw.once('close', end);
    reply.raw.once('close', end);
  });

  // Streams never finish on their own; without this, closing the listener would wait forever.
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });
}
