// The REST contract over real HTTPS: answer shapes, the original API's clients, error shapes
// and statuses, limits, headers, the OpenAPI document, the seat stream and the web UI paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERRORS } from '../../../../main/common/errors';
import { OPERATION_NAMES, isPublic, OPERATIONS } from '../../../../main/common/operations';
import type { SeatUpdate } from '../../../../main/common/schemas';
import { ConfigError } from '../../../../main/core/config';
import { silentLogger } from '../../../../main/core/log';
import { startListener } from '../../../../main/core/http/listener';
import { CONTENT_SECURITY_POLICY } from '../../../../main/core/http/security-headers';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
let kiosk: string;

beforeAll(async () => {
  h = await startHarness();
  manager = await h.token('manager', 'Box office PC');
  kiosk = await h.token('kiosk', 'Lobby kiosk');
});
afterAll(async () => {
  await h?.close();
});

/** The original Flask API's date format: local wall time with four decimals. */
function originalFormat(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.0000`;
}

describe('answers', () => {
  test('book answers 201 with the ticket and the original sentence; the roster is a bare array', async () => {
    const showTime = await h.showTime(300);
    const booked = await h.client.request('POST', '/ticket/book', { userName: 'Ana Lima', phoneNo: '+1 555 010-0199', showTime }, kiosk);
    expect(booked.status).toBe(201);
    expect(booked.headers['content-type']).toMatch(/^application\/json/);
    expect(booked.json).toEqual({
      ticketId: expect.any(Number),
      ticketCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      showId: expect.any(Number),
      showTime: showTime.replace('Z', '+00:00'),
      userName: 'Ana Lima',
      seatsLeft: 19,
      // No items: one seat of the default type, as the original API's clients book.
      seats: 1,
      items: [{ ticketTypeId: expect.any(Number), name: 'Standard', count: 1, unitPrice: 0 }],
      total: 0,
      currency: 'USD',
      paid: true,
      amountDue: 0,
      result: OPERATIONS.book.result,
    });
    const roster = await h.client.request('POST', '/ticket/view/time', { showTime }, manager);
    expect(roster.status).toBe(200);
    expect(roster.json).toEqual([
      {
        ticketId: booked.json.ticketId, userName: 'Ana Lima', phoneNo: '+15550100199', showTime: showTime.replace('Z', '+00:00'), isExpired: false,
        ticketCode: booked.json.ticketCode, checkedInAt: null, checkedInBy: null,
        seats: 1, admitted: 0, items: [{ ticketTypeId: expect.any(Number), name: 'Standard', count: 1, unitPrice: 0 }], total: 0, paid: true, amountDue: 0, refundable: 0,
      },
    ]);
    const moved = await h.client.request('POST', '/ticket/update/time', { ticketId: booked.json.ticketId, showTime: await h.showTime(400) }, manager);
    expect(moved.json.result).toBe(OPERATIONS.move.result);
    const cancelled = await h.client.request('POST', '/ticket/delete', { ticketId: booked.json.ticketId }, manager);
    // The operation is called cancel now; old clients still get the original path and sentence.
    expect(cancelled.json).toEqual({ ticketId: booked.json.ticketId, seats: 0, released: 1, result: 'Success - Ticket deleted' });
    expect(OPERATIONS.cancel.result).toBe('Success - Ticket deleted');
  });

  test('the audit trail names the device by its token label', async () => {
    const booked = await h.client.request('POST', '/ticket/book', { userName: 'Audit', phoneNo: '5550100111', showTime: await h.showTime(310) }, kiosk);
    const history = await h.client.request('POST', '/ticket/history', { ticketId: booked.json.ticketId }, manager);
    expect(history.status).toBe(200);
    expect(history.json.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([['booked', 'Lobby kiosk']]);
  });

  test('requests exactly as an old client of the original API sends them succeed', async () => {
    const showTime = await h.showTime(320);
    const old = originalFormat(showTime);
    const booked = await h.client.request('POST', '/ticket/book', JSON.stringify({ userName: 'Old Client', phoneNo: '5550100222', showTime: old }), manager, {
      'Content-Type': 'application/json',
    });
    expect(booked.status).toBe(201);
    const ticketId = String(booked.json.ticketId);
    const viewed = await h.client.request('POST', '/ticket/view/user', { ticketId }, manager);
    expect(viewed.status).toBe(200);
    expect(viewed.json.userName).toBe('Old Client');
    const list = await h.client.request('POST', '/ticket/view/time', { showTime: old }, manager);
    expect(list.json.map((t: { ticketId: number }) => t.ticketId)).toEqual([booked.json.ticketId]);
    const moved = await h.client.request('POST', '/ticket/update/time', { ticketId, showTime: originalFormat(await h.showTime(330)) }, manager);
    expect(moved.status).toBe(200);
    expect(moved.json.result).toBe('Success - Ticket time updated');
    const deleted = await h.client.request('POST', '/ticket/delete', { ticketId }, manager);
    expect(deleted.status).toBe(200);
    expect(deleted.json.result).toBe('Success - Ticket deleted');
  });
});

describe('errors', () => {
  const expectError = (answer: { status: number; json: { error?: { code: string; message: string } } }, code: keyof typeof ERRORS) => {
    expect(answer.status).toBe(ERRORS[code].status);
    expect(answer.json.error?.code).toBe(code);
    expect(typeof answer.json.error?.message).toBe('string');
  };

  test('business errors carry their code and status', async () => {
    expectError(await h.client.request('POST', '/ticket/view/user', { ticketId: 999999 }, manager), 'TICKET_NOT_FOUND');
    expectError(await h.client.request('POST', '/ticket/book', { userName: 'Late', phoneNo: '5550100333', showTime: await h.showTime(-9 * 60) }, kiosk), 'SHOW_EXPIRED');
    const full = await h.client.request('POST', '/show/update', { showTime: await h.showTime(340), capacity: 1 }, manager);
    expect(full.status).toBe(200);
    expect((await h.client.request('POST', '/ticket/book', { userName: 'First', phoneNo: '5550100444', showTime: full.json.showTime }, kiosk)).status).toBe(201);
    expectError(await h.client.request('POST', '/ticket/book', { userName: 'Second', phoneNo: '5550100555', showTime: full.json.showTime }, kiosk), 'HOUSEFULL');
  });

  test('invalid input names the field', async () => {
    const answer = await h.client.request('POST', '/ticket/book', { userName: 'X', phoneNo: 'call me', showTime: '2030-01-01 10:00' }, kiosk);
    expectError(answer, 'INVALID_INPUT');
    expect(answer.json.error.field).toBe('phoneNo');
  });

  test('malformed JSON, an empty body, a non-object and a wrong content type are INVALID_INPUT', async () => {
    expectError(await h.client.request('POST', '/ticket/book', '{"userName": "Ana",', kiosk), 'INVALID_INPUT');
    expectError(await h.client.request('POST', '/ticket/book', '', kiosk), 'INVALID_INPUT');
    expectError(await h.client.request('POST', '/ticket/book', '[1, 2]', kiosk), 'INVALID_INPUT');
    expectError(await h.client.request('POST', '/ticket/book', 'userName=Ana', kiosk, { 'content-type': 'application/x-www-form-urlencoded' }), 'INVALID_INPUT');
    expectError(await h.client.request('POST', '/ticket/book', '{}', kiosk, { 'content-type': 'text/plain' }), 'INVALID_INPUT');
    expectError(await h.client.request('POST', '/ticket/book', '{"__proto__": {"x": 1}}', kiosk), 'INVALID_INPUT');
  });

  test('a body over 16 KiB is 413 PAYLOAD_TOO_LARGE; 16 KiB exactly is read', async () => {
    const wrap = (n: number) => JSON.stringify({ userName: 'x'.repeat(n) });
    const exact = wrap(16 * 1024 - wrap(0).length);
    expect(Buffer.byteLength(exact)).toBe(16 * 1024);
    expectError(await h.client.request('POST', '/ticket/book', exact, kiosk), 'INVALID_INPUT');
    expectError(await h.client.request('POST', '/ticket/book', wrap(16 * 1024), kiosk), 'PAYLOAD_TOO_LARGE');
  });

  test('an unknown route is 404 NOT_FOUND in the same shape', async () => {
    expectError(await h.client.request('GET', '/ticket/nope', undefined, manager), 'NOT_FOUND');
    expectError(await h.client.request('POST', '/admin', {}, manager), 'NOT_FOUND');
    expectError(await h.client.request('GET', '/ticket/book', undefined, manager), 'NOT_FOUND');
  });

  test('a stranger is refused before the body is even parsed', async () => {
    expectError(await h.client.request('POST', '/ticket/book', '{not json'), 'UNAUTHENTICATED');
    expectError(await h.client.request('POST', '/ticket/book', '{}', 'Basic abc'), 'UNAUTHENTICATED');
  });
});

describe('headers', () => {
  test('security headers on API answers, errors and 404s; HSTS over HTTPS', async () => {
    for (const answer of [
      await h.client.request('GET', '/health'),
      await h.client.request('POST', '/show/list', {}, kiosk),
      await h.client.request('POST', '/show/list', {}),
      await h.client.request('GET', '/nowhere'),
    ]) {
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  test('no CORS headers even for a cross-origin request when no origin is configured', async () => {
    const answer = await h.client.request('POST', '/show/list', {}, kiosk, { origin: 'https://evil.example' });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect((await h.client.request('OPTIONS', '/show/list', undefined, undefined, { origin: 'https://evil.example' })).status).toBe(404);
  });

  test('the client must trust the CA: without it the TLS handshake fails', async () => {
    const error = await new Promise<Error>((resolve) => {
      https.get(new URL('/health', h.baseUrl), (res) => resolve(new Error(`unexpected ${res.statusCode}`))).on('error', resolve);
    });
    expect((error as NodeJS.ErrnoException).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
  });
});

describe('OpenAPI', () => {
  test('describes every operation from the same schemas, with bearer security and the error shape', async () => {
    const answer = await h.client.request('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const doc = answer.json;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(ERRORS));
    for (const name of OPERATION_NAMES) {
      const op = doc.paths[OPERATIONS[name].path].post;
      expect(op.operationId).toBe(name);
      // Redeeming a pairing code is how a device gets its token, so it cannot ask for one.
      expect(op.security).toEqual(isPublic(name) ? [] : [{ bearer: [] }]);
      expect(op.responses[String(OPERATIONS[name].status)]).toBeDefined();
      expect(op.responses['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      expect(op.requestBody.content['application/json'].schema.type).toBe('object');
    }
    const book = doc.paths['/ticket/book'].post;
    // The show is named by showId or showTime (one of them: checked by the schema's refinement).
    expect(book.requestBody.content['application/json'].schema.required).toEqual(['userName', 'phoneNo']);
    expect(Object.keys(book.requestBody.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['showId', 'showTime']));
    expect(book.responses['201'].content['application/json'].schema.properties.result.const).toBe(OPERATIONS.book.result);
    expect(book.parameters[0].name).toBe('Idempotency-Key');
    expect(doc.paths['/ticket/view/time'].post.responses['200'].content['application/json'].schema.type).toBe('array');
    expect(doc.paths['/health'].get.security).toEqual([]);
  });
});

describe('seat stream', () => {
  test('sends every upcoming show on connect, then changes, then heartbeats; stops cleanly', async () => {
    const quick = await startHarness({}, { heartbeatMs: 200 });
    try {
      const token = await quick.token('viewer');
      const booker = await quick.token('kiosk');
      const showTime = await quick.showTime(500);
      await quick.client.request('POST', '/ticket/book', { userName: 'Before', phoneNo: '5550100666', showTime }, booker);

      const events: SeatUpdate[] = [];
      let raw = '';
      const req = https.get(new URL('/show/seats/stream', quick.baseUrl), { ca: quick.listener.caCertPem, headers: { authorization: `Bearer ${token}` } });
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        req.on('response', resolve);
        req.on('error', reject);
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      response.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
        for (const m of raw.matchAll(/event: seats\ndata: (.+)\n\n/g)) events.push(JSON.parse(m[1]!));
        raw = raw.replace(/event: seats\ndata: .+\n\n/g, '');
      });
      const waitFor = async (ok: () => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        return ok();
      };
      const expected = showTime.replace('Z', '+00:00');
      expect(await waitFor(() => events.some((e) => e.showTime === expected && e.booked === 1))).toBe(true);
      await quick.client.request('POST', '/ticket/book', { userName: 'After', phoneNo: '5550100777', showTime }, booker);
      expect(await waitFor(() => events.some((e) => e.showTime === expected && e.booked === 2 && e.seatsLeft === 18))).toBe(true);
      expect(await waitFor(() => raw.includes(': heartbeat'))).toBe(true);

      const ended = new Promise<void>((resolve) => response.once('end', () => resolve()));
      await quick.listener.close(); // must not hang on the open stream
      await ended;
    } finally {
      await quick.close();
    }
  });
});

describe('web UI and listener configuration', () => {
  test('serves the built UI at /kiosk/ and /manager/ with the CSP', async () => {
    const ui = mkdtempSync(path.join(os.tmpdir(), 'marquee-ui-'));
    mkdirSync(path.join(ui, 'assets'));
    writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Marquee</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log("marquee")');
    const withUi = await startHarness({}, { uiDir: ui });
    try {
      for (const prefix of ['/kiosk/', '/manager/']) {
        const page = await withUi.client.request('GET', prefix);
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('<title>Marquee</title>');
        expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
        const script = await withUi.client.request('GET', `${prefix}assets/app.js`);
        expect(script.status).toBe(200);
        expect(script.headers['content-type']).toMatch(/javascript/);
      }
      expect((await withUi.client.request('GET', '/kiosk')).status).toBe(301);
      expect((await withUi.client.request('GET', '/kiosk/../../etc/passwd')).status).toBe(404);
    } finally {
      await withUi.close();
      rmSync(ui, { recursive: true, force: true });
    }
  });

  test('without a built UI, /kiosk/ and /manager/ say to run npm run build', async () => {
    for (const p of ['/kiosk/', '/manager/', '/kiosk', '/manager/index.html']) {
      const answer = await h.client.request('GET', p);
      expect(answer.status).toBe(503);
      expect(answer.text).toContain('npm run build');
    }
  });

  test('plain HTTP is refused off loopback and works on it', async () => {
    const offLoopback = { ...h.core, config: { ...h.core.config, httpPlain: true, httpHost: '0.0.0.0' } };
    await expect(startListener(offLoopback, { logger: silentLogger, uiDir: null })).rejects.toThrow(ConfigError);
    await expect(startListener(offLoopback, { logger: silentLogger, uiDir: null })).rejects.toThrow(/loopback/);

    const plain = await startListener({ ...h.core, config: { ...h.core.config, httpPlain: true, httpHost: '127.0.0.1' } }, { logger: silentLogger, uiDir: null });
    try {
      expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${plain.url}/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await plain.close();
    }
  });

  test('CORS only for the configured origins', async () => {
    const cors = await startHarness({ corsOrigins: ['https://signage.example'] });
    try {
      const token = await cors.token('viewer');
      const allowed = await cors.client.request('POST', '/show/list', {}, token, { origin: 'https://signage.example' });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://signage.example');
      const other = await cors.client.request('POST', '/show/list', {}, token, { origin: 'https://evil.example' });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await cors.client.request('OPTIONS', '/ticket/book', undefined, undefined, {
        origin: 'https://signage.example', 'access-control-request-method': 'POST',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    } finally {
      await cors.close();
    }
  });

  test('rate limit per token: 429 RATE_LIMITED with Retry-After; other tokens unaffected', async () => {
    const limited = await startHarness({ rateLimitPerMinute: 5 });
    try {
      const busy = await limited.token('viewer');
      const calm = await limited.token('viewer');
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 7; i++) {
        last = await limited.client.request('POST', '/show/list', {}, busy);
        statuses.push(last.status);
        // The counts go with the refusal only, not with every answer.
        if (last.status === 200) expect(last.headers['x-ratelimit-remaining']).toBeUndefined();
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(last!.json.error.code).toBe('RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(last!.headers['x-ratelimit-limit']).toBe('5');
      expect((await limited.client.request('POST', '/show/list', {}, calm)).status).toBe(200);
      // Strangers are counted by address, so guessing tokens is limited too.
      const guesses: number[] = [];
      for (let i = 0; i < 7; i++) guesses.push((await limited.client.request('POST', '/show/list', {}, `mq_${String(i).repeat(43)}`)).status);
      expect(guesses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
