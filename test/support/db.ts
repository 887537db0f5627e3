// A private database per test file on the run's server, migrated, dropped afterwards.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import { runMigrations } from '../../main/core/app';
import { runOperation } from '../../main/core/operations';
import { loadConfig, type Config } from '../../main/core/config';
import { testPairingKeyFile } from './pairing-key';
import { Database } from '../../main/core/db/database';
import { formatDbUrl, parseDbUrl, quoteDatabaseName, type DbTarget } from '../../main/core/db/target';
import { createOperationContext, type OperationContext } from '../../main/core/operations/context';

export interface TestDatabase {
  url: string;
  target: DbTarget;
  db: Database;
  ctx: OperationContext;
  config: Config;
  /** A plain connection for raw SQL, as a DBA would type it. */
  raw(): Promise<mysql.Connection>;
  drop(): Promise<void>;
}

export function serverTarget(): DbTarget {
  return parseDbUrl(inject('serverUrl'));
}

/** The database's own default character set and collation; left out, the server's defaults apply. */
export interface DatabaseDefaults {
  charset?: string;
  collation?: string;
}

/**
 * A database made the way an operator makes one: plain `CREATE DATABASE name`, so it gets the
 * server's default charset and collation (Marquee must not depend on them), unless `defaults`
 * names others.
 */
export async function createTestDatabase(overrides: Partial<Config> = {}, defaults: DatabaseDefaults = {}): Promise<TestDatabase> {
  const server = serverTarget();
  const name = `marquee_t_${randomBytes(5).toString('hex')}`;
  for (const word of [defaults.charset, defaults.collation]) {
    if (word !== undefined && !/^\w+$/.test(word)) throw new Error(`Not a charset or collation name: ${word}`);
  }
  const admin = await mysql.createConnection({ ...server, database: undefined });
  const charset = defaults.charset ? ` CHARACTER SET ${defaults.charset}` : '';
  const collation = defaults.collation ? ` COLLATE ${defaults.collation}` : '';
  await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)}${charset}${collation}`);
  await admin.end();
  const target: DbTarget = { ...server, database: name };
  const url = formatDbUrl(target);
  const config: Config = { ...loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_PAIRING_KEY_FILE: testPairingKeyFile() }), dbUrl: url, ...overrides };
  const db = new Database(target, { poolSize: 8 });
  await runMigrations(db, config);
  const raw = async () => {
    const conn = await mysql.createConnection({ ...target, timezone: 'Z' });
    await conn.query("SET time_zone = '+00:00'");
    return conn;
  };
  return {
    url,
    target,
    db,
    ctx: createOperationContext(db, config),
    config,
    raw,
    async drop() {
      await db.close();
      const conn = await mysql.createConnection({ ...server, database: undefined });
      await conn.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
      await conn.end();
    },
  };
}

/** A show time `minutesFromNow` away by the database clock, as ISO 8601 UTC (whole seconds). */
export async function showTimeFromNow(db: Database, minutesFromNow: number): Promise<string> {
  const [row] = await db.rows('SELECT UTC_TIMESTAMP() + INTERVAL ? SECOND AS t', [Math.round(minutesFromNow * 60)]);
  return (row!.t as Date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Makes the show at `showTime` as a manager would: kiosks book and move only into shows that exist. */
export async function openShow(ctx: OperationContext, showTime: string, capacity?: number): Promise<void> {
  await runOperation(ctx, 'createShow', { showTime, confirmPast: true, ...(capacity === undefined ? {} : { capacity }) }, { role: 'manager', label: 'test schedule' });
}
