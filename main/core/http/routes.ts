// The API's routes. The operation routes come from one loop over OPERATIONS: its path, roles
// (checked by core.run), success status and the original API's `result` sentence.
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  isIdempotent, isPublic, OPERATION_NAMES, OPERATIONS, successStatus, type Actor, type IdempotentOperation, type OperationName, type OperationOutput,
} from '../../common/operations';
import type { CheckedCall, Core } from '../core';
import { actorOf, type Authenticator } from './auth';
import { KEYED_IN_ONE_CALL, KeyHeldByAnotherPath, type KeyedBooking } from '../operations/keyed-booking';
import { DB_RETRY_AFTER_SECONDS, fromFastifyError } from './errors';
import { IDEMPOTENCY_HEADER, idempotencyRef, requestHash, validIdempotencyKey, type IdempotencyStore } from './idempotency';
import { openApiDocument } from './openapi';

/** Objects get the original API's sentence merged in; arrays stay bare, as the original sent them. */
export function restBody(name: OperationName, output: unknown): unknown {
  const result = (OPERATIONS[name] as { result?: string }).result;
  if (result === undefined || output === null || typeof output !== 'object' || Array.isArray(output)) return output;
  return { ...output, result };
}

function sendJsonText(reply: FastifyReply, status: number, text: string | Buffer): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(text);
}

// Kept as the bytes that are sent: a string (a roster is about 7 KB) would be measured and
// encoded to UTF-8 again on every request.
const serialised = new WeakMap<object, Buffer>();
function serialisedOnce(body: object): Buffer {
  let bytes = serialised.get(body);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(body), 'utf8');
    serialised.set(body, bytes);
  }
  return bytes;
}

export function registerOperationRoutes(app: FastifyInstance, core: Core, auth: Authenticator, idempotency: IdempotencyStore): void {
  for (const name of OPERATION_NAMES) {
    const spec = OPERATIONS[name];
    if (isPublic(name)) {
      registerPublicRoute(app, core, name);
      continue;
    }
    const bodyLimit = (spec as { bodyLimitBytes?: number }).bodyLimitBytes;
    app.post(spec.path, {
      ...(bodyLimit === undefined ? {} : { bodyLimit }),
      // Who is asking is settled before the body is read: a stranger learns nothing from
      // how the server parses what it sent.
      preParsing: async (request, _reply, payload) => {
        await auth.authenticate(request);
        return payload;
      },
    }, async (request, reply) => {
      const identity = await auth.authenticate(request);
      const actor = actorOf(identity);
      // Answers name guests and phones: never kept by a cache on the way.
      reply.header('cache-control', 'no-store');
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (isIdempotent(name) && key !== undefined) {
        // Refused and invalid requests never take a key: the device can fix the body and
        // send it again under the same key. The parsed input is what is compared, so a
        // retry that spells the phone differently is still the same booking; the checked
        // call is then run as it is, not checked and parsed again.
        const call = core.check(name, request.body, actor);
        const scope = `token:${identity.id}`;
        const validKey = validIdempotencyKey(key);
        const ref = idempotencyRef(scope, validKey, call.input);
        const replayed = () => {
          reply.header('idempotent-replayed', 'true');
          core.metrics.idempotentReplays.inc({ operation: name });
        };
        if (KEYED_IN_ONE_CALL.has(name)) {
          // One round trip: the database keeps the key, the booking (and a sale's payment) and its answer together.
          const keyed: KeyedBooking = { scope, key: validKey, requestHash: requestHash(call.input) };
          try {
            const body = restBody(name, await core.runChecked(call, { idempotencyRef: ref, keyed }));
            if (keyed.replayed) replayed();
            return sendJsonText(reply, spec.status, JSON.stringify(body));
          } catch (err) {
            if (keyed.answered) {
              // A refusal that is the key's answer: sent as IdempotencyStore.once sends a stored one.
              if (keyed.replayed) replayed();
              const refusal = fromFastifyError(err);
              return sendJsonText(reply, refusal.status, JSON.stringify({ error: refusal.toBody() }));
            }
            if (!(err instanceof KeyHeldByAnotherPath)) throw err;
            if (err.stored) {
              replayed();
              return sendJsonText(reply, err.stored.status, err.stored.body);
            }
            // Reserved by IdempotencyStore.once and not answered yet: wait for it there.
          }
        }
        const answer = await idempotency.once(
          scope, validKey, call.input,
          async () => ({
            status: spec.status,
            body: restBody(name, await core.runChecked(call, { idempotencyRef: ref })),
          }),
          (made) => undoMade(core, actor, call as CheckedCall<IdempotentOperation>, made as OperationOutput<IdempotentOperation>),
        );
        if (answer.replayed) replayed();
        return sendJsonText(reply, answer.status, answer.body);
      }
      const output = await core.run(name, request.body, actor);
      const body = restBody(name, output);
      // A frozen answer is one the core keeps and hands out again (a cached roster): it is
      // serialised once, not once per request.
      if (body !== null && typeof body === 'object' && Object.isFrozen(body)) return sendJsonText(reply, spec.status, serialisedOnce(body));
      return reply.code(successStatus(name, request.body)).send(body);
    });
  }
}

/**
 * The key already answered "no" (a seat freed between two attempts): what this attempt did is
 * undone so the one answer the device may have shown stays true — a ticket made is cancelled,
 * money taken is given back first. A refund that went through under a stored refusal is left:
 * money already handed over cannot be taken back by the server (it is in the cash-up).
 */
async function undoMade(core: Core, actor: Actor, call: CheckedCall<IdempotentOperation>, made: OperationOutput<IdempotentOperation>): Promise<void> {
  const undoer: Actor = { role: 'manager', label: `${actor.label} (idempotent retry undone)` };
  const giveBack = async (amount: number, method: 'cash' | 'card' | 'comp') => {
    if (amount > 0 && method !== 'comp') await core.run('refundTicket', { ticketId: made.ticketId, amount, method, reason: 'Idempotent retry undone' }, undoer);
  };
  if (call.name === 'refundTicket') return;
  if (call.name === 'payTicket' || call.name === 'sell') {
    const { payment } = call.input as CheckedCall<'payTicket'>['input'];
    await giveBack(call.name === 'sell' ? (made as OperationOutput<'sell'>).total : payment.amount, payment.method);
    if (call.name === 'payTicket') return;
  }
  await core.run('cancel', { ticketId: made.ticketId }, undoer);
}

/**
 * An operation a device calls before it has a token (redeeming a pairing code). Its own
 * limit on wrong answers, keyed by the client address, lives in the operation.
 */
function registerPublicRoute(app: FastifyInstance, core: Core, name: OperationName): void {
  const spec = OPERATIONS[name];
  // Nobody in particular: the operation ignores the actor, and the audit trail gets no entry.
  const anonymous: Actor = { role: 'viewer', label: 'unpaired device' };
  app.post(spec.path, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const output = await core.run(name, request.body, anonymous, { clientAddress: `ip:${request.ip}` });
    return reply.code(spec.status).send(restBody(name, output));
  });
}

export function registerInfoRoutes(app: FastifyInstance, core: Core, version: string): void {
  app.get('/health', async (_request, reply) => {
    const health = await core.health();
    if (health.database !== 'up') reply.code(503).header('retry-after', String(DB_RETRY_AFTER_SECONDS));
    return reply.header('cache-control', 'no-store').send(health);
  });
  app.get('/openapi.json', async (_request, reply) => sendJsonText(reply, 200, openApiDocument(version)));
}
