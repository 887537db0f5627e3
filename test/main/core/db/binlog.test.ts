// Binary logging on (as on any server with replicas or point-in-time recovery) and a migrating
// account without SUPER. MariaDB and MySQL then refuse to create any trigger or stored function
// for that account (error 1419) unless log_bin_trust_function_creators = 1, however the routine is
// declared; and with the variable set, a function must still be DETERMINISTIC, NO SQL or READS SQL
// DATA (test/sql/portability.test.ts checks that). So: without the setting the migration stops
// with one sentence saying what to set; with it, the README's admin grant alone suffices.
// A private server (its own directory and socket, stopped by this file).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../../main/core/db/embedded-server';
import { BINLOG_NEEDS_TRUST_MESSAGE, loadMigrationPlan, migrate, MigrationError, schemaStatus } from '../../../../main/core/db/migrate';
import { ADMIN_PRIVILEGES } from '../../../support/privileges';

let dir: string;
let server: EmbeddedServer;
const admin = { user: 'marquee_admin', password: 'admin-secret-1' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-binlog-'));
  server = await startEmbeddedServer({ dataDir: dir, extraArgs: [`--log-bin=${path.join(dir, 'binlog')}`, '--server-id=1'] });
  const root = await mysql.createConnection(server.target);
  await root.query('CREATE USER ?@? IDENTIFIED BY ?', [admin.user, 'localhost', admin.password]);
  await root.query(`GRANT ${ADMIN_PRIVILEGES} ON marquee.* TO ?@?`, [admin.user, 'localhost']);
  await root.end();
});

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('binary logging is on, functions are not trusted, and the admin account has no SUPER', async () => {
  const conn = await mysql.createConnection({ ...server.target, ...admin });
  const [[vars]] = await conn.query<mysql.RowDataPacket[][]>('SELECT @@log_bin AS log_bin, @@log_bin_trust_function_creators AS trust');
  expect(vars).toMatchObject({ log_bin: 1, trust: 0 });
  const [grants] = await conn.query<mysql.RowDataPacket[]>('SHOW GRANTS');
  expect(grants.map((g) => Object.values(g)[0]).join('\n')).not.toMatch(/\bSUPER\b|ALL PRIVILEGES/);
  await conn.end();
});

test('without log_bin_trust_function_creators the migration stops with one sentence saying what to set', async () => {
  const conn = await mysql.createConnection({ ...server.target, ...admin });
  const failure = await migrate(conn).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(MigrationError);
  expect((failure as Error).message).toBe(`${BINLOG_NEEDS_TRUST_MESSAGE} (while applying routines/marquee_expiry_cutoff.sql)`);
  // The tables are there; the routines are still to do, and the status says so.
  expect(await schemaStatus(conn)).toMatchObject({ pendingVersioned: [], upToDate: false });
  await conn.end();
});

test('with log_bin_trust_function_creators = 1 the migrations succeed as the admin account and the routines work', async () => {
  const root = await mysql.createConnection(server.target);
  await root.query('SET GLOBAL log_bin_trust_function_creators = 1');
  await root.end();
  const conn = await mysql.createConnection({ ...server.target, ...admin });
  const result = await migrate(conn);
  expect([result.applied, result.routinesApplied.length]).toEqual([[], loadMigrationPlan().routines.length]);
  expect((await schemaStatus(conn)).upToDate).toBe(true);
  await conn.query('SET @show = CAST(UTC_TIMESTAMP() + INTERVAL 1 DAY AS DATETIME)');
  const [sets] = await conn.query<mysql.RowDataPacket[][]>("CALL marquee_book('Zoë', '+4915112345678', NULL, @show, 20, 8, 'binlog test', NULL, 'K7QM4XWP9TX8', 1, NULL, 'kiosk')");
  expect(sets[0]![0]).toMatchObject({ seats_left: 19 });
  // Re-applying a changed routine works too (DROP + CREATE again).
  await conn.query("DELETE FROM marquee_migration WHERE name LIKE 'routines/%'");
  expect((await migrate(conn)).routinesApplied).toHaveLength(loadMigrationPlan().routines.length);
  await conn.end();
});
