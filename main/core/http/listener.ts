// The LAN listener: HTTPS (Fastify) in front of the core, for `marquee serve` and the
// Electron shell alike. Plain Node; never imports electron.
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { MarqueeError } from '../../common/errors';
import { ConfigError, type Config } from '../config';
import type { Core } from '../core';
import type { Logger } from '../log';
import { ensureLocalCertificates, loadOwnCertificate, localSubjectNames, type TlsMaterial } from '../tls/certificates';
import { VERSION } from '../version';
import { createAuthenticator, type Authenticator } from './auth';
import { limitConnections, SOCKET_LIMITS, socketServerOptions, tlsServerOptions } from './connections';
import { installCors } from './cors';
import { installErrorHandling, sendError } from './errors';
import { IdempotencyStore } from './idempotency';
import { installRequestMetrics, registerMetricsRoute } from './metrics-route';
import { registerPosterRoute } from './posters';
import { registerInfoRoutes, registerOperationRoutes } from './routes';
import { lazySchemaCompilers } from './schema-compilers';
import { registerSeatStream } from './seat-stream';
import { installSecurityHeaders } from './security-headers';
import { findUiDir, registerStaticUi } from './static-ui';

export const BODY_LIMIT_BYTES = 16 * 1024;

export interface ListenerOptions {
  logger: Logger;
  /** The built web UI; default dist/renderer beside the core, or none (503 "run npm run build"). */
  uiDir?: string | null;
  /** Between seat-stream heartbeats; 15 s unless a test wants it sooner. */
  heartbeatMs?: number;
  /**
   * How long a verified token is trusted before the database is asked again: at most 1 s,
   * default 1 s; 0 checks every request. A revocation made through this process (or its
   * core) holds at once either way.
   */
  tokenCacheMs?: number;
}

export interface ListenerHandle {
  /** Where it is bound, e.g. https://0.0.0.0:8443. */
  url: string;
  /** Where a device on the LAN reaches it: the bound host, or this machine's LAN address. */
  lanUrl: string;
  port: number;
  /** SHA-256 of the server certificate ('' over plain HTTP). */
  fingerprint: string;
  /** The certificate a LAN device should trust ('' over plain HTTP). */
  caCertPem: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Refuses listener settings that cannot work, before anything is started. */
export function checkListenerConfig(config: Config): void {
  if (config.httpPlain && !isLoopback(config.httpHost)) {
    throw new ConfigError(
      `Plain HTTP is only allowed on a loopback address, and MARQUEE_HTTP_HOST is ${config.httpHost}. ` +
        'Set MARQUEE_HTTP_HOST=127.0.0.1 to keep plain HTTP on this machine, or unset MARQUEE_HTTP_PLAIN to serve HTTPS on the LAN.',
    );
  }
  if (!config.httpPlain && (config.tlsCertFile === undefined) !== (config.tlsKeyFile === undefined)) {
    throw new ConfigError('Set both MARQUEE_TLS_CERT and MARQUEE_TLS_KEY to use your own certificate, or neither.');
  }
}

/** The TLS identity to serve with, or null for plain HTTP (loopback only). */
export async function resolveTls(config: Config): Promise<TlsMaterial | null> {
  checkListenerConfig(config);
  if (config.httpPlain) return null;
  if (config.tlsCertFile && config.tlsKeyFile) return loadOwnCertificate(config.tlsCertFile, config.tlsKeyFile);
  return ensureLocalCertificates(path.join(config.dataDir, 'tls'), { names: localSubjectNames(config.httpHost) });
}

/** A request that slips in on a kept-alive connection while closing gets a contract-shaped 503. */
function answerWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    sendError(reply, new MarqueeError('DB_UNAVAILABLE', 'The box office server is restarting. Please try again in a few seconds.'));
  });
}

/** Method, route pattern, status, duration and who: never bodies, query strings or phones. */
function installAccessLog(app: FastifyInstance, logger: Logger, auth: Authenticator): void {
  app.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        actor: auth.labelOf(request),
      },
      'request',
    );
    done();
  });
}

interface AppOptions extends ListenerOptions {
  tls: TlsMaterial | null;
}

export async function createHttpApp(core: Core, options: AppOptions): Promise<{ app: FastifyInstance; idempotency: IdempotencyStore }> {
  const { config } = core;
  const { logger, tls } = options;
  const app = Fastify({
    ...(tls
      ? { https: { key: tls.keyPem, cert: tls.certPem, ...tlsServerOptions(), ...socketServerOptions() } }
      : { http: socketServerOptions() }),
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Slow or idle clients cannot hold sockets (see SOCKET_LIMITS): the handshake within 10 s,
    // headers within 5 s, the whole request within 10 s, idle keep-alive sockets closed after
    // 5 s, any silent socket after 60 s; Node checks the deadlines every second.
    requestTimeout: SOCKET_LIMITS.requestMs,
    keepAliveTimeout: SOCKET_LIMITS.keepAliveMs,
    connectionTimeout: SOCKET_LIMITS.idleMs,
    // Requests that arrive on a kept-alive connection while closing are answered below, in
    // the contract's shape rather than Fastify's.
    return503OnClosing: false,
    schemaController: { compilersFactory: lazySchemaCompilers() },
  }) as unknown as FastifyInstance;
  // JSON only: text/plain bodies are refused like any other content type.
  app.removeContentTypeParser('text/plain');

  const auth = createAuthenticator(core.db, options.tokenCacheMs ?? core.config.tokenCacheMs);
  installSecurityHeaders(app, tls !== null);
  limitConnections(app, config.maxConnections);
  answerWhileClosing(app);
  installCors(app, config.corsOrigins);
  installErrorHandling(app, logger);
  installAccessLog(app, logger, auth);
  installRequestMetrics(app, core);

  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => auth.rateLimitKey(request),
    errorResponseBuilder: () => new MarqueeError('RATE_LIMITED'),
    // The limit is told when it bites (429 with Retry-After and the x-ratelimit-* counts); on
    // every other answer the three counts were a fifth of a cached roster's headers, read by no client.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
  });

  const idempotency = new IdempotencyStore(core.db, logger);
  registerOperationRoutes(app, core, auth, idempotency);
  registerInfoRoutes(app, core, VERSION);
  registerMetricsRoute(app, core, auth);
  registerPosterRoute(app, core);
  registerSeatStream(app, core, auth, { heartbeatMs: options.heartbeatMs ?? 15_000, maxPerToken: config.maxStreamsPerToken });
  await registerStaticUi(app, options.uiDir === undefined ? findUiDir() : options.uiDir);
  return { app, idempotency };
}

function urlOf(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** An address a person on the LAN can type: the bound host, or this machine's first LAN IPv4. */
export function lanHost(boundHost: string): string {
  if (boundHost !== '0.0.0.0' && boundHost !== '::') return boundHost;
  for (const addresses of Object.values(os.networkInterfaces())) {
    const v4 = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (v4) return v4.address;
  }
  return os.hostname();
}

export async function startListener(core: Core, options: ListenerOptions): Promise<ListenerHandle> {
  const tls = await resolveTls(core.config);
  const { app, idempotency } = await createHttpApp(core, { ...options, tls });
  await app.listen({ host: core.config.httpHost, port: core.config.httpPort });
  idempotency.startPruning();
  const port = (app.server.address() as AddressInfo).port;
  const scheme = tls ? 'https' : 'http';
  const lanUrl = urlOf(scheme, lanHost(core.config.httpHost), port);
  // The manager's server status shows where devices reach this server and what to pin.
  core.announceListener({ url: lanUrl, fingerprint: tls?.fingerprint ?? '' });
  let closing: Promise<void> | null = null;
  return {
    url: urlOf(scheme, core.config.httpHost, port),
    lanUrl,
    port,
    fingerprint: tls?.fingerprint ?? '',
    caCertPem: tls?.caCertPem ?? '',
    close() {
      closing ??= (async () => {
        core.announceListener(null);
        idempotency.stop();
        // Stops accepting, ends seat streams, lets requests in flight finish.
        await app.close();
      })();
      return closing;
    },
  };
}
