// What a socket may cost the listener, with real sockets: a TCP client that never starts TLS
// and a client that dribbles its headers lose the socket within the configured times; past
// the connection cap requests get 503 SERVER_BUSY; past the per-token cap a seat stream gets
// 429; TLS 1.2 offers only ECDHE with AES-GCM or ChaCha20-Poly1305 (checked with openssl).
import { execFile } from 'node:child_process';
import type { ClientRequest, IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SOCKET_LIMITS } from '../../../../main/core/http/connections';
import { startHarness, type Harness } from './harness';

const MAX_CONNECTIONS = 6;
const MAX_STREAMS = 2;
let h: Harness;
let port: number;

beforeAll(async () => {
  h = await startHarness({ maxConnections: MAX_CONNECTIONS, maxStreamsPerToken: MAX_STREAMS });
  port = h.listener.port;
});
afterAll(async () => {
  await h?.close();
});

/** Milliseconds until the server closes `socket` (or `limitMs` passes: then Infinity). */
function closedAfter(socket: net.Socket, limitMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Infinity);
    }, limitMs);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

function tlsSocket(): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: h.listener.caCertPem, servername: 'localhost' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

test('a TCP client that never starts TLS and one that dribbles its headers lose the socket within the limits', async () => {
  // Without the limits: 120 s (Node's handshake default) and up to 35 s (its 30 s check).
  const bound = 16_000;
  const raw = net.connect(port, '127.0.0.1');
  const silent = closedAfter(raw, 40_000);

  const slow = await tlsSocket();
  const dribbling = closedAfter(slow, 40_000);
  slow.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
  const drip = setInterval(() => {
    if (!slow.destroyed) slow.write('X-Slow: still typing\r\n');
  }, 500);
  const [silentMs, dribbleMs] = await Promise.all([silent, dribbling]);
  clearInterval(drip);
  console.log(`[connections] no handshake closed after ${silentMs} ms (limit ${SOCKET_LIMITS.handshakeMs}); ` +
    `dribbled headers closed after ${dribbleMs} ms (limit ${SOCKET_LIMITS.headersMs})`);
  expect(silentMs).toBeGreaterThanOrEqual(SOCKET_LIMITS.handshakeMs - 100);
  expect(silentMs).toBeLessThan(bound);
  expect(dribbleMs).toBeGreaterThanOrEqual(SOCKET_LIMITS.headersMs - 100);
  expect(dribbleMs).toBeLessThan(bound);
});

test('past the connection cap a request is answered 503 SERVER_BUSY with Retry-After; below it again, served', async () => {
  const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => tlsSocket()));
  const busy = await h.client.request('GET', '/health');
  expect(busy.status).toBe(503);
  expect(busy.json.error.code).toBe('SERVER_BUSY');
  expect(busy.json.error.message).toContain(`${MAX_CONNECTIONS} connections`);
  expect(busy.headers['retry-after']).toBe('1');
  expect(busy.headers.connection).toBe('close');
  for (const s of held) s.destroy();
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    status = (await h.client.request('GET', '/health')).status;
  }
  expect(status).toBe(200);
});

interface OpenStream {
  status: number;
  body: Promise<string>;
  request: ClientRequest;
  response: IncomingMessage;
}

function openStream(token: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const request = https.get(new URL('/show/seats/stream', h.baseUrl), {
      ca: h.listener.caCertPem,
      agent: false,
      headers: { authorization: `Bearer ${token}` },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.on('data', (d: Buffer) => {
        text += d.toString();
      });
      const body = new Promise<string>((done) => response.on('end', () => done(text)).on('close', () => done(text)));
      resolve({ status: response.statusCode ?? 0, body, request, response });
    });
  });
}

test('one token holds at most the configured number of seat streams; one more is 429 with a clear message; others are not affected', async () => {
  const kiosk = await h.token('kiosk');
  const signage = await h.token('viewer');
  const first = await openStream(kiosk);
  const second = await openStream(kiosk);
  expect([first.status, second.status]).toEqual([200, 200]);

  const third = await openStream(kiosk);
  expect(third.status).toBe(429);
  expect(JSON.parse(await third.body).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining(`${MAX_STREAMS} seat streams open`) });

  const other = await openStream(signage);
  expect(other.status).toBe(200);

  // Closing one frees its place at once (the server sees the socket close).
  first.request.destroy();
  let again: OpenStream | null = null;
  for (let i = 0; i < 50; i++) {
    again = await openStream(kiosk);
    if (again.status === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(again?.status).toBe(200);
  for (const s of [second, other, again!]) s.request.destroy();
});

function sClient(args: string[]): Promise<{ ok: boolean; cipher: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', ...args],
      { timeout: 15_000 },
      (_err, stdout) => {
        const m = /Cipher is (\S+)/.exec(stdout);
        const cipher = m && m[1] !== '(NONE)' ? m[1]! : '';
        resolve({ ok: cipher !== '', cipher });
      },
    );
    child.stdin?.end();
  });
}

test('TLS 1.2 offers only ECDHE with AES-GCM or ChaCha20-Poly1305; CBC, CCM8, ARIA and static RSA are refused; TLS 1.3 as it is', async () => {
  const offered = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305'];
  const refused = [
    'ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-ECDSA-AES256-SHA384',
    'ECDHE-ECDSA-AES128-CCM8', 'ECDHE-ECDSA-AES256-CCM', 'ECDHE-ECDSA-ARIA128-GCM-SHA256', 'ECDHE-ECDSA-CAMELLIA128-SHA256',
    'AES128-GCM-SHA256', 'AES128-SHA', 'DHE-RSA-AES128-GCM-SHA256',
  ];
  const rows: string[] = [];
  for (const cipher of [...offered, ...refused]) {
    // @SECLEVEL=0 lets this client ask for anything; the server's list alone decides.
    const answer = await sClient(['-tls1_2', '-cipher', `${cipher}:@SECLEVEL=0`]);
    rows.push(`  TLSv1.2 ${cipher.padEnd(32)} ${answer.ok ? 'accepted' : 'refused'}`);
    expect({ cipher, accepted: answer.ok }).toEqual({ cipher, accepted: offered.includes(cipher) });
  }
  for (const suite of ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
    const answer = await sClient(['-tls1_3', '-ciphersuites', suite]);
    rows.push(`  TLSv1.3 ${suite.padEnd(32)} ${answer.ok ? 'accepted' : 'refused'}`);
    expect({ suite, accepted: answer.ok }).toEqual({ suite, accepted: true });
  }
  const old = await sClient(['-tls1_1', '-cipher', 'ALL:@SECLEVEL=0']);
  rows.push(`  TLSv1.1 ${'(any)'.padEnd(32)} ${old.ok ? 'accepted' : 'refused'}`);
  expect(old.ok).toBe(false);
  console.log(`[tls] openssl s_client against the listener:\n${rows.join('\n')}`);
});
