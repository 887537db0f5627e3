import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, test } from 'vitest';
import {
  findSqlDir, loadMigrationPlan, loadMigrations, migrate, schemaStatus, splitStatements, SUPERSEDED_CHECKSUMS,
} from '../../../../main/core/db/migrate';
import { runMigrations } from '../../../../main/core/app';
import { Database } from '../../../../main/core/db/database';
import { quoteDatabaseName } from '../../../../main/core/db/target';
import { serverTarget } from '../../../support/db';

// sql/ exactly as it was before the routines moved to sql/routines/ (commit 47f9943).
const BEFORE_ROUTINES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/sql-before-routines');

const made: string[] = [];
const tempDirs: string[] = [];

/** A new database made the plain way (the server's defaults), or with `options` such as a charset. */
async function emptyDatabase(options = ''): Promise<string> {
  const name = `marquee_mig_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ ...serverTarget(), database: undefined });
  await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)} ${options}`);
  await admin.end();
  made.push(name);
  return name;
}

const connect = (database: string) => mysql.createConnection({ ...serverTarget(), database });

/** A copy of sql/ to edit. */
function sqlCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-sql-'));
  tempDirs.push(dir);
  cpSync(findSqlDir(), dir, { recursive: true });
  return dir;
}

/** Every routine's and trigger's definition, as the server reports it. */
async function definitions(conn: mysql.Connection): Promise<Record<string, string>> {
  const [routines] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT ROUTINE_NAME AS n, ROUTINE_TYPE AS k, ROUTINE_DEFINITION AS d, DTD_IDENTIFIER AS r,
            IS_DETERMINISTIC AS det, SQL_DATA_ACCESS AS access
       FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`,
  );
  const [params] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT SPECIFIC_NAME AS n, GROUP_CONCAT(CONCAT(PARAMETER_NAME, ' ', DTD_IDENTIFIER) ORDER BY ORDINAL_POSITION) AS p
       FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = DATABASE() GROUP BY SPECIFIC_NAME`,
  );
  const [triggers] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT TRIGGER_NAME AS n, ACTION_STATEMENT AS d FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()`,
  );
  const paramsOf = new Map(params.map((p) => [String(p.n), String(p.p)]));
  const out: Record<string, string> = {};
  for (const r of routines) out[`${r.k} ${r.n}`] = `${paramsOf.get(String(r.n)) ?? ''} → ${r.r} ${r.det} ${r.access}\n${r.d}`;
  for (const t of triggers) out[`TRIGGER ${t.n}`] = String(t.d);
  return out;
}

afterAll(async () => {
  const conn = await mysql.createConnection({ ...serverTarget(), database: undefined });
  for (const name of made) await conn.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
  await conn.end();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

test('DELIMITER blocks arrive as one statement each, as the mysql client would send them', () => {
  const statements = splitStatements(`CREATE TABLE a (x INT);\n-- note;\nDELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND $$\nDELIMITER ;\nSELECT 3;`);
  expect(statements).toHaveLength(3);
  expect(statements[1]).toContain('SELECT 1;\n  SELECT 2;');
});

test('a long comment in front of a statement is read in one pass (the comments-only check once took 2^lines steps)', () => {
  const comment = '-- why this routine is as it is\n'.repeat(64);
  expect(splitStatements(`${comment}DROP PROCEDURE IF EXISTS p $$\n`.replace(' $$', ';'))).toEqual([`${comment}DROP PROCEDURE IF EXISTS p`]);
  expect(splitStatements(`SELECT 1;\n${comment}`)).toEqual(['SELECT 1']);
});

describe('layout', () => {
  const plan = loadMigrationPlan();

  test('routines come in a fixed order: functions, then procedures, then triggers, each by name', () => {
    const kinds = plan.routines.map((r) => r.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ['FUNCTION', 'PROCEDURE', 'TRIGGER'].indexOf(a) - ['FUNCTION', 'PROCEDURE', 'TRIGGER'].indexOf(b)));
    expect(plan.routines.map((r) => r.routine)).toContain('marquee_book');
    expect(plan.routines[0]!.kind).toBe('FUNCTION');
    expect(plan.routines.at(-1)!.kind).toBe('TRIGGER');
  });

  test('no versioned migration creates a routine: each has exactly one home in sql/routines/', () => {
    for (const m of plan.versioned) {
      for (const st of m.statements) expect(st, m.name).not.toMatch(/\bCREATE\s+(FUNCTION|PROCEDURE|TRIGGER)\b/i);
    }
  });

  test('the superseded checksums are those of the files as they were (the fixture copy)', () => {
    const before = new Map(loadMigrations(BEFORE_ROUTINES_DIR).map((m) => [m.name, m.checksum]));
    for (const [name, sums] of Object.entries(SUPERSEDED_CHECKSUMS)) expect(sums).toContain(before.get(name));
  });
});

test('two processes migrating a fresh database at once: each migration and routine applied exactly once', async () => {
  const name = await emptyDatabase();
  const conns = await Promise.all([connect(name), connect(name)]);
  const results = await Promise.all(conns.map((c) => migrate(c)));
  const plan = loadMigrationPlan();
  expect([...results[0]!.applied, ...results[1]!.applied].sort()).toEqual(plan.versioned.map((m) => m.name));
  expect([...results[0]!.routinesApplied, ...results[1]!.routinesApplied].sort()).toEqual(plan.routines.map((r) => r.name).sort());
  const [rows] = await conns[0]!.query<mysql.RowDataPacket[]>('SELECT name FROM marquee_migration');
  // Sorted here, not by the table's collation, which orders "marquee_book.sql" after "marquee_book_keyed.sql".
  expect(rows.map((r) => String(r.name)).sort()).toEqual([...plan.versioned, ...plan.routines].map((m) => m.name).sort());
  // Idempotent: a third run applies nothing, and the status says so.
  const again = await migrate(conns[1]!);
  expect([again.applied, again.routinesApplied]).toEqual([[], []]);
  expect(await schemaStatus(conns[0]!)).toEqual({ pendingVersioned: [], staleRoutines: [], changedVersioned: [], aheadVersioned: [], upToDate: true });
  await Promise.all(conns.map((c) => c.end()));
});

test('a pool of one connection migrates a fresh database (the code backfill does not wait for the migrator)', async () => {
  const name = await emptyDatabase();
  const db = new Database({ ...serverTarget(), database: name }, { poolSize: 1 });
  try {
    const result = await runMigrations(db);
    expect(result.applied.length).toBeGreaterThan(0);
    const [row] = await db.rows("SELECT COUNT(*) AS n FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'marquee_book'");
    expect(Number(row!.n)).toBe(1);
  } finally {
    await db.close();
  }
}, 30_000);

test('schemaStatus of an empty database: everything pending, nothing written', async () => {
  const conn = await connect(await emptyDatabase());
  const plan = loadMigrationPlan();
  expect(await schemaStatus(conn)).toEqual({
    pendingVersioned: plan.versioned.map((m) => m.name),
    staleRoutines: plan.routines.map((r) => r.name),
    changedVersioned: [],
    aheadVersioned: [],
    upToDate: false,
  });
  const [tables] = await conn.query<mysql.RowDataPacket[]>('SHOW TABLES');
  expect(tables).toEqual([]);
  await conn.end();
});

test('a changed, already-applied versioned migration is refused with a clear message, and reported', async () => {
  const conn = await connect(await emptyDatabase());
  await migrate(conn);
  const plan = loadMigrationPlan();
  const edited = { ...plan, versioned: plan.versioned.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m)) };
  await expect(migrate(conn, edited)).rejects.toThrow(/001_schema\.sql was changed after it was applied.*new migration/);
  expect(await schemaStatus(conn, edited)).toMatchObject({ changedVersioned: ['001_schema.sql'], upToDate: false });
  await conn.end();
});

test('a checkout with CRLF line ends is the same migration: it migrates a fresh database, and nothing differs from LF', async () => {
  const crlf = sqlCopy();
  for (const folder of [crlf, path.join(crlf, 'routines')]) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql'))) {
      const full = path.join(folder, file);
      writeFileSync(full, readFileSync(full, 'utf8').replace(/\n/g, '\r\n'));
    }
  }
  expect(readFileSync(path.join(crlf, 'routines', 'marquee_book.sql'), 'utf8')).toContain('$$\r\n');
  const fresh = await connect(await emptyDatabase());
  const first = await migrate(fresh, loadMigrationPlan(crlf));
  expect(first.routinesApplied).toHaveLength(loadMigrationPlan().routines.length);
  expect(await definitions(fresh)).toHaveProperty(['PROCEDURE marquee_book']);
  await fresh.end();

  const lf = await connect(await emptyDatabase());
  await migrate(lf);
  expect(await migrate(lf, loadMigrationPlan(crlf))).toMatchObject({ applied: [], routinesApplied: [], routinesDropped: [] });
  expect(await schemaStatus(lf, loadMigrationPlan(crlf))).toMatchObject({ upToDate: true });
  await lf.end();
});

test('an edited routine file is re-applied; a removed one is dropped', async () => {
  const conn = await connect(await emptyDatabase());
  const dir = sqlCopy();
  const retired = path.join(dir, 'routines', 'marquee_retired.sql');
  writeFileSync(retired, 'DELIMITER $$\nDROP FUNCTION IF EXISTS marquee_retired $$\nCREATE FUNCTION marquee_retired() RETURNS INT NO SQL RETURN 1 $$\nDELIMITER ;\n');
  await migrate(conn, loadMigrationPlan(dir));
  expect(Object.keys(await definitions(conn))).toContain('FUNCTION marquee_retired');
  appendFileSync(path.join(dir, 'routines', 'marquee_cancel.sql'), '-- edited\n');
  unlinkSync(retired);
  const plan = loadMigrationPlan(dir);
  expect(await schemaStatus(conn, plan)).toEqual({
    pendingVersioned: [],
    staleRoutines: ['routines/marquee_cancel.sql', 'routines/marquee_retired.sql'],
    changedVersioned: [],
    aheadVersioned: [],
    upToDate: false,
  });
  const result = await migrate(conn, plan);
  expect(result.routinesApplied).toEqual(['routines/marquee_cancel.sql']);
  expect(result.routinesDropped).toEqual(['routines/marquee_retired.sql']);
  expect(Object.keys(await definitions(conn))).not.toContain('FUNCTION marquee_retired');
  expect((await schemaStatus(conn, plan)).upToDate).toBe(true);
  await conn.end();
});

test('a database migrated by a newer Marquee is not touched: its routines are not downgraded', async () => {
  const conn = await connect(await emptyDatabase());
  await migrate(conn);
  await conn.query("INSERT INTO marquee_migration (name, checksum, applied_at) VALUES ('999_from_the_future.sql', REPEAT('0', 64), UTC_TIMESTAMP(3))");
  await conn.query("UPDATE marquee_migration SET checksum = REPEAT('1', 64) WHERE name = 'routines/marquee_book.sql'");
  expect(await schemaStatus(conn)).toMatchObject({ aheadVersioned: ['999_from_the_future.sql'], upToDate: false });
  await expect(migrate(conn)).rejects.toThrow(/migrated by a newer version of Marquee \(it has 999_from_the_future\.sql/);
  const [[row]] = await conn.query<mysql.RowDataPacket[]>("SELECT checksum FROM marquee_migration WHERE name = 'routines/marquee_book.sql'");
  expect(row!.checksum).toBe('1'.repeat(64));
  await conn.end();
});

test('a routine file must create exactly the routine it is named after', () => {
  const dir = sqlCopy();
  appendFileSync(path.join(dir, 'routines', 'marquee_cancel.sql'), 'DROP TABLE ticket_record;\n');
  expect(() => loadMigrationPlan(dir)).toThrow(/marquee_cancel\.sql may only drop and create procedure marquee_cancel/);
});

test('a database built by the migrations before routines moved out upgrades cleanly: data kept, routines current', async () => {
  // The old routines only ever worked on a database whose default collation matched the tables'.
  const asBefore = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci';
  const old = await emptyDatabase(asBefore);
  const conn = await connect(old);
  const before = loadMigrationPlan(BEFORE_ROUTINES_DIR);
  expect(before.routines).toEqual([]);
  expect((await migrate(conn, before)).applied).toEqual(['001_schema.sql', '002_routines.sql', '003_devices.sql', '004_idempotent_booking.sql']);
  await conn.query('SET @show = CAST(UTC_TIMESTAMP() + INTERVAL 1 DAY AS DATETIME)');
  await conn.query("CALL marquee_book('Ada', '5550100', @show, 20, 8, 'test', NULL)");
  // Audit rows of the old words: one ticket cancelled (then called delete), one removed by a
  // sweep (marked expired, then deleted).
  await conn.query("CALL marquee_book('Bo', '5550101', @show, 20, 8, 'test', NULL)");
  await conn.query("CALL marquee_book('Cy', '5550102', @show, 20, 8, 'test', NULL)");
  const ticketOf = async (name: string) =>
    Number((await conn.query<mysql.RowDataPacket[]>('SELECT ticket_id FROM ticket_record JOIN user_record USING (user_id) WHERE user_name = ?', [name]))[0][0]!.ticket_id);
  const [cancelled, swept] = [await ticketOf('Bo'), await ticketOf('Cy')];
  await conn.query("CALL marquee_delete(?, NULL, 'test')", [cancelled]);
  await conn.query('UPDATE ticket_record SET is_expired = 1 WHERE ticket_id = ?', [swept]);
  await conn.query('DELETE FROM ticket_record WHERE ticket_id = ?', [swept]);
  const kinds = async () => {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT ticket_id, kind FROM ticket_event WHERE ticket_id IN (?, ?) ORDER BY event_id', [cancelled, swept]);
    return rows.map((r) => [Number(r.ticket_id), String(r.kind)]);
  };
  expect(await kinds()).toEqual([[cancelled, 'booked'], [swept, 'booked'], [cancelled, 'deleted'], [swept, 'expired'], [swept, 'deleted']]);

  const status = await schemaStatus(conn);
  expect(status.changedVersioned).toEqual([]);
  expect(status.staleRoutines).toEqual(loadMigrationPlan().routines.map((r) => r.name));
  const result = await migrate(conn);
  expect(result.routinesApplied).toHaveLength(loadMigrationPlan().routines.length);
  expect(await schemaStatus(conn)).toMatchObject({ upToDate: true });
  // One word per concept (sql/014): the cancellation says so; the sweep's removal is no cancellation.
  expect(await kinds()).toEqual([[cancelled, 'booked'], [swept, 'booked'], [cancelled, 'cancelled'], [swept, 'expired'], [swept, 'removed']]);

  // The routines are now exactly those of a fresh database (marquee_delete, made by 002, gone).
  const fresh = await connect(await emptyDatabase(asBefore));
  await migrate(fresh);
  expect(await definitions(conn)).toEqual(await definitions(fresh));
  await fresh.end();

  // The old data is still there and the upgraded routines work on it (marquee_book now also
  // takes the ticket's code, sql/routines/marquee_book.sql).
  await conn.query("CALL marquee_book('Ada', '5550100', NULL, @show, 20, 8, 'test', NULL, 'K7QM4XWP9TX8', 1, NULL, 'manager')");
  const [[count]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n, MAX(booked) AS booked FROM ticket_record JOIN show_record USING (show_id)');
  expect([Number(count!.n), Number(count!.booked)]).toEqual([2, 2]);
  await conn.end();
});
