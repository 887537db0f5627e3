// Property-based fuzzing of every operation route over real HTTPS: thousands of generated
// bodies per route — arbitrary JSON, near-valid records with wrong types, huge and unicode
// strings, deep nesting, raw bytes — and not one answer may be a 5xx or leave the contract's
// shape. The server must still be healthy afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ERRORS, isErrorCode } from '../../../../main/common/errors';
import { OPERATION_NAMES, OPERATIONS, type OperationName, type Role } from '../../../../main/common/operations';
import { inputs } from '../../../../main/common/schemas';
import { formatTicketCode, ticketCodeFromBits } from '../../../../main/common/ticket-code';
import type { HttpsAnswer } from '../../../support/server';
import { startHarness, type Harness } from './harness';

/** Bodies per route: about 1,000 in the test command (47 routes: 47,000 bodies, about 200 s of one core on CI);
 * MARQUEE_FUZZ_BODIES=10000 for a deeper run by hand. A multiple of CONCURRENCY. */
const BODIES_PER_ROUTE = Number(process.env.MARQUEE_FUZZ_BODIES ?? 1008);
const CONCURRENCY = 16;

let h: Harness;
const tokens = {} as Record<Role, string>;
const counts: Record<string, Record<number, number>> = {};
/** Codes of the real tickets, so ticket codes sometimes hit something (filled in beforeAll). */
const realCodes: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  // The fuzzer's tokens get numbers no generated tokenId can reach.
  await h.database.db.exec('ALTER TABLE api_token AUTO_INCREMENT = 1000000');
  for (const role of ['kiosk', 'door', 'viewer', 'manager'] as const) tokens[role] = await h.token(role, `fuzz ${role}`);
  // A few real tickets so ticket ids sometimes hit something.
  for (let i = 0; i < 5; i++) {
    const booked = await h.client.request('POST', '/ticket/book', { userName: `Fuzz ${i}`, phoneNo: `555010${1000 + i}`, showTime: await h.showTime(i * 30) }, tokens.manager);
    realCodes.push(booked.json.ticketCode);
  }
});

afterAll(async () => {
  const rows = Object.entries(counts).map(([route, byStatus]) => {
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return `${route.padEnd(22)} ${String(total).padStart(6)} requests  ${Object.entries(byStatus).map(([s, n]) => `${s}×${n}`).join(' ')}`;
  });
  console.log(`[fuzz] answers per route:\n${rows.join('\n')}`);
  await h?.close();
});

const FIELDS = ['userName', 'phoneNo', 'showTime', 'ticketId', 'ticketCode', 'days', 'includeExpired', 'title', 'capacity', 'role', 'label', 'tokenId', 'query', 'from', 'to', 'code', 'showId', 'screenId', 'filmId', 'name', 'runtimeMinutes', 'image'] as const;

const isoAt = (ms: number, offset: string) => new Date(ms).toISOString().replace('Z', offset);
const nowMs = Date.now();

/** Values that look about right for some field, and values that are wrong in every way. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  // near-valid
  fc.constantFrom('Ana Lima', '  Ünïcode 名前 ', 'O\'Brien-Smith', '+1 555 010-0199', '(555) 010.0199', '5550100199'),
  fc.integer({ min: -3 * 86_400_000, max: 30 * 86_400_000 }).chain((delta) =>
    fc.constantFrom(
      isoAt(nowMs + delta, 'Z'),
      isoAt(nowMs + delta, '+05:30'),
      isoAt(nowMs + delta, '').replace('T', ' ').replace(/\.\d+$/, '.0000'),
      isoAt(nowMs + delta, '-14:00'),
    ),
  ),
  fc.constantFrom('2030-02-30 10:00:00', '2030-13-01T10:00', '1999-12-31 23:59:59', '2030-01-01T24:00', '2030-01-01 10:00:00+99:00', '０１２３'),
  fc.integer({ min: -10, max: 40 }),
  fc.constantFrom(0, -0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, '  7 ', '007', '1e3', '0x10'),
  // wrong types and strange text
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u202e', '\ufeff', '\ud800', '\n', '"', '\\', '𝄞'), maxLength: 30 }),
  fc.integer({ min: 61, max: 3_000 }).map((n) => 'x'.repeat(n)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const nearValidRecord = fc
  .dictionary(fc.constantFrom(...FIELDS, '__proto__', 'constructor', 'extra'), fieldValue, { maxKeys: 6 })
  .map((record) => JSON.stringify(record));

/** Plausible values per field, so that many generated requests get past validation. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  userName: fc.constantFrom('Ana Lima', 'Bo', '名前 テスト', "O'Brien", 'Zoë  Ångström'),
  phoneNo: fc.integer({ min: 1_000_000, max: 9_999_999_999 }).map((n) => `+1 ${n}`),
  showTime: fc.integer({ min: 60, max: 30 * 24 * 60 }).map((m) => new Date(nowMs + m * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')),
  ticketId: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }).map(String)),
  ticketCode: fc.oneof(
    fc.integer({ min: 0, max: 4 }).map((i) => realCodes[i] ?? 'K7QM-4XWP-9TX8'),
    fc.integer({ min: 0, max: 4 }).map((i) => (realCodes[i] ?? '').toLowerCase().replaceAll('-', ' ')),
    fc.bigInt({ min: 0n, max: (1n << 55n) - 1n }).map((bits) => formatTicketCode(ticketCodeFromBits(bits))),
    fc.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  ),
  days: fc.integer({ min: 1, max: 60 }),
  includeExpired: fc.boolean(),
  includeInactive: fc.boolean(),
  title: fc.string({ minLength: 1, maxLength: 30 }),
  capacity: fc.integer({ min: 1, max: 100 }),
  role: fc.constantFrom('kiosk', 'door', 'viewer', 'manager', 'admin'),
  label: fc.string({ minLength: 1, maxLength: 40 }),
  // Tokens the /token/create fuzzing made (numbered from 1,000,004 on, see beforeAll), never
  // the fuzzer's own four.
  tokenId: fc.integer({ min: 1_000_004, max: 1_000_300 }),
  query: fc.oneof(fc.constantFrom('fuzz', 'FÚZZ 1', '555 010', '+1 (555) 0101', '%_\\'), fc.string({ minLength: 2, maxLength: 60 })),
  from: fc.integer({ min: -400, max: 400 }).map((d) => new Date(nowMs + d * 86_400_000).toISOString().slice(0, 10)),
  to: fc.integer({ min: -400, max: 400 }).map((d) => new Date(nowMs + d * 86_400_000).toISOString().slice(0, 10)),
  code: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
  expectRole: fc.constantFrom('kiosk', 'door', 'viewer', 'manager'),
  showId: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }).map(String)),
  screenId: fc.integer({ min: 1, max: 4 }),
  filmId: fc.integer({ min: 1, max: 6 }),
  name: fc.oneof(fc.constantFrom('Screen 1', 'Studio B', 'Saal 3 — Balkon'), fc.string({ minLength: 1, maxLength: 70 })),
  notes: fc.oneof(fc.constant(null), fc.string({ maxLength: 600 })),
  runtimeMinutes: fc.integer({ min: -5, max: 1000 }),
  rating: fc.oneof(fc.constant(null), fc.constantFrom('PG-13', 'FSK 12', 'U'), fc.string({ maxLength: 30 })),
  description: fc.oneof(fc.constant(null), fc.string({ maxLength: 300 })),
  screenIds: fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 25 }) },
  ),
  weekdays: fc.oneof({ weight: 4, arbitrary: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) }, { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 8 }) }),
  times: fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom('10:00', '14:15', '19:00', '21:30', '23:59'), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom('02:30', '24:00', '7:00'), fc.string({ maxLength: 6 })), { maxLength: 14 }) },
  ),
  confirmPast: fc.boolean(),
  dryRun: fc.boolean(),
  // The door's scans (issue 23): a party's count, a scan's id and time, an offline admission, admission by name.
  count: fc.integer({ min: -1, max: 12 }),
  scanId: fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{6,70}$/)),
  scannedAt: fc.integer({ min: -600, max: 600 }).map((m) => new Date(nowMs + m * 60_000).toISOString()),
  offline: fc.oneof(fc.record({ showId: fc.integer({ min: 1, max: 40 }) }), fc.constant(null)),
  byName: fc.oneof(fc.constant(true), fc.boolean()),
  since: fc.oneof(fc.constantFrom('', '1.1,2.7', 'garbage'), fc.string({ maxLength: 60 })),
  day: fc.integer({ min: -3, max: 3 }).map((d) => new Date(nowMs + d * 86_400_000).toISOString().slice(0, 10)),
  reason: fc.oneof(fc.constantFrom('Projector failure', 'Sound'), fc.string({ maxLength: 220 })),
  ticketTypeId: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }).map(String)),
  items: fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.record({ ticketTypeId: fc.integer({ min: 1, max: 5 }), count: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.record({ ticketTypeId: fc.integer({ min: -1, max: 40 }), count: fc.integer({ min: -2, max: 200 }) }), { maxLength: 25 }) },
  ),
  seats: fc.integer({ min: -1, max: 30 }),
  price: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.double(), fc.integer({ min: -5, max: 20_000_000 })),
  prices: fc.array(fc.record({ ticketTypeId: fc.integer({ min: 1, max: 6 }), price: fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 2000 })) }), { maxLength: 4 }),
  quotaPerShow: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 30 })),
  sortOrder: fc.integer({ min: -1200, max: 1200 }),
  active: fc.boolean(),
  isDefault: fc.oneof(fc.constant(true), fc.boolean()),
  payment: fc.oneof(
    { weight: 4, arbitrary: fc.record({ method: fc.constantFrom('cash', 'card', 'comp'), amount: fc.constantFrom(0, 950, 1900, 2850), tendered: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }), reason: fc.option(fc.constantFrom('Birthday', ''), { nil: undefined }) }, { requiredKeys: ['method', 'amount'] }) },
    { weight: 1, arbitrary: fc.record({ method: fc.string({ maxLength: 6 }), amount: fc.oneof(fc.integer({ min: -5, max: 99_999_999 }), fc.double()), tendered: fc.anything() }) },
  ),
  amount: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -5, max: 20_000_000 })),
  method: fc.constantFrom('cash', 'card', 'comp', 'bitcoin'),
  // A drawer's count (issue 22) and a type's wheelchair spaces held for the counter (issue 26).
  counted: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -5, max: 20_000_000 }), fc.double()),
  accessible: fc.boolean(),
  heldForCounter: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -2, max: 40 })),
  image: fc.oneof(
    fc.constant(null),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes).toString('base64')),
    fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), bytes]).toString('base64')),
    fc.string({ maxLength: 100 }),
  ),
};

/** The operation's own fields (from its schema), each plausible, wrong or missing. */
function mutatedValid(name: OperationName): fc.Arbitrary<string> {
  const fields = Object.keys(inputs[name].shape);
  return fc
    .record(
      Object.fromEntries(
        fields.map((f) => [
          f,
          fc.oneof({ weight: 8, arbitrary: PLAUSIBLE[f]! }, { weight: 1, arbitrary: fieldValue }, { weight: 1, arbitrary: fc.constant(undefined) }),
        ]),
      ),
    )
    .map((record) => JSON.stringify(record));
}

const depth = fc.integer({ min: 1, max: 6000 });
// Weights: bodies over 16 KiB are few, since the server rightly closes the connection on 413.
const rawBody = (name: OperationName): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    { weight: 8, arbitrary: mutatedValid(name) },
    { weight: 4, arbitrary: nearValidRecord },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'undefined') },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: depth.map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
    { weight: 1, arbitrary: depth.map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 16_000, max: 40_000 }).map((n) => JSON.stringify({ userName: 'y'.repeat(n) })) },
    { weight: 2, arbitrary: fc.constantFrom('', ' ', 'null', '{}', '[]', '"text"', '0', 'true', '{"a":1,}', '\u0000', '\ufeff{}') },
  );

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=latin1', '') },
);

const role = fc.constantFrom<Role>('manager', 'manager', 'manager', 'kiosk', 'kiosk', 'door', 'viewer');
const idempotencyKey = fc.option(fc.stringMatching(/^[\x20-\x7e]{0,220}$/), { freq: 4 });

interface FuzzRequest {
  body: string | Uint8Array;
  contentType: string;
  role: Role;
  key: string | null;
}

const request = (name: OperationName): fc.Arbitrary<FuzzRequest> => fc.record({ body: rawBody(name), contentType, role, key: idempotencyKey });

function check(name: OperationName, req: FuzzRequest, answer: HttpsAnswer): boolean {
  const route = OPERATIONS[name].path;
  counts[route] ??= {};
  counts[route][answer.status] = (counts[route][answer.status] ?? 0) + 1;
  if (answer.status >= 500) return false;
  const successes: number[] = [OPERATIONS[name].status, (OPERATIONS[name] as { dryRunStatus?: number }).dryRunStatus ?? OPERATIONS[name].status];
  if (successes.includes(answer.status) && answer.json?.error === undefined) return answer.json !== undefined;
  const error = answer.json?.error;
  // Never a stack trace or a driver message. A frame is `at …:line:column` after a line break, or
  // a source file's position; a refusal listing show times ("… at 2026-12-08 21:30 …",
  // "21:30:00+01:00") is neither.
  if (/(?:\\n|\n)\s*at [^"\n]*:\d+:\d+|\.[cm]?[jt]sx?:\d+:\d+|node:internal|ER_[A-Z_]+|\bSQL\b|sqlMessage|node_modules/.test(answer.text)) return false;
  return isErrorCode(error?.code) && ERRORS[error.code as keyof typeof ERRORS].status === answer.status && typeof error.message === 'string';
}

for (const name of OPERATION_NAMES) {
  test(`fuzz ${OPERATIONS[name].path}: ${BODIES_PER_ROUTE} generated bodies, no 5xx, contract-shaped answers`, async () => {
    let sent = 0;
    const failures: string[] = [];
    const details = await fc.check(
      fc.asyncProperty(fc.array(request(name), { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (batch) => {
        const answers = await Promise.all(
          batch.map((req) =>
            h.client.request('POST', OPERATIONS[name].path, req.body, tokens[req.role], {
              'content-type': req.contentType,
              ...(req.key !== null ? { 'idempotency-key': req.key } : {}),
            }),
          ),
        );
        sent += batch.length;
        const bad = batch.filter((req, i) => !check(name, req, answers[i]!));
        for (const req of bad) {
          const answer = answers[batch.indexOf(req)]!;
          const body = typeof req.body === 'string' ? req.body : `bytes ${Buffer.from(req.body).toString('hex')}`;
          failures.push(`${answer.status} ← ${req.role} ${req.contentType} key=${JSON.stringify(req.key)} body=${JSON.stringify(body.slice(0, 200))} (${body.length} chars): ${answer.text.slice(0, 300)}`);
        }
        return bad.length === 0;
      }),
      { numRuns: Math.ceil(BODIES_PER_ROUTE / CONCURRENCY), endOnFailure: true },
    );
    // The offending requests, briefly, rather than fast-check's full (possibly megabyte) counterexample.
    expect(failures.slice(0, 5)).toEqual([]);
    expect(details.failed, `seed ${details.seed}`).toBe(false);
    expect(sent).toBeGreaterThanOrEqual(BODIES_PER_ROUTE);
    const health = await h.client.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json.database).toBe('up');
  });
}
