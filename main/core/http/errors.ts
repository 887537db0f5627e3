// Every failure leaves the listener in the contract's shape, { error: { code, message, field? } },
// with the status from ERRORS. Fastify's own failures (bad JSON, size, content type) are
// translated; anything unexpected becomes INTERNAL and its details go to the log only.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ERRORS, MarqueeError } from '../../common/errors';
import type { Logger } from '../log';

/** How long a client should wait before trying again while the database is away. */
export const DB_RETRY_AFTER_SECONDS = 5;

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send a JSON object ({} when there are no fields).',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the request body as JSON with Content-Type: application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
};

/** Fastify's and plugins' errors carry a statusCode; map them onto the contract's codes. */
export function fromFastifyError(err: unknown): MarqueeError {
  if (err instanceof MarqueeError) return err;
  const e = err as Partial<FastifyError> | undefined;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413) return new MarqueeError('PAYLOAD_TOO_LARGE');
  if (status === 429) return new MarqueeError('RATE_LIMITED');
  if (status >= 400 && status < 500) {
    const message = (e?.code && FASTIFY_MESSAGES[e.code]) || (e instanceof SyntaxError ? FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY : undefined);
    return new MarqueeError('INVALID_INPUT', message ?? ERRORS.INVALID_INPUT.message);
  }
  return new MarqueeError('INTERNAL');
}

export function sendError(reply: FastifyReply, error: MarqueeError): FastifyReply {
  if (error.code === 'DB_UNAVAILABLE') reply.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
  if (error.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer realm="marquee"');
  // The request limiter sets its own; a limit raised by an operation says how long it lasts
  // (pairing guesses: until the address's window ends), else a minute.
  if (error.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) reply.header('retry-after', error.details?.retryAfterSeconds ?? '60');
  return reply.code(ERRORS[error.code].status).header('cache-control', 'no-store').send({ error: error.toBody() });
}

export function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err, request, reply) => {
    const error = fromFastifyError(err);
    if (error.code === 'INTERNAL') {
      // The stack goes to the server log, never to the client.
      logger.error({ err, method: request.method, route: request.routeOptions.url }, 'request failed');
    }
    return sendError(reply, error);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, new MarqueeError('NOT_FOUND')));
}
