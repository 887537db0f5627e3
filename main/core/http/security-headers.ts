// Headers on every answer, API and web UI alike. The CSP matches the renderer's own, so the
// kiosk page served here is held to exactly what it is held to inside Electron.
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../common/content-security-policy';

export { CONTENT_SECURITY_POLICY };

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    // A year; no includeSubDomains: a LAN host name says nothing about its siblings.
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

export function installSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const headers = securityHeaders(https);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
