// Device tokens: random, stored hashed, listed without the secret, revoked at once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createToken, hashToken, listTokens, MAX_TOKEN_CACHE_MS, revokeToken, verifyToken } from '../../../../main/core/auth/tokens';
import type { Database } from '../../../../main/core/db/database';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('a token is mq_ + 32 random bytes (base64url) and only its SHA-256 is stored', async () => {
  const made = await Promise.all([1, 2, 3].map((i) => createToken(h.database.db, 'kiosk', `Kiosk ${i}`)));
  for (const { token } of made) expect(token).toMatch(/^mq_[A-Za-z0-9_-]{43}$/);
  expect(new Set(made.map((m) => m.token)).size).toBe(3);
  const conn = await h.database.raw();
  try {
    const [rows] = await conn.query('SELECT * FROM api_token');
    const dump = JSON.stringify(rows);
    for (const { token, id } of made) {
      expect(dump).not.toContain(token.slice(3));
      const row = (rows as { token_id: number; token_hash: string }[]).find((r) => r.token_id === id)!;
      expect(row.token_hash).toBe(hashToken(token));
    }
  } finally {
    await conn.end();
  }
});

test('list shows id, label, role, created, revoked and last used — never the token or its hash', async () => {
  const { id, token } = await createToken(h.database.db, 'viewer', '  Door   sign ');
  await revokeToken(h.database.db, id);
  const listed = (await listTokens(h.database.db)).find((t) => t.id === id)!;
  expect(Object.keys(listed).sort()).toEqual(['createdAt', 'id', 'label', 'lastUsedAt', 'revokedAt', 'role']);
  expect(listed).toMatchObject({ label: 'Door sign', role: 'viewer' });
  expect(listed.revokedAt).toBeInstanceOf(Date);
  expect(JSON.stringify(listed)).not.toContain(hashToken(token));
});

test('revoke reports what happened', async () => {
  const { id } = await createToken(h.database.db, 'manager', 'Office');
  expect(await revokeToken(h.database.db, id)).toBe('revoked');
  expect(await revokeToken(h.database.db, id)).toBe('already-revoked');
  expect(await revokeToken(h.database.db, 987654)).toBe('not-found');
});

test('labels and roles are checked', async () => {
  await expect(createToken(h.database.db, 'kiosk', '   ')).rejects.toThrow();
  await expect(createToken(h.database.db, 'kiosk', 'x'.repeat(101))).rejects.toThrow();
  await expect(createToken(h.database.db, 'root' as never, 'Sneaky')).rejects.toThrow();
});

test('verification refuses unknown, malformed and revoked tokens', async () => {
  const { id, token } = await createToken(h.database.db, 'kiosk', 'Lobby');
  expect(await verifyToken(h.database.db, token)).toMatchObject({ id, role: 'kiosk', label: 'Lobby' });
  for (const bad of ['', 'mq_short', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), token.toUpperCase(), `${token} `]) {
    await expect(verifyToken(h.database.db, bad)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  }
  await revokeToken(h.database.db, id);
  await expect(verifyToken(h.database.db, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});

test('a token revoked by another process (straight in the database) is refused once the cache window has passed', async () => {
  const { id, token } = await createToken(h.database.db, 'kiosk', 'Revoked elsewhere');
  expect((await h.client.request('POST', '/show/list', {}, token)).status).toBe(200);
  await h.database.db.exec('UPDATE api_token SET revoked_at = UTC_TIMESTAMP(3) WHERE token_id = ?', [id]);
  // Whatever the cache holds was checked before the revocation, and nothing is trusted for
  // longer than MAX_TOKEN_CACHE_MS: one request after that much time must be refused.
  await new Promise((r) => setTimeout(r, MAX_TOKEN_CACHE_MS + 50));
  expect((await h.client.request('POST', '/show/list', {}, token)).status).toBe(401);
});

test('with the token cache off, even a revocation by another process holds on the next request', async () => {
  const strict = await startHarness({}, { tokenCacheMs: 0 });
  try {
    const { id, token } = await createToken(strict.database.db, 'kiosk', 'Strict');
    expect((await strict.client.request('POST', '/show/list', {}, token)).status).toBe(200);
    await strict.database.db.exec('UPDATE api_token SET revoked_at = UTC_TIMESTAMP(3) WHERE token_id = ?', [id]);
    expect((await strict.client.request('POST', '/show/list', {}, token)).status).toBe(401);
  } finally {
    await strict.close();
  }
});

test('a token revoked through this process is refused on its very next request', async () => {
  const { id, token } = await createToken(h.database.db, 'kiosk', 'Soon revoked');
  expect((await h.client.request('POST', '/show/list', {}, token)).status).toBe(200);
  await revokeToken(h.database.db, id);
  const next = await h.client.request('POST', '/show/list', {}, token);
  expect(next.status).toBe(401);
  expect(next.json.error.code).toBe('UNAUTHENTICATED');
});

/** `db` with its token lookups counted, and a way to wait until those sent have been answered. */
function countingLookups(db: Database) {
  const sent: Promise<unknown>[] = [];
  const counted = Object.create(db) as Database;
  counted.rows = ((sql: string, params?: never[]) => {
    const answer = db.rows(sql, params);
    if (sql.includes('FROM api_token WHERE token_hash')) {
      sent.push(answer);
      answer.finally(() => answeredCount++).catch(() => undefined);
    }
    return answer;
  }) as Database['rows'];
  let answeredCount = 0;
  const answered = async () => {
    await Promise.allSettled(sent);
    await new Promise((r) => setImmediate(r));
  };
  return { db: counted, lookups: () => sent.length, unanswered: () => sent.length - answeredCount, answered };
}

test('requests that find no answer for a token share one lookup, and a token in use is renewed before its answer expires', async () => {
  const { id, token } = await createToken(h.database.db, 'kiosk', 'Busy kiosk');
  const { db, lookups, unanswered, answered } = countingLookups(h.database.db);
  // 64 requests at once, as the bench's connections after an answer expired: one lookup.
  const identities = await Promise.all(Array.from({ length: 64 }, () => verifyToken(db, token, MAX_TOKEN_CACHE_MS)));
  expect(new Set(identities.map((i) => i.id))).toEqual(new Set([id]));
  expect(lookups()).toBe(1);
  // Past half the window a request is answered from the cache and starts the renewal; the
  // requests beside it join that one.
  await new Promise((r) => setTimeout(r, MAX_TOKEN_CACHE_MS / 2 + 50));
  await Promise.all(Array.from({ length: 8 }, () => verifyToken(db, token, MAX_TOKEN_CACHE_MS)));
  expect(lookups()).toBe(2);
  await answered();
  // Past the first answer's window the renewed one serves: the request does not wait for the
  // database (at most it started the next renewal, still unanswered when it got its answer).
  await new Promise((r) => setTimeout(r, MAX_TOKEN_CACHE_MS / 2));
  expect((await verifyToken(db, token, MAX_TOKEN_CACHE_MS)).id).toBe(id);
  expect(lookups() === 2 || (lookups() === 3 && unanswered() === 1)).toBe(true);
  await answered();
});

test('a lookup in flight when a token is revoked here does not put it back in the cache', async () => {
  const { id, token } = await createToken(h.database.db, 'kiosk', 'Revoked mid-lookup');
  const inFlight = verifyToken(h.database.db, token, MAX_TOKEN_CACHE_MS);
  await revokeToken(h.database.db, id);
  await inFlight.catch(() => undefined);
  await expect(verifyToken(h.database.db, token, MAX_TOKEN_CACHE_MS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});
