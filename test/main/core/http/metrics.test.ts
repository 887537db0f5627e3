// GET /metrics as Prometheus scrapes it: who may read it, every family present in the text
// format, and the counters moving with the work they count (bookings, refusals by code,
// check-ins, idempotent replays, seat streams, sweeps, requests by route and status).
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness';

const SCRAPER_TOKEN = 'scraper-secret-0123456789abcdef';

let h: Harness;
let kiosk: string;
let viewer: string;
let door: string;

beforeAll(async () => {
  h = await startHarness({ metricsToken: SCRAPER_TOKEN });
  [kiosk, viewer, door] = await Promise.all([h.token('kiosk'), h.token('viewer'), h.token('door')]);
});
afterAll(async () => {
  await h?.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

/** The Prometheus text format (version 0.0.4): `# TYPE` lines and `name{labels} value` samples. */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus text line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    // Go's ParseFloat, which Prometheus uses, takes NaN and ±Inf in any case (prom-client prints "Nan").
    const raw = m[3]!.toLowerCase();
    const value = raw === 'nan' ? NaN : raw === '+inf' || raw === 'inf' ? Infinity : raw === '-inf' ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== 'nan') throw new Error(`not a number: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return { types, samples };
}

async function scrape(token = viewer): Promise<Exposition> {
  const answer = await h.client.request('GET', '/metrics', undefined, token);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(answer.text);
}

/** The sum of a family's samples whose labels include `labels`. */
function value(e: Exposition, name: string, labels: Record<string, string> = {}): number {
  return e.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

test('without a token 401, with a kiosk or door token 403, with a viewer, manager or the scraper token 200', async () => {
  const none = await h.client.request('GET', '/metrics');
  expect(none.status).toBe(401);
  expect(none.json.error.code).toBe('UNAUTHENTICATED');
  expect(none.headers['www-authenticate']).toContain('Bearer');
  for (const token of [kiosk, door]) {
    const refused = await h.client.request('GET', '/metrics', undefined, token);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
  }
  expect((await h.client.request('GET', '/metrics', undefined, 'not-the-scraper-secret-at-all')).status).toBe(401);
  expect((await h.client.request('GET', '/metrics', undefined, await h.token('manager'))).status).toBe(200);
  expect((await h.client.request('GET', '/metrics', undefined, SCRAPER_TOKEN)).status).toBe(200);
  await scrape(SCRAPER_TOKEN);
});

test('every family is present with its type', async () => {
  const { types } = await scrape();
  const expected: Record<string, string> = {
    marquee_http_requests_total: 'counter',
    marquee_http_request_duration_seconds: 'histogram',
    marquee_operations_total: 'counter',
    marquee_operation_duration_seconds: 'histogram',
    marquee_db_pool_connections: 'gauge',
    marquee_db_pool_waiting: 'gauge',
    marquee_db_retries_total: 'counter',
    marquee_db_retry_budget_exhausted_total: 'counter',
    marquee_sweep_runs_total: 'counter',
    marquee_sweep_deleted_tickets_total: 'counter',
    marquee_sweep_last_run_timestamp_seconds: 'gauge',
    marquee_idempotent_replays_total: 'counter',
    marquee_sse_clients: 'gauge',
    marquee_embedded_db_restarts_total: 'counter',
    marquee_embedded_db_up: 'gauge',
    process_cpu_seconds_total: 'counter',
    process_resident_memory_bytes: 'gauge',
    nodejs_eventloop_lag_seconds: 'gauge',
    nodejs_eventloop_lag_p99_seconds: 'gauge',
    nodejs_heap_size_used_bytes: 'gauge',
  };
  for (const [name, type] of Object.entries(expected)) expect(types.get(name), name).toBe(type);
});

test('a booking, a refusal by code, a check-in, a replay, a stream and a sweep each move their counter', async () => {
  const before = await scrape();
  const manager = await h.token('manager');
  const showTime = await h.showTime(30);
  const made = await h.client.request('POST', '/show/update', { showTime, capacity: 1 }, manager);
  expect(made.status, made.text).toBe(200);
  const booking = { userName: 'Metric Guest', phoneNo: '5550199001', showTime };
  const booked = await h.client.request('POST', '/ticket/book', booking, kiosk, { 'Idempotency-Key': 'metrics-1' });
  expect(booked.status, booked.text).toBe(201);
  const replay = await h.client.request('POST', '/ticket/book', booking, kiosk, { 'Idempotency-Key': 'metrics-1' });
  expect(replay.headers['idempotent-replayed']).toBe('true');
  const full = await h.client.request('POST', '/ticket/book', { userName: 'Too Late', phoneNo: '5550199002', showTime }, kiosk);
  expect(full.json.error.code).toBe('HOUSEFULL');
  const invalid = await h.client.request('POST', '/ticket/book', { userName: 'No Phone', showTime }, kiosk);
  expect(invalid.json.error.code).toBe('INVALID_INPUT');
  const admitted = await h.client.request('POST', '/ticket/checkin', { ticketCode: booked.json.ticketCode }, door);
  expect(admitted.status, admitted.text).toBe(200);
  await h.core.sweeper.runOnce();

  // A seat stream held open while scraping.
  const stream = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = https.request(new URL('/show/seats/stream', h.baseUrl), {
      ca: h.listener.caCertPem, headers: { authorization: `Bearer ${kiosk}` },
    }, resolve);
    req.on('error', reject);
    req.end();
  });
  const after = await scrape();
  stream.destroy();

  const moved = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
  expect(moved('marquee_operations_total', { operation: 'book', result: 'ok' })).toBe(1);
  expect(moved('marquee_operations_total', { operation: 'book', result: 'HOUSEFULL' })).toBe(1);
  expect(moved('marquee_operations_total', { operation: 'book', result: 'INVALID_INPUT' })).toBe(1);
  expect(moved('marquee_operations_total', { operation: 'checkIn', result: 'ok' })).toBe(1);
  expect(moved('marquee_idempotent_replays_total', { operation: 'book' })).toBe(1);
  expect(moved('marquee_operation_duration_seconds_count', { operation: 'book' })).toBe(2); // the replay ran nothing; the invalid one never ran
  expect(moved('marquee_http_requests_total', { method: 'POST', route: '/ticket/book', status: '201' })).toBe(2);
  expect(moved('marquee_http_requests_total', { method: 'POST', route: '/ticket/book', status: '409' })).toBe(1);
  expect(moved('marquee_http_request_duration_seconds_count', { method: 'POST', route: '/ticket/book' })).toBe(4);
  expect(moved('marquee_sweep_runs_total', { outcome: 'ok' })).toBe(1);
  expect(value(after, 'marquee_sweep_last_run_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
  expect(value(after, 'marquee_sse_clients')).toBe(1);
  expect(value(after, 'marquee_db_pool_connections', { state: 'limit' })).toBe(h.core.config.dbPoolSize);
  expect(value(after, 'marquee_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
  expect(value(after, 'marquee_embedded_db_restarts_total')).toBe(0);
});

test('a scan of made-up paths adds one "(no route)" series, not one per path', async () => {
  for (let i = 0; i < 5; i++) expect((await h.client.request('GET', `/no-such-page-${i}`)).status).toBe(404);
  const routes = (await scrape()).samples.filter((s) => s.name === 'marquee_http_requests_total').map((s) => s.labels.route);
  expect(routes).toContain('(no route)');
  expect(routes.some((r) => r?.startsWith('/no-such-page'))).toBe(false);
});

test('racing bookings are counted exactly: as many "ok" as seats, the rest HOUSEFULL', async () => {
  const manager = await h.token('manager');
  const showTime = await h.showTime(45);
  expect((await h.client.request('POST', '/show/update', { showTime, capacity: 5 }, manager)).status).toBe(200);
  const before = await scrape();
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) =>
    h.client.request('POST', '/ticket/book', { userName: `Racer ${i}`, phoneNo: `55502${String(i).padStart(5, '0')}`, showTime }, kiosk)));
  const after = await scrape();
  expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
  expect(answers.filter((a) => a.json?.error?.code === 'HOUSEFULL')).toHaveLength(25);
  const moved = (labels: Record<string, string>) => value(after, 'marquee_operations_total', labels) - value(before, 'marquee_operations_total', labels);
  expect(moved({ operation: 'book', result: 'ok' })).toBe(5);
  expect(moved({ operation: 'book', result: 'HOUSEFULL' })).toBe(25);
});

test('the OpenAPI document describes GET /metrics with bearer security', async () => {
  const doc = (await h.client.request('GET', '/openapi.json')).json;
  const op = doc.paths['/metrics'].get;
  expect(op.security).toEqual([{ bearer: [] }]);
  expect(Object.keys(op.responses)).toEqual(['200', '401', '403']);
});
