// The data directory and what serve writes there are private (0700 / 0600), and marquee.log
// rotates by size while serve runs: under a flood of requests the log stays within
// (MARQUEE_LOG_FILES + 1) × MARQUEE_LOG_MAX_BYTES and the newest lines are in marquee.log.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHttpsClient, spawnServe, type HttpsClient, type ServeProcess } from '../../../support/server';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

const MAX_BYTES = 64 * 1024;
const FILES = 2;
const mode = (p: string) => statSync(p).mode & 0o777;

let database: TestDatabase;
let serve: ServeProcess;
let client: HttpsClient;
let parent: string;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // A data directory left 0755 by an older Marquee, with a world-readable log in it.
  parent = mkdtempSync(path.join(os.tmpdir(), 'marquee-logs-'));
  dataDir = path.join(parent, 'data');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  writeFileSync(path.join(dataDir, 'marquee.log'), '{"msg":"from before"}\n', { mode: 0o644 });
  chmodSync(path.join(dataDir, 'marquee.log'), 0o644);
  serve = await spawnServe({
    dbUrl: database.url,
    dataDir,
    env: { MARQUEE_LOG_MAX_BYTES: String(MAX_BYTES), MARQUEE_LOG_FILES: String(FILES), MARQUEE_RATE_LIMIT: '1000000' },
  });
  client = createHttpsClient(serve.baseUrl, serve.caCertPem, { maxSockets: 16 });
});

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await database?.drop();
  if (parent) rmSync(parent, { recursive: true, force: true });
});

test('the data directory is 0700 and the log and key files in it 0600', () => {
  expect(mode(dataDir)).toBe(0o700);
  expect(mode(path.join(dataDir, 'marquee.log'))).toBe(0o600);
  for (const key of ['server-key.pem', 'private/ca-key.pem']) expect(mode(path.join(dataDir, 'tls', key)), key).toBe(0o600);
  expect(mode(path.join(dataDir, 'tls', 'private'))).toBe(0o700);
});

test('a flood of requests rotates the log while serve runs, within its files and size', async () => {
  const rounds = 12;
  for (let round = 0; round < rounds; round++) {
    // Each request is one access-log line of about 150 bytes: 300 of them fill most of a file.
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => client.request('GET', `/no-such-page?flood=${round}-${i}`)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([404]));
  }
  expect((await client.request('GET', '/openapi.json')).status).toBe(200);
  // The file is written asynchronously: wait for the last request's line rather than for a time.
  const log = path.join(dataDir, 'marquee.log');
  for (let i = 0; i < 200 && !readFileSync(log, 'utf8').includes('"route":"/openapi.json"'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(readFileSync(log, 'utf8')).toContain('"route":"/openapi.json"');

  const files = readdirSync(dataDir).filter((f) => f.startsWith('marquee.log')).sort();
  expect(files).toEqual(['marquee.log', 'marquee.log.1', 'marquee.log.2']);
  let lines = 0;
  for (const file of files) {
    const full = path.join(dataDir, file);
    expect(mode(full), file).toBe(0o600);
    // A file rotates after the write that takes it past the limit: at most one batch of lines more.
    expect(statSync(full).size, file).toBeLessThanOrEqual(MAX_BYTES + 16 * 1024);
    const text = readFileSync(full, 'utf8');
    for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line), `${file}: ${line}`).not.toThrow();
    lines += text.trimEnd().split('\n').length;
  }
  // 3,600 requests were logged, but only the last three files' worth is kept: the oldest went.
  expect(lines).toBeLessThan(rounds * 300);
  expect(readFileSync(path.join(dataDir, 'marquee.log.2'), 'utf8')).not.toContain('from before');
  expect(existsSync(path.join(dataDir, 'marquee.log.3'))).toBe(false);
  // serve keeps answering throughout and afterwards.
  expect((await client.request('GET', '/health')).status).toBe(200);
});
