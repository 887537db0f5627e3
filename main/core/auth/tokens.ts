// Device tokens for the LAN API: one per kiosk, tablet or sign, each with a role. The secret
// is shown once and only its SHA-256 is stored, so a copy of the database does not let
// anyone in. Shared by `marquee token …`, the listener and the tests.
import { hash as digest, randomBytes, timingSafeEqual } from 'node:crypto';
import { MarqueeError } from '../../common/errors';
import type { Role } from '../../common/operations';
import { tokenLabel, tokenRole } from '../../common/schemas';
import type { Database } from '../db/database';

const TOKEN_PREFIX = 'mq_';
/** 32 random bytes as base64url: 43 characters. */
const TOKEN_PATTERN = /^mq_[A-Za-z0-9_-]{43}$/;

export interface TokenInfo {
  id: number;
  label: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Who a valid token belongs to. `hash` keys the rate limit and idempotency scope. */
export interface TokenIdentity {
  id: number;
  label: string;
  role: Role;
  hash: string;
}

/** One-shot: every request hashes its token, and a Hash object per call cost several µs. */
export function hashToken(token: string): string {
  return digest('sha256', token, 'hex');
}

/** Whether `text` could be a token at all; anything else is refused without a database round trip. */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

function sameHash(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, 'latin1');
  const b = Buffer.from(computed, 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh secret and the hash that is stored for it. */
export function mintToken(): { token: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const INSERT_TOKEN_SQL = 'INSERT INTO api_token (label, role, token_hash, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))';

export async function createToken(db: Database, role: Role, label: string): Promise<{ id: number; token: string }> {
  const { token, hash } = mintToken();
  const result = await db.exec(INSERT_TOKEN_SQL, [tokenLabel.parse(label), tokenRole.parse(role), hash]);
  return { id: Number(result.insertId), token };
}

export async function listTokens(db: Database): Promise<TokenInfo[]> {
  const rows = await db.rows('SELECT token_id, label, role, created_at, revoked_at, last_used_at FROM api_token ORDER BY token_id');
  return rows.map((r) => ({
    id: Number(r.token_id),
    label: String(r.label),
    role: r.role as Role,
    createdAt: r.created_at as Date,
    revokedAt: (r.revoked_at as Date | null) ?? null,
    lastUsedAt: (r.last_used_at as Date | null) ?? null,
  }));
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

const revocationListeners = new Set<(tokenId: number) => void>();

/** Told of each revocation made through this process, at once (open seat streams end on it). */
export function onTokenRevoked(listener: (tokenId: number) => void): () => void {
  revocationListeners.add(listener);
  return () => revocationListeners.delete(listener);
}

export async function revokeToken(db: Database, id: number): Promise<RevokeOutcome> {
  forgetVerified();
  const result = await db.exec('UPDATE api_token SET revoked_at = UTC_TIMESTAMP(3) WHERE token_id = ? AND revoked_at IS NULL', [id]);
  // Again: a lookup sent while the UPDATE ran may have seen the token still valid.
  forgetVerified();
  if (result.affectedRows === 1) {
    for (const listener of revocationListeners) listener(id);
    return 'revoked';
  }
  const [row] = await db.rows('SELECT 1 FROM api_token WHERE token_id = ?', [id]);
  return row ? 'already-revoked' : 'not-found';
}

/** The longest a verified token is trusted without asking the database again. */
export const MAX_TOKEN_CACHE_MS = 1000;
const CACHE_ENTRIES = 1000;

/**
 * Tokens found valid by a lookup sent within the last `cacheMs`: a busy kiosk then costs one
 * lookup a second instead of one per request. Only valid tokens are kept (guesses cannot fill
 * it), and any revocation made through this process empties it at once; one made by another
 * process (`marquee token revoke`) holds here within `cacheMs`.
 */
const recentlyVerified = new Map<string, { identity: TokenIdentity; checkedAt: number }>();
/**
 * Lookups in flight, by hash: the requests that find no usable answer share one. Without it,
 * every request in the moment after an answer expired sent its own lookup, and under load those
 * (64 at once in the bench) queued in the pool ahead of the bookings they belonged to, once a
 * second: the bookings' slowest percent (issue 25).
 */
const lookupsInFlight = new Map<string, Promise<TokenIdentity>>();
/** Bumped by each revocation here: a lookup sent before it does not refill the cache. */
let revocations = 0;

function forgetVerified(): void {
  revocations += 1;
  recentlyVerified.clear();
  lookupsInFlight.clear();
}

/** "Last used" is kept to the minute: at most one write per token per minute per process. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const lastUsedWritten = new Map<number, number>();

/** Notes that a token was just used; never delays or fails the request it belongs to. */
function touchLastUsed(db: Database, tokenId: number, now: number): void {
  const written = lastUsedWritten.get(tokenId);
  if (written !== undefined && now - written < LAST_USED_RESOLUTION_MS) return;
  if (lastUsedWritten.size >= CACHE_ENTRIES) lastUsedWritten.clear();
  lastUsedWritten.set(tokenId, now);
  db.exec('UPDATE api_token SET last_used_at = UTC_TIMESTAMP(3) WHERE token_id = ?', [tokenId]).catch(() => {
    // A database that cannot take this write will say so on the request itself.
    lastUsedWritten.delete(tokenId);
  });
}

/**
 * The identity behind a presented token. Throws UNAUTHENTICATED, or DB_UNAVAILABLE when the
 * database cannot say. With `cacheMs` (at most 1 s) an answer from a lookup sent at most that
 * long ago may be reused; past half that age the next request starts a new lookup in the
 * background, so a token in steady use is renewed before its answer expires and no request
 * waits for the database on its account.
 */
export async function verifyToken(db: Database, presented: string, cacheMs = 0): Promise<TokenIdentity> {
  if (!looksLikeToken(presented)) throw new MarqueeError('UNAUTHENTICATED');
  const hash = hashToken(presented);
  const keepMs = Math.min(cacheMs, MAX_TOKEN_CACHE_MS);
  // No reuse at all: this request's own lookup, sent after it arrived.
  if (keepMs <= 0) return lookUp(db, hash);
  const cached = recentlyVerified.get(hash);
  const age = cached ? Date.now() - cached.checkedAt : Infinity;
  if (age < keepMs) {
    if (age >= keepMs / 2 && !lookupsInFlight.has(hash)) sharedLookUp(db, hash).catch(() => undefined);
    return cached!.identity;
  }
  return sharedLookUp(db, hash);
}

/** One lookup for every request that needs `hash` now; its answer is kept, dated when it was sent. */
function sharedLookUp(db: Database, hash: string): Promise<TokenIdentity> {
  const inFlight = lookupsInFlight.get(hash);
  if (inFlight) return inFlight;
  const sentAt = Date.now();
  const epoch = revocations;
  const lookup = lookUp(db, hash).then(
    (identity) => {
      if (epoch === revocations) remember(hash, identity, sentAt);
      return identity;
    },
    (err: unknown) => {
      if (err instanceof MarqueeError && err.code === 'UNAUTHENTICATED') recentlyVerified.delete(hash);
      throw err;
    },
  );
  const settled = () => {
    if (lookupsInFlight.get(hash) === lookup) lookupsInFlight.delete(hash);
  };
  lookup.then(settled, settled);
  lookupsInFlight.set(hash, lookup);
  return lookup;
}

function remember(hash: string, identity: TokenIdentity, checkedAt: number): void {
  recentlyVerified.delete(hash);
  if (recentlyVerified.size >= CACHE_ENTRIES) recentlyVerified.delete(recentlyVerified.keys().next().value!);
  recentlyVerified.set(hash, { identity, checkedAt });
}

async function lookUp(db: Database, hash: string): Promise<TokenIdentity> {
  const [row] = await db.rows('SELECT token_id, label, role, token_hash, revoked_at FROM api_token WHERE token_hash = ?', [hash]);
  // The lookup is by the hash of a 256-bit secret, so its timing reveals nothing useful; the
  // constant-time comparison guards against a collation or index surprise all the same.
  if (!row || !sameHash(String(row.token_hash), hash)) throw new MarqueeError('UNAUTHENTICATED');
  if (row.revoked_at !== null) throw new MarqueeError('UNAUTHENTICATED', 'This device token has been revoked.');
  const identity: TokenIdentity = { id: Number(row.token_id), label: String(row.label), role: row.role as Role, hash };
  touchLastUsed(db, identity.id, Date.now());
  return identity;
}
