// What a socket may cost the listener: how long a client may take at each stage, how many
// sockets may be open at once, and which TLS 1.2 suites are offered. Slow, idle or silent
// clients lose their socket within these times instead of holding it for minutes.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { MarqueeError } from '../../common/errors';
import { sendError } from './errors';

export const SOCKET_LIMITS = {
  /**
   * The TLS handshake, from the TCP connection on (Node's default is 120 s). Generous enough
   * for a busy two-core box doing hundreds of handshakes at once.
   */
  handshakeMs: 10_000,
  /** The request line and headers. */
  headersMs: 5_000,
  /** The whole request, body included. */
  requestMs: 10_000,
  /** A kept-alive socket between requests. */
  keepAliveMs: 5_000,
  /** Any socket that says nothing (the seat stream speaks every 15 s). */
  idleMs: 60_000,
  /**
   * How often Node checks the header and request deadlines. Its default, 30 s, let slow
   * clients hold sockets for up to 35 s; once a second keeps them within a second of the limit.
   */
  checkEveryMs: 1_000,
} as const;

/**
 * TLS 1.2 only with forward secrecy (ECDHE) and an AEAD (AES-GCM or ChaCha20-Poly1305): no
 * CBC (LUCKY13), CCM8, ARIA, CAMELLIA or static RSA. ECDSA first (the local certificate is
 * P-256); RSA for one's own certificate. TLS 1.3's suites are all AEAD and stay as they are.
 */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
] as const;
const TLS13_CIPHERS = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

/** Node's server options for the deadlines above (http.createServer and https.createServer alike). */
export function socketServerOptions() {
  return {
    headersTimeout: SOCKET_LIMITS.headersMs,
    requestTimeout: SOCKET_LIMITS.requestMs,
    connectionsCheckingInterval: SOCKET_LIMITS.checkEveryMs,
  };
}

/** TLS options on top of the certificate: version floor, suites, handshake deadline. */
export function tlsServerOptions() {
  return {
    minVersion: 'TLSv1.2' as const,
    ciphers: [...TLS13_CIPHERS, ...TLS12_CIPHERS].join(':'),
    honorCipherOrder: true,
    handshakeTimeout: SOCKET_LIMITS.handshakeMs,
  };
}

/**
 * Past the first `max` open sockets, requests are answered 503 SERVER_BUSY (with Retry-After)
 * and the socket is closed: the device learns why and comes back. Past `max` plus a margin
 * sockets are dropped at accept, before any TLS work, so a flood cannot exhaust memory.
 */
export function limitConnections(app: FastifyInstance, max: number): void {
  let open = 0;
  app.server.on('connection', (socket: Socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
  });
  app.server.maxConnections = max + Math.max(16, Math.ceil(max / 8));
  // A callback hook, not an async one: it runs on every request and almost always lets it pass.
  app.addHook('onRequest', (_request, reply, done) => {
    if (open <= max) return done();
    reply.header('connection', 'close').header('retry-after', '1');
    sendError(reply, new MarqueeError('SERVER_BUSY', `The box office server has ${max} connections open, its limit. Please try again in a moment.`));
  });
}
