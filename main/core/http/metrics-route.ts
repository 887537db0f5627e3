// GET /metrics (Prometheus text) and the per-request counting behind it. The route pattern,
// not the URL, is the label: a scan of random paths adds one "(no route)" series, not thousands.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MarqueeError } from '../../common/errors';
import { METRICS_ROLES } from '../../common/roles';
import type { Core } from '../core';
import { bearerToken, type Authenticator } from './auth';

export const METRICS_PATH = '/metrics';

export function routeLabel(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)';
}

export function installRequestMetrics(app: FastifyInstance, core: Core): void {
  const { httpRequests, httpDuration } = core.metrics;
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeLabel(request);
    httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The scraper's own secret, compared in constant time (as hashes, so lengths do not leak either). */
function isScraperToken(presented: string | null, configured: string | undefined): boolean {
  if (!presented || !configured) return false;
  return timingSafeEqual(digest(presented), digest(configured));
}

export function registerMetricsRoute(app: FastifyInstance, core: Core, auth: Authenticator): void {
  app.get(METRICS_PATH, async (request, reply) => {
    if (!isScraperToken(bearerToken(request.headers.authorization), core.config.metricsToken)) {
      const identity = await auth.authenticate(request);
      if (!METRICS_ROLES.includes(identity.role)) throw new MarqueeError('FORBIDDEN');
    }
    const { contentType, body } = await core.metrics.text();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
