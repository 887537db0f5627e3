// Configuration from the environment (README: configuration; docs/ARCHITECTURE.md), validated once at start-up.
import os from 'node:os';
import path from 'node:path';
import { isValidTimeZone } from '../common/time';

export interface Config {
  /** mysql://user:pass@host:port/db[?socket=/path]; undefined = the embedded default. */
  dbUrl: string | undefined;
  dataDir: string;
  httpHost: string;
  httpPort: number;
  /** Plain HTTP instead of HTTPS: honoured only on a loopback host. */
  httpPlain: boolean;
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  corsOrigins: string[];
  /** Requests per minute per token. */
  rateLimitPerMinute: number;
  /** How long a checked device token is trusted before the database is asked again (≤ 1 s). */
  tokenCacheMs: number;
  timeZone: string;
  capacity: number;
  expireHours: number;
  sweepCron: string;
  dbPoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return n;
}

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'marquee');
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const timeZone = env.MARQUEE_TIMEZONE?.trim() || systemTimeZone();
  if (!isValidTimeZone(timeZone)) {
    throw new ConfigError(`MARQUEE_TIMEZONE "${timeZone}" is not an IANA time zone (for example Europe/Berlin).`);
  }
  const dbUrl = env.MARQUEE_DB_URL?.trim() || undefined;
  if (dbUrl !== undefined && !/^mysql:\/\//.test(dbUrl)) {
    throw new ConfigError('MARQUEE_DB_URL must look like mysql://user:pass@host:3306/marquee.');
  }
  const logLevel = (env.MARQUEE_LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) {
    throw new ConfigError('MARQUEE_LOG_LEVEL must be one of fatal, error, warn, info, debug, silent.');
  }
  return {
    dbUrl,
    dataDir: path.resolve(env.MARQUEE_DATA_DIR?.trim() || defaultDataDir(env)),
    httpHost: env.MARQUEE_HTTP_HOST?.trim() || '0.0.0.0',
    httpPort: int(env, 'MARQUEE_HTTP_PORT', 8443, 0, 65535),
    httpPlain: env.MARQUEE_HTTP_PLAIN === '1' || env.MARQUEE_HTTP_PLAIN === 'true',
    tlsCertFile: env.MARQUEE_TLS_CERT?.trim() || undefined,
    tlsKeyFile: env.MARQUEE_TLS_KEY?.trim() || undefined,
    corsOrigins: (env.MARQUEE_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    rateLimitPerMinute: int(env, 'MARQUEE_RATE_LIMIT', 1200, 1, 1_000_000),
    tokenCacheMs: int(env, 'MARQUEE_TOKEN_CACHE_MS', 1000, 0, 1000),
    timeZone,
    capacity: int(env, 'MARQUEE_CAPACITY', 20, 1, 1000),
    expireHours: int(env, 'MARQUEE_EXPIRE_HOURS', 8, 1, 24 * 365),
    sweepCron: env.MARQUEE_SWEEP_CRON?.trim() || '* * * * *',
    dbPoolSize: int(env, 'MARQUEE_DB_POOL_SIZE', 16, 1, 512),
    logLevel,
  };
}
