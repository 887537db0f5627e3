// Bearer tokens on the LAN API. A request is authenticated at most once: the rate limiter
// needs to know whose request it is (token or address) before the route runs, and the
// route needs the actor, so the answer is kept per request.
import type { FastifyRequest } from 'fastify';
import { MarqueeError } from '../../common/errors';
import type { Actor } from '../../common/operations';
import { verifyToken, type TokenIdentity } from '../auth/tokens';
import type { Database } from '../db/database';

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return m ? m[1]! : null;
}

export function actorOf(identity: TokenIdentity): Actor {
  return { role: identity.role, label: identity.label, tokenId: identity.id };
}

export interface Authenticator {
  /** The identity behind the request's token; throws UNAUTHENTICATED (or DB_UNAVAILABLE). */
  authenticate(request: FastifyRequest): Promise<TokenIdentity>;
  /** Rate-limit bucket: the token for authenticated requests, the client address for the rest. */
  rateLimitKey(request: FastifyRequest): Promise<string>;
  /** The label of an authenticated request, for the access log; undefined otherwise. */
  labelOf(request: FastifyRequest): string | undefined;
}

/** `tokenCacheMs`: how long a token check may be reused (≤ 1 s; revocation through this process clears it). */
export function createAuthenticator(db: Database, tokenCacheMs: number): Authenticator {
  const pending = new WeakMap<FastifyRequest, Promise<TokenIdentity>>();
  const settled = new WeakMap<FastifyRequest, TokenIdentity>();

  const authenticate = (request: FastifyRequest): Promise<TokenIdentity> => {
    let result = pending.get(request);
    if (!result) {
      const token = bearerToken(request.headers.authorization);
      result = token === null ? Promise.reject(new MarqueeError('UNAUTHENTICATED')) : verifyToken(db, token, tokenCacheMs);
      result.then((identity) => settled.set(request, identity), () => undefined);
      pending.set(request, result);
    }
    return result;
  };

  return {
    authenticate,
    async rateLimitKey(request) {
      if (request.headers.authorization === undefined) return `ip:${request.ip}`;
      try {
        return `token:${(await authenticate(request)).hash}`;
      } catch {
        return `ip:${request.ip}`;
      }
    },
    labelOf: (request) => settled.get(request)?.label,
  };
}
