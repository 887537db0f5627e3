// `marquee serve` as real processes: two of them on one database under a booking rush and
// sharing pairing codes and their guess limit, the token commands against a running server, the
// start-up banner and a graceful stop.
import { execFile } from 'node:child_process';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAIRING_GUESSES_PER_SOURCE } from '../../../../main/core/auth/pairing-guesses';
import { MAX_TOKEN_CACHE_MS } from '../../../../main/core/auth/tokens';
import { createHttpsClient, createTokenWithCli, spawnServe, type HttpsClient, type ServeProcess } from '../../../support/server';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../../support/db';

const MARQUEE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/marquee.js');

function marquee(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MARQUEE, ...args], { env: { ...process.env, MARQUEE_TIMEZONE: 'UTC', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let database: TestDatabase;
let a: ServeProcess;
let b: ServeProcess;
let clientA: HttpsClient;
let clientB: HttpsClient;

beforeAll(async () => {
  database = await createTestDatabase();
  [a, b] = await Promise.all([spawnServe({ dbUrl: database.url }), spawnServe({ dbUrl: database.url })]);
  clientA = createHttpsClient(a.baseUrl, a.caCertPem, { maxSockets: 100 });
  clientB = createHttpsClient(b.baseUrl, b.caCertPem, { maxSockets: 100 });
});

afterAll(async () => {
  clientA?.close();
  clientB?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

test('the start-up banner says where it listens, the UI URLs, the fingerprint and how to make a token', () => {
  const out = a.output();
  expect(out).toMatch(/^Listening on https:\/\/127\.0\.0\.1:\d+$/m);
  expect(out).toMatch(/Kiosk: +https:\/\/127\.0\.0\.1:\d+\/kiosk\//);
  expect(out).toMatch(/Manager: +https:\/\/127\.0\.0\.1:\d+\/manager\//);
  expect(out).toMatch(/Door: +https:\/\/127\.0\.0\.1:\d+\/door\//);
  expect(out).toMatch(/SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  expect(out).toContain('marquee token create --role');
});

test('200 simultaneous bookings for one show over two processes: exactly 20 accepted, 180 housefull', async () => {
  const token = await createTokenWithCli(database.url, 'kiosk', 'Rush kiosk');
  const showTime = await showTimeFromNow(database.db, 90);
  await openShow(database.ctx, showTime); // the kiosks book into a show the manager made
  // Both servers get their connections (TLS, database pool) ready first, so the rush is a race.
  await Promise.all([clientA, clientB].flatMap((client) => Array.from({ length: 100 }, () => client.request('POST', '/show/list', {}, token))));
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      (i % 2 === 0 ? clientA : clientB).request('POST', '/ticket/book', { userName: `Rush ${i}`, phoneNo: `+1555700${String(i).padStart(4, '0')}`, showTime }, token),
    ),
  );
  const byStatus: Record<number, number> = {};
  for (const answer of answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
  expect(byStatus).toEqual({ 201: 20, 409: 180 });
  for (const answer of answers.filter((x) => x.status === 409)) expect(answer.json.error.code).toBe('HOUSEFULL');
  console.log(`[rush] seats sold by process A: ${answers.filter((x, i) => x.status === 201 && i % 2 === 0).length}, by B: ${answers.filter((x, i) => x.status === 201 && i % 2 === 1).length}`);
  // The database agrees with the answers.
  const [row] = await database.db.rows(
    'SELECT s.booked, COUNT(t.ticket_id) AS tickets FROM show_record s LEFT JOIN ticket_record t ON t.show_id = s.show_id WHERE s.starts_at = ? GROUP BY s.show_id',
    [new Date(showTime)],
  );
  expect({ booked: Number(row!.booked), tickets: Number(row!.tickets) }).toEqual({ booked: 20, tickets: 20 });
  const sold = new Set(answers.filter((x) => x.status === 201).map((x) => x.json.ticketId));
  expect(sold.size).toBe(20);
});

test('pairing over two processes: a code made through one redeems through the other, and both count one address together', async () => {
  const manager = await createTokenWithCli(database.url, 'manager', 'Pairing office');
  const made = (await clientA.request('POST', '/pairing/create', { role: 'door', label: 'Door B' }, manager)).json as { code: string };
  const wrong = String((Number(made.code) + 1) % 1_000_000).padStart(6, '0');
  // Five wrong codes from this address, alternating between the processes, spend its guesses in both.
  for (let i = 0; i < PAIRING_GUESSES_PER_SOURCE; i++) {
    expect((await (i % 2 === 0 ? clientA : clientB).request('POST', '/pairing/redeem', { code: wrong })).status).toBe(404);
  }
  for (const client of [clientA, clientB]) expect((await client.request('POST', '/pairing/redeem', { code: made.code })).status).toBe(429);
  // The device itself, from its own address, pairs through the other process.
  const device = createHttpsClient(b.baseUrl, b.caCertPem, { localAddress: '127.0.0.77' });
  const paired = await device.request('POST', '/pairing/redeem', { code: made.code, expectRole: 'door' });
  device.close();
  expect(paired.status, paired.text).toBe(201);
  expect(paired.json).toMatchObject({ role: 'door', label: 'Door B' });
});

describe('marquee token', () => {
  const env = () => ({ MARQUEE_DB_URL: database.url });

  test('create prints the token as the last line; list never shows it; revoke holds in every server within a second', async () => {
    const created = await marquee(['token', 'create', '--role', 'viewer', '--label', 'Door sign'], env());
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    const token = lines[lines.length - 1]!;
    expect(token).toMatch(/^mq_[A-Za-z0-9_-]{43}$/);
    const id = /#(\d+)/.exec(created.stdout)![1]!;

    expect((await clientA.request('POST', '/show/list', {}, token)).status).toBe(200);

    const listed = await marquee(['token', 'list'], env());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+viewer\\s+Door sign\\s+\\S+Z\\s+-$`, 'm'));
    expect(listed.stdout).not.toContain(token.slice(3));

    const revoked = await marquee(['token', 'revoke', '--id', id], env());
    expect(revoked.code).toBe(0);
    // The servers trust a checked token for at most MAX_TOKEN_CACHE_MS: after that, both refuse it.
    await new Promise((r) => setTimeout(r, MAX_TOKEN_CACHE_MS + 50));
    for (const client of [clientA, clientB]) {
      expect((await client.request('POST', '/show/list', {}, token)).status).toBe(401);
    }
    const relisted = await marquee(['token', 'list'], env());
    expect(relisted.stdout).toMatch(new RegExp(`^${id}\\s+viewer\\s+Door sign\\s+\\S+Z\\s+\\d{4}-\\S+Z$`, 'm'));
  });

  test('bad arguments are usage errors; an unknown id is an error', async () => {
    expect((await marquee(['token', 'create', '--role', 'admin', '--label', 'x'], env())).code).toBe(2);
    expect((await marquee(['token', 'create', '--role', 'kiosk'], env())).code).toBe(2);
    expect((await marquee(['token', 'revoke', '--id', 'abc'], env())).code).toBe(2);
    const missing = await marquee(['token', 'revoke', '--id', '999999'], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no token #999999');
  });
});

test('serve refuses plain HTTP off loopback with a clear message', async () => {
  const refused = await marquee(['serve'], { MARQUEE_DB_URL: database.url, MARQUEE_HTTP_PLAIN: '1', MARQUEE_HTTP_HOST: '0.0.0.0', MARQUEE_HTTP_PORT: '0' });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/Plain HTTP is only allowed on a loopback address/);
});

test('SIGTERM lets a request in flight finish, then stops cleanly', async () => {
  const c = await spawnServe({ dbUrl: database.url });
  const token = await createTokenWithCli(database.url, 'kiosk', 'Last kiosk');
  const showTime = await showTimeFromNow(database.db, 120);
  await openShow(database.ctx, showTime);
  const body = JSON.stringify({ userName: 'In Flight', phoneNo: '+15557009999', showTime });
  const port = Number(new URL(c.baseUrl).port);
  const socket = tls.connect({ host: '127.0.0.1', port, ca: c.caCertPem });
  await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  let response = '';
  socket.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // Headers and half the body now; the rest after the server was told to stop. The
  // 100-continue answer proves the server has the request in hand before the signal.
  socket.write(
    `POST /ticket/book HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Connection: close\r\nExpect: 100-continue\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  const deadline = Date.now() + 10_000;
  while (!response.includes('100 Continue') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(response).toMatch(/^HTTP\/1\.1 100 Continue/);
  socket.write(body.slice(0, 20));
  c.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  expect(c.child.exitCode).toBeNull();
  socket.write(body.slice(20));
  await ended;
  expect(response).toMatch(/\r\n\r\nHTTP\/1\.1 201 /);
  expect(response).toContain('"result":"Success - Ticket booked"');
  expect(await c.stop()).toBe(0);
  expect(c.output()).toMatch(/SIGTERM: finishing requests in flight[\s\S]*Stopped\./);
});
