// Configuration from the environment (README: configuration; docs/ARCHITECTURE.md), validated once at start-up.
import os from 'node:os';
import path from 'node:path';
import schedule from 'node-schedule';
import { DEFAULT_CURRENCY, DEFAULT_MAX_PARTY, PARTY_SEATS_LIMIT } from '../common/schemas';
import { isValidTimeZone } from '../common/time';
import { parseDbUrl } from './db/target';

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
  /** The secret pairing codes are hashed with (auth/pairing-key.ts); several serves on one database share one. */
  pairingKeyFile: string;
  corsOrigins: string[];
  /** Requests per minute per token. */
  rateLimitPerMinute: number;
  /** Open sockets at once; past it requests get 503 SERVER_BUSY. */
  maxConnections: number;
  /** Seat streams one device token may hold open at once. */
  maxStreamsPerToken: number;
  /** How long a checked device token is trusted before the database is asked again (≤ 1 s). */
  tokenCacheMs: number;
  /** How long a roster (checked against its show's row) or a show list is served without asking again (≤ 1 s); writes through this process end it at once. */
  readCacheMs: number;
  timeZone: string;
  capacity: number;
  /** A show holds its screen for its film's runtime plus this many minutes (cleaning, adverts out, guests in). */
  turnaroundMinutes: number;
  expireHours: number;
  /** Check-in opens this many minutes before a show starts… */
  checkinOpensMinutes: number;
  /** …and closes this many minutes after (never later than the show expires). */
  checkinClosesMinutes: number;
  /**
   * An unpaid reservation (a party with a price, nothing paid, not comped) is released by the
   * sweep once its show starts within this many minutes: its seats go back on sale. 0: never.
   */
  reservationHoldMinutes: number;
  /** The door admits a party with something still to pay (otherwise 409 NOT_PAID: "to the counter"). */
  doorAdmitsUnpaid: boolean;
  /** The door's snapshot holds the shows whose doors are open or open within this many hours. */
  doorSnapshotHours: number;
  /** The kiosk stops offering a show this many minutes after it starts (the API keeps expireHours). */
  kioskSalesCloseMinutes: number;
  /** ISO 4217 code of the money every price is in (minor units on the API). */
  currency: string;
  /** The most seats one booking (a party) may take. */
  maxParty: number;
  sweepCron: string;
  /** When the scheduled backup runs (cron, default 03:30 daily); null: MARQUEE_BACKUP_CRON=off. */
  backupCron: string | null;
  /** A second place every backup is copied to (a USB stick, a NAS), besides <data dir>/backups. */
  backupCopyDir: string | undefined;
  /** How many backups each backup folder keeps (the oldest go first). */
  backupKeep: number;
  /** MARQUEE_SWEEP=off: this instance never sweeps (others on the same database do). */
  sweep: boolean;
  dbPoolSize: number;
  /** How long start-up waits for an unreachable database server before giving up. */
  dbWaitSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /**
   * auto: serve and the CLI bring the schema up to date at start (needs an account with DDL
   * rights). off: they never run DDL, only check the schema and refuse to start if it is behind
   * (a runtime account with DML + EXECUTE; an admin runs `marquee migrate`).
   */
  migrate: 'auto' | 'off';
  /** A bearer secret a Prometheus scraper may present for GET /metrics instead of a device token. */
  metricsToken: string | undefined;
  /** marquee.log rotates past this size while running… */
  logMaxBytes: number;
  /** …keeping this many older files (marquee.log.1 …): the log never takes more than (files + 1) × size. */
  logFiles: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** MARQUEE_CURRENCY: an ISO 4217 code this Node's Intl knows (default USD). */
function currencyOf(env: NodeJS.ProcessEnv): string {
  const code = (env.MARQUEE_CURRENCY?.trim() || DEFAULT_CURRENCY).toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf('currency').includes(code)) {
    throw new ConfigError(`MARQUEE_CURRENCY must be an ISO 4217 currency code such as USD, EUR or GBP (got "${env.MARQUEE_CURRENCY}").`);
  }
  return code;
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

function onOff(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`${key} must be on or off (got "${env[key]}").`);
}

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'marquee');
}

/** Long enough that it cannot be guessed; whitespace in it would be lost in a header. */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.MARQUEE_METRICS_TOKEN?.trim();
  if (!raw) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) {
    throw new ConfigError('MARQUEE_METRICS_TOKEN must be at least 16 characters without spaces (for example the output of `openssl rand -hex 24`).');
  }
  return raw;
}

function backupCron(env: NodeJS.ProcessEnv): string | null {
  const raw = env.MARQUEE_BACKUP_CRON?.trim();
  if (!raw) return '30 3 * * *';
  if (raw.toLowerCase() === 'off') return null;
  // Checked here, so a typo stops every command with one sentence before any database is opened.
  const probe = schedule.scheduleJob(raw, () => undefined);
  if (!probe) throw new ConfigError(`MARQUEE_BACKUP_CRON "${raw}" is not a cron expression (for example 30 3 * * * for 03:30 daily), or off.`);
  probe.cancel();
  return raw;
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
  if (dbUrl !== undefined) {
    try {
      parseDbUrl(dbUrl);
    } catch (err) {
      throw new ConfigError(`MARQUEE_DB_URL is not usable: ${(err as Error).message}`);
    }
  }
  const logLevel = (env.MARQUEE_LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) {
    throw new ConfigError('MARQUEE_LOG_LEVEL must be one of fatal, error, warn, info, debug, silent.');
  }
  const migrate = (env.MARQUEE_MIGRATE?.trim().toLowerCase() || 'auto') as Config['migrate'];
  if (migrate !== 'auto' && migrate !== 'off') {
    throw new ConfigError(`MARQUEE_MIGRATE must be auto or off (got "${env.MARQUEE_MIGRATE}").`);
  }
  const dataDir = path.resolve(env.MARQUEE_DATA_DIR?.trim() || defaultDataDir(env));
  return {
    dbUrl,
    dataDir,
    httpHost: env.MARQUEE_HTTP_HOST?.trim() || '0.0.0.0',
    httpPort: int(env, 'MARQUEE_HTTP_PORT', 8443, 0, 65535),
    httpPlain: env.MARQUEE_HTTP_PLAIN === '1' || env.MARQUEE_HTTP_PLAIN === 'true',
    tlsCertFile: env.MARQUEE_TLS_CERT?.trim() || undefined,
    tlsKeyFile: env.MARQUEE_TLS_KEY?.trim() || undefined,
    pairingKeyFile: path.resolve(env.MARQUEE_PAIRING_KEY_FILE?.trim() || path.join(dataDir, 'tls', 'pairing.key')),
    corsOrigins: (env.MARQUEE_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    rateLimitPerMinute: int(env, 'MARQUEE_RATE_LIMIT', 1200, 1, 1_000_000),
    maxConnections: int(env, 'MARQUEE_MAX_CONNECTIONS', 1000, 1, 100_000),
    maxStreamsPerToken: int(env, 'MARQUEE_MAX_STREAMS_PER_TOKEN', 4, 1, 1000),
    tokenCacheMs: int(env, 'MARQUEE_TOKEN_CACHE_MS', 1000, 0, 1000),
    readCacheMs: int(env, 'MARQUEE_READ_CACHE_MS', 1000, 0, 1000),
    timeZone,
    capacity: int(env, 'MARQUEE_CAPACITY', 20, 1, 1000),
    turnaroundMinutes: int(env, 'MARQUEE_TURNAROUND_MINUTES', 15, 0, 24 * 60),
    expireHours: int(env, 'MARQUEE_EXPIRE_HOURS', 8, 1, 24 * 365),
    checkinOpensMinutes: int(env, 'MARQUEE_CHECKIN_OPENS_MINUTES', 60, 0, 24 * 60),
    checkinClosesMinutes: int(env, 'MARQUEE_CHECKIN_CLOSES_MINUTES', 8 * 60, 0, 24 * 60),
    reservationHoldMinutes: int(env, 'MARQUEE_RESERVATION_HOLD_MINUTES', 15, 0, 24 * 60),
    doorAdmitsUnpaid: onOff(env, 'MARQUEE_DOOR_ADMITS_UNPAID', false),
    doorSnapshotHours: int(env, 'MARQUEE_DOOR_SNAPSHOT_HOURS', 3, 1, 24),
    kioskSalesCloseMinutes: int(env, 'MARQUEE_KIOSK_SALES_CLOSE_MINUTES', 15, 0, 24 * 60),
    currency: currencyOf(env),
    maxParty: int(env, 'MARQUEE_MAX_PARTY', DEFAULT_MAX_PARTY, 1, PARTY_SEATS_LIMIT),
    sweepCron: env.MARQUEE_SWEEP_CRON?.trim() || '* * * * *',
    sweep: onOff(env, 'MARQUEE_SWEEP', true),
    backupCron: backupCron(env),
    backupCopyDir: env.MARQUEE_BACKUP_DIR?.trim() ? path.resolve(env.MARQUEE_BACKUP_DIR.trim()) : undefined,
    backupKeep: int(env, 'MARQUEE_BACKUP_KEEP', 14, 1, 10_000),
    dbPoolSize: int(env, 'MARQUEE_DB_POOL_SIZE', 16, 1, 512),
    dbWaitSeconds: int(env, 'MARQUEE_DB_WAIT_SECONDS', 30, 0, 3600),
    logLevel,
    migrate,
    metricsToken: metricsToken(env),
    logMaxBytes: int(env, 'MARQUEE_LOG_MAX_BYTES', 10 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    logFiles: int(env, 'MARQUEE_LOG_FILES', 5, 1, 100),
  };
}
