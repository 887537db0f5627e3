// Pairing codes against an attacker on the theatre's Wi-Fi, through the real HTTPS listener and
// database: each client sends from its own loopback address (127.0.0.x), so the listener sees
// one device per address, as on a LAN. Bursts are sent at once over warmed-up sockets, so they
// reach the server together.
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { guessSource, PAIRING_GUESS_WINDOW_MINUTES, PAIRING_GUESSES_PER_SOURCE, PAIRING_GUESSES_TOTAL } from '../../../../main/core/auth/pairing-guesses';
import { pairingKey } from '../../../../main/core/auth/pairing-key';
import { startCore } from '../../../../main/core/app';
import { ConfigError, loadConfig } from '../../../../main/core/config';
import { createHttpsClient, type HttpsAnswer, type HttpsClient } from '../../../support/server';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
const clients: HttpsClient[] = [];

beforeAll(async () => {
  h = await startHarness();
  manager = await h.token('manager', 'Office');
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.core.db.exec('DELETE FROM pairing_source');
});
// Each test's sockets go with it: the listener holds at most MARQUEE_MAX_CONNECTIONS.
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

let nextHost = 10;
/** A device of its own: a client whose requests come from a loopback address no other test uses. */
function device(): HttpsClient {
  const client = createHttpsClient(h.baseUrl, h.listener.caCertPem, { maxSockets: 250, localAddress: `127.0.0.${nextHost++}` });
  clients.push(client);
  return client;
}

/** Opens `sockets` connections first (TLS and all), so a burst after it arrives at once. */
async function warmUp(client: HttpsClient, sockets: number): Promise<void> {
  await Promise.all(Array.from({ length: sockets }, () => client.request('GET', '/health')));
}

/**
 * One redeem, answered. A socket warmed up before a burst may reach the server's keep-alive
 * timeout while a busy machine is still opening the other hundreds, and the server closes it as
 * the request goes out (ECONNRESET): that request was never read, so it is sent again. Each
 * call still ends in one answer, 429 or evaluated, so the limits are counted as strictly.
 */
async function redeem(client: HttpsClient, body: { code: string; expectRole?: string }) {
  try {
    return await client.request('POST', '/pairing/redeem', body);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    return client.request('POST', '/pairing/redeem', body);
  }
}

async function makeCode(role = 'door', label = 'Door A'): Promise<{ code: string; pairingId: number }> {
  const answer = await h.client.request('POST', '/pairing/create', { role, label }, manager);
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
}

/** Six-digit codes that are not `live`: spread over the whole range. */
const wrongCodes = (live: string, count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => {
    const code = String(((seed * 7_919 + i) * 104_729) % 1_000_000).padStart(6, '0');
    return code === live ? String((Number(code) + 1) % 1_000_000).padStart(6, '0') : code;
  });

const statusCounts = (answers: HttpsAnswer[]) => {
  const counts: Record<number, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
};

const tokenCount = async () => Number((await h.core.db.rows('SELECT COUNT(*) AS n FROM api_token'))[0]!.n);
const codeRow = async (pairingId: number) => (await h.core.db.rows('SELECT used_at, token_id, code_hash FROM pairing_code WHERE pairing_id = ?', [pairingId]))[0]!;
const wrongGuessesCounted = async () => Number((await h.core.db.rows('SELECT COALESCE(SUM(wrong_guesses), 0) AS n FROM pairing_source'))[0]!.n);

describe('bursts', () => {
  test('200 wrong codes at once from one address: at most 5 are evaluated, and a live code hidden at 151 is not redeemed', async () => {
    const made = await makeCode();
    const attacker = device();
    await warmUp(attacker, 200);
    const codes = wrongCodes(made.code, 200, 1);
    codes[150] = made.code;
    const answers = await Promise.all(codes.map((code) => redeem(attacker, { code })));
    const counts = statusCounts(answers);
    console.log(`[pairing] 1 address × 200 at once: ${JSON.stringify(counts)} (evaluated: ${200 - (counts[429] ?? 0)})`);
    expect(200 - (counts[429] ?? 0)).toBeLessThanOrEqual(PAIRING_GUESSES_PER_SOURCE);
    expect(counts[201]).toBeUndefined();
    expect(await wrongGuessesCounted()).toBe(counts[404]);
    expect((await codeRow(made.pairingId)).used_at).toBeNull();
    for (const refused of answers.filter((a) => a.status === 429)) expect(refused.json.error.code).toBe('RATE_LIMITED');
  });

  test('5 addresses × 150 at once: at most 5 evaluated per address', async () => {
    const made = await makeCode();
    const attackers = Array.from({ length: 5 }, device);
    await Promise.all(attackers.map((client) => warmUp(client, 150)));
    const answers = await Promise.all(
      attackers.map((client, a) => Promise.all(wrongCodes(made.code, 150, 10 + a).map((code) => redeem(client, { code })))),
    );
    const evaluated = answers.map((mine) => 150 - (statusCounts(mine)[429] ?? 0));
    console.log(`[pairing] 5 addresses × 150 at once: evaluated per address ${JSON.stringify(evaluated)}, in all ${evaluated.reduce((a, b) => a + b, 0)} of 750`);
    for (const n of evaluated) expect(n).toBeLessThanOrEqual(PAIRING_GUESSES_PER_SOURCE);
    expect((await codeRow(made.pairingId)).used_at).toBeNull();
  });

  test('the right device pairs from its own address while other addresses are being refused', async () => {
    const made = await makeCode('kiosk', 'Lobby kiosk');
    // Enough attacking addresses to pass the total, so the limit is at its tightest.
    const attackers = Array.from({ length: Math.ceil(PAIRING_GUESSES_TOTAL / PAIRING_GUESSES_PER_SOURCE) + 2 }, device);
    await Promise.all(attackers.map((client) => warmUp(client, 40)));
    const kiosk = device();
    const flood = Promise.all(attackers.map((client, a) => Promise.all(wrongCodes(made.code, 40, 100 + a).map((code) => redeem(client, { code })))));
    const paired = await redeem(kiosk, { code: made.code, expectRole: 'kiosk' });
    const attacks = (await flood).flat();
    expect(paired.status, paired.text).toBe(201);
    expect(paired.json).toMatchObject({ role: 'kiosk', label: 'Lobby kiosk', token: expect.stringMatching(/^mq_/) });
    expect(statusCounts(attacks)[429]).toBeGreaterThan(attacks.length / 2);
    expect(statusCounts(attacks)[201]).toBeUndefined();
    // After the flood the refused addresses stay refused; a device with its code is not.
    const late = await makeCode('viewer', 'Foyer sign');
    expect((await redeem(attackers[0]!, { code: late.code })).status).toBe(429);
    expect((await redeem(device(), { code: late.code })).status).toBe(201);
  });

  test('10 simultaneous redeems of one valid code: one token, nine PAIRING_CODE_INVALID, and the address is not locked', async () => {
    const made = await makeCode();
    const door = device();
    await warmUp(door, 10);
    const before = await tokenCount();
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(door, { code: made.code, expectRole: 'door' })));
    expect(statusCounts(answers)).toEqual({ 201: 1, 404: 9 });
    for (const lost of answers.filter((a) => a.status === 404)) expect(lost.json.error.code).toBe('PAIRING_CODE_INVALID');
    expect(await tokenCount()).toBe(before + 1);
    expect(Number((await codeRow(made.pairingId)).token_id)).toBe(answers.find((a) => a.status === 201)!.json.tokenId);
    expect(await wrongGuessesCounted()).toBe(0);
    const next = await makeCode('door', 'Door B');
    expect((await redeem(door, { code: next.code })).status).toBe(201);
  });
});

describe('expectRole', () => {
  test('a code opened on the page of another role: 409 WRONG_ROLE, no token, no guess counted; it still pairs on its own page', async () => {
    const made = await makeCode('kiosk', 'Lobby kiosk 3');
    const phone = device();
    const before = await tokenCount();
    const wrongPage = await redeem(phone, { code: made.code, expectRole: 'door' });
    expect(wrongPage.status).toBe(409);
    expect(wrongPage.json.error).toMatchObject({ code: 'WRONG_ROLE', details: { role: 'kiosk', expectRole: 'door' } });
    expect(await tokenCount()).toBe(before);
    expect((await codeRow(made.pairingId)).used_at).toBeNull();
    expect(await wrongGuessesCounted()).toBe(0);
    const rightPage = await redeem(phone, { code: made.code, expectRole: 'kiosk' });
    expect(rightPage.status, rightPage.text).toBe(201);
    expect(rightPage.json.role).toBe('kiosk');
  });
});

describe('Retry-After', () => {
  test('says how long the address must wait, and the address may try again when it has passed', async () => {
    const made = await makeCode();
    const guesser = device();
    for (const code of wrongCodes(made.code, PAIRING_GUESSES_PER_SOURCE, 7)) expect((await redeem(guesser, { code })).status).toBe(404);
    const first = await redeem(guesser, { code: made.code });
    expect(first.status).toBe(429);
    const full = PAIRING_GUESS_WINDOW_MINUTES * 60;
    expect(Number(first.headers['retry-after'])).toBeGreaterThan(full - 30);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(full);
    expect(first.json.error.details).toEqual({ retryAfterSeconds: first.headers['retry-after'] });

    // Later in the window: the wait shrinks with it.
    await h.core.db.exec('UPDATE pairing_source SET window_ends_at = UTC_TIMESTAMP(3) + INTERVAL 42500000 MICROSECOND');
    const later = await redeem(guesser, { code: made.code });
    expect(later.status).toBe(429);
    expect(Number(later.headers['retry-after'])).toBeGreaterThanOrEqual(41);
    expect(Number(later.headers['retry-after'])).toBeLessThanOrEqual(43);
    expect(later.json.error.message).toMatch(/Wait 1 minute,/);

    // The window over: the code is looked at again.
    await h.core.db.exec('UPDATE pairing_source SET window_ends_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND');
    expect((await redeem(guesser, { code: made.code })).status).toBe(201);
  });
});

describe('the stored code', () => {
  test('is an HMAC under the server secret, not a hash anyone can recompute from the six digits', async () => {
    const made = await makeCode();
    const stored = String((await codeRow(made.pairingId)).code_hash);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(stored).not.toBe(sha(made.code));
    expect(stored).not.toBe(sha(`pairing:${made.code}`));
    const keyFile = h.database.config.pairingKeyFile;
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
    expect(key).toHaveLength(32);
    expect(stored).toBe(createHmac('sha256', key).update(made.code).digest('hex'));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  test('the key lives beside the TLS key unless MARQUEE_PAIRING_KEY_FILE says; made once, 0600, refused when damaged, at start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-pairing-key-test-'));
    try {
      expect(loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_DATA_DIR: dir }).pairingKeyFile).toBe(path.join(dir, 'tls', 'pairing.key'));
      expect(loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_DATA_DIR: dir, MARQUEE_PAIRING_KEY_FILE: '/srv/shared/pairing.key' }).pairingKeyFile).toBe('/srv/shared/pairing.key');
      const file = path.join(dir, 'tls', 'pairing.key');
      const key = pairingKey(file);
      expect(key).toHaveLength(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('hex'));
      const damaged = path.join(dir, 'damaged.key');
      writeFileSync(damaged, 'not a key\n');
      expect(() => pairingKey(damaged)).toThrow(ConfigError);
      // The start refuses it with its sentence, before any database is opened or pairing tried.
      const config = loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_DATA_DIR: dir, MARQUEE_PAIRING_KEY_FILE: damaged, MARQUEE_DB_URL: 'mysql://nobody@127.0.0.1:1/none' });
      await expect(startCore(config)).rejects.toThrow(/pairing key .*damaged\.key is not 64 hex digits/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('who a guess is charged to', () => {
  test('an IPv4 address as itself, also when seen over IPv6; an IPv6 address by its /64, which one host picks addresses from', () => {
    expect(guessSource('ip:192.168.1.23')).toBe('ip:192.168.1.23');
    expect(guessSource('ip:::ffff:192.168.1.23')).toBe('ip:192.168.1.23');
    expect(guessSource('ip:2001:db8:1:2::17')).toBe(guessSource('ip:2001:0db8:0001:0002:abcd:ef01:2345:6789'));
    expect(guessSource('ip:2001:db8:1:2::17')).not.toBe(guessSource('ip:2001:db8:1:3::17'));
    expect(guessSource('app')).toBe('app');
  });
});
