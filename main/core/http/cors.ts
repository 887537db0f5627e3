// Cross-origin access only for the origins an operator lists in MARQUEE_CORS_ORIGINS (e.g. a
// signage page served elsewhere). With none listed, no CORS header is ever sent, so browsers
// keep other sites' pages from calling the API with a device's token.
import type { FastifyInstance } from 'fastify';

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';
const EXPOSED_HEADERS = 'retry-after, idempotent-replayed';

export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (origin !== undefined && allowed.has(origin)) {
      reply.headers({ 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS });
    }
    reply.header('vary', 'Origin');
    done();
  });
  app.options('/*', (request, reply) => {
    if (request.headers.origin !== undefined && allowed.has(request.headers.origin)) {
      reply.headers({
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
    }
    return reply.code(204).send();
  });
}
