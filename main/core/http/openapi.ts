// GET /openapi.json: the API description, generated from the operation table and the zod
// schemas the listener validates with, so it cannot drift from what the server does.
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../../common/errors';
import { isIdempotent, isPublic, OPERATION_NAMES, OPERATIONS, ROLES, type OperationName } from '../../common/operations';
import { METRICS_ROLES } from '../../common/roles';
import { inputs, outputs } from '../../common/schemas';
import { IDEMPOTENCY_HEADER } from './idempotency';
import { METRICS_PATH } from './metrics-route';
import { SEAT_STREAM_PATH } from './seat-stream';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The REST body of an operation: its output, plus the original API's sentence on objects. */
function responseSchemaOf(name: OperationName): JsonSchema {
  const schema = schemaOf(outputs[name], 'output');
  const result = (OPERATIONS[name] as { result?: string }).result;
  if (result === undefined || schema.type !== 'object') return schema;
  return {
    ...schema,
    properties: { ...(schema.properties as JsonSchema), result: { type: 'string', const: result, description: "The original API's sentence, for old clients" } },
    required: [...((schema.required as string[] | undefined) ?? []), 'result'],
  };
}

function errorResponses(): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(ERRORS) as ErrorCode[]) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.join(' or '),
      ...(status === 503 || status === 429
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before trying again' } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return responses;
}

function buildDocument(version: string): JsonSchema {
  const errors = errorResponses();
  const paths: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const spec = OPERATIONS[name];
    const success = { content: { 'application/json': { schema: responseSchemaOf(name) } } };
    const dryRunStatus = (spec as { dryRunStatus?: number }).dryRunStatus;
    paths[spec.path] = {
      post: {
        operationId: name,
        summary: spec.summary,
        description: isPublic(name) ? 'No device token needed.' : `Roles: ${spec.roles.join(', ')}.`,
        'x-roles': spec.roles,
        tags: [spec.path.split('/')[1]],
        security: isPublic(name) ? [] : [{ bearer: [] }],
        ...(isIdempotent(name)
          ? {
              parameters: [
                {
                  name: 'Idempotency-Key',
                  in: 'header',
                  required: false,
                  description: 'Send a booking again with the same key to get the first answer instead of a second ticket (kept 24 h).',
                  schema: { type: 'string', minLength: 1, maxLength: 200 },
                },
              ],
            }
          : {}),
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(inputs[name], 'input') } } },
        responses: {
          [String(spec.status)]: { description: 'Success', ...success },
          ...(dryRunStatus === undefined ? {} : { [String(dryRunStatus)]: { description: 'Dry run (dryRun: true): the preview; nothing made', ...success } }),
          ...errors,
        },
      },
    };
  }
  paths['/health'] = {
    get: {
      operationId: 'health',
      summary: 'Whether the database is up, the version and the last expiry sweep (no personal data)',
      security: [],
      responses: {
        200: { description: 'Database up', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
        503: { description: 'Database down', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
      },
    },
  };
  paths[SEAT_STREAM_PATH] = {
    get: {
      operationId: 'seatStream',
      summary: 'Server-sent events: one "seats" event per upcoming show on connect, then one per change; a comment every 15 s',
      security: [{ bearer: [] }],
      responses: {
        200: { description: 'An event stream; each event\'s data is a SeatUpdate', content: { 'text/event-stream': { schema: { $ref: '#/components/schemas/SeatUpdate' } } } },
        401: errors['401'],
        503: errors['503'],
      },
    },
  };
  paths['/film/{filmId}/poster'] = {
    get: {
      operationId: 'filmPoster',
      summary: "A film's poster (no token: the public programme). ETag = the image's SHA-256 (If-None-Match → 304); at /film/list's versioned posterUrl it may be cached for a year",
      security: [],
      parameters: [
        { name: 'filmId', in: 'path', required: true, schema: { type: 'integer' } },
        { name: 'v', in: 'query', required: false, description: "The poster's version, as posterUrl carries it", schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'The image', content: { 'image/jpeg': {}, 'image/png': {}, 'image/webp': {} } },
        304: { description: 'Not modified' },
        404: errors['404'],
      },
    },
  };
  paths[METRICS_PATH] = {
    get: {
      operationId: 'metrics',
      summary: `Prometheus text format (prom-client): requests, latency, operations by result code, pool, retries, sweeps, streams. Roles: ${METRICS_ROLES.join(', ')}, or the MARQUEE_METRICS_TOKEN secret as bearer`,
      security: [{ bearer: [] }],
      responses: {
        200: { description: 'The metrics', content: { 'text/plain; version=0.0.4': {} } },
        401: errors['401'],
        403: errors['403'],
      },
    },
  };
  paths['/openapi.json'] = {
    get: { operationId: 'openapi', summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Marquee box office API',
      version,
      description: `Bearer tokens per device, made with \`marquee token create --role R --label L\`; roles: ${ROLES.join(', ')}. ` +
        `${IDEMPOTENCY_HEADER} is accepted on bookings.`,
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A device token (mq_…)' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERRORS) },
                message: { type: 'string', description: 'A sentence a person can read' },
                field: { type: 'string', description: 'The input field at fault, for INVALID_INPUT' },
                details: {
                  type: 'object', additionalProperties: { type: 'string' },
                  description: 'Facts behind the refusal, e.g. checkedInAt and checkedInBy for ALREADY_CHECKED_IN',
                },
              },
            },
          },
        },
        Health: {
          type: 'object',
          required: ['database', 'version', 'lastSweep'],
          properties: {
            database: { enum: ['up', 'down'] },
            version: { type: 'string' },
            lastSweep: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  properties: {
                    at: { type: 'string' }, marked: { type: 'integer' }, deleted: { type: 'integer' },
                    batches: { type: 'integer' }, durationMs: { type: 'integer' }, error: { type: ['string', 'null'] },
                  },
                },
              ],
            },
            embeddedDatabase: {
              type: 'object',
              description: "Only with the embedded default: Marquee's own database server and its restarts",
              properties: {
                state: { enum: ['running', 'restarting', 'attached', 'stopped'] },
                restarts: { type: 'integer' },
                lastExit: {
                  anyOf: [
                    { type: 'null' },
                    { type: 'object', properties: { at: { type: 'string' }, code: { type: ['integer', 'null'] }, signal: { type: ['string', 'null'] } } },
                  ],
                },
              },
            },
            cluster: {
              description: 'The Galera node\'s state: null when the server is no cluster member; 503 unless ready',
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  properties: { ready: { type: 'boolean' }, state: { type: 'string' }, status: { type: 'string' }, size: { type: 'integer' } },
                },
              ],
            },
          },
        },
        SeatUpdate: {
          type: 'object',
          required: ['showId', 'showTime', 'capacity', 'booked', 'seatsLeft'],
          properties: {
            showId: { type: 'integer' }, showTime: { type: 'string' }, capacity: { type: 'integer' },
            booked: { type: 'integer' }, seatsLeft: { type: 'integer' },
          },
        },
      },
    },
  };
}

let cached: { version: string; text: string } | null = null;

/** The document as JSON text, built once per process. */
export function openApiDocument(version: string): string {
  if (cached?.version !== version) cached = { version, text: JSON.stringify(buildDocument(version)) };
  return cached.text;
}
