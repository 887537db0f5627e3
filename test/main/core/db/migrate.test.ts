import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, expect, test } from 'vitest';
import { loadMigrations, migrate, splitStatements } from '../../../../main/core/db/migrate';
import { quoteDatabaseName } from '../../../../main/core/db/target';
import { serverTarget } from '../../../support/db';

const name = `marquee_mig_${randomBytes(4).toString('hex')}`;
const connect = () => mysql.createConnection({ ...serverTarget(), database: name });

afterAll(async () => {
  const conn = await mysql.createConnection({ ...serverTarget(), database: undefined });
  await conn.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
  await conn.end();
});

test('DELIMITER blocks arrive as one statement each, as the mysql client would send them', () => {
  const statements = splitStatements(`CREATE TABLE a (x INT);\n-- note;\nDELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND $$\nDELIMITER ;\nSELECT 3;`);
  expect(statements).toHaveLength(3);
  expect(statements[1]).toContain('SELECT 1;\n  SELECT 2;');
});

test('two processes migrating a fresh database at once: each migration applied exactly once', async () => {
  const admin = await mysql.createConnection({ ...serverTarget(), database: undefined });
  await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)}`);
  await admin.end();
  const conns = await Promise.all([connect(), connect()]);
  const results = await Promise.all(conns.map((c) => migrate(c)));
  const all = loadMigrations().map((m) => m.name);
  expect([...results[0]!.applied, ...results[1]!.applied].sort()).toEqual(all);
  const [rows] = await conns[0]!.query<mysql.RowDataPacket[]>('SELECT name FROM marquee_migration ORDER BY name');
  expect(rows.map((r) => r.name)).toEqual(all);
  // Idempotent: a third run applies nothing.
  expect((await migrate(conns[1]!)).applied).toEqual([]);
  await Promise.all(conns.map((c) => c.end()));
});

test('a changed, already-applied migration is refused with a clear message', async () => {
  const conn = await connect();
  const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
  await expect(migrate(conn, edited)).rejects.toThrow(/001_schema\.sql was changed after it was applied.*new migration/);
  await conn.end();
});
