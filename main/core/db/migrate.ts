// Applies sql/NNN_*.sql in order, once each, recording a checksum per file. Safe when several
// processes start at once (a named server lock); a changed, already-applied file is refused.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, RowDataPacket } from 'mysql2/promise';

export interface Migration {
  name: string;
  checksum: string;
  statements: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Splits a migration file the way the mysql client does: statements end with the current
 * delimiter at the end of a line; `DELIMITER x` lines change it. Routines written for the
 * client therefore arrive here as one statement each.
 */
export function splitStatements(sqlText: string): string[] {
  const statements: string[] = [];
  let delimiter = ';';
  let current: string[] = [];
  const flush = (last: string) => {
    current.push(last);
    const text = current.join('\n').trim();
    if (text && !/^(--[^\n]*\n?\s*)*$/.test(text)) statements.push(text);
    current = [];
  };
  for (const line of sqlText.split(/\r?\n/)) {
    const directive = /^\s*DELIMITER\s+(\S+)\s*$/i.exec(line);
    if (directive) {
      delimiter = directive[1]!;
      continue;
    }
    const trimmed = line.trimEnd();
    if (trimmed.endsWith(delimiter) && !trimmed.trimStart().startsWith('--')) {
      flush(trimmed.slice(0, -delimiter.length));
    } else {
      current.push(line);
    }
  }
  if (current.join('').trim().replace(/--[^\n]*/g, '').trim()) {
    throw new MigrationError(`A statement does not end with "${delimiter}".`);
  }
  return statements;
}

/** The sql/ folder: beside the built files in a package, or at the repo root in development. */
export function findSqlDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.MARQUEE_SQL_DIR,
    (process as { resourcesPath?: string }).resourcesPath && path.join((process as { resourcesPath?: string }).resourcesPath!, 'sql'),
    path.resolve(here, '../../sql'),
    path.resolve(here, '../../../sql'),
    path.resolve(here, '../../../../sql'),
  ].filter((p): p is string => typeof p === 'string');
  const found = candidates.find((p) => existsSync(path.join(p, '001_schema.sql')));
  if (!found) throw new MigrationError(`Cannot find the sql/ migrations folder (looked in ${candidates.join(', ')}).`);
  return found;
}

export function loadMigrations(dir: string = findSqlDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, checksum: createHash('sha256').update(text).digest('hex'), statements: splitStatements(text) };
    });
}

const LOCK_NAME = 'marquee_migrate';

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Runs on one dedicated connection (GET_LOCK is per session). */
export async function migrate(conn: Connection, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  await conn.query("SET time_zone = '+00:00'");
  const [lockRows] = await conn.query<RowDataPacket[]>('SELECT GET_LOCK(?, 120) AS got', [LOCK_NAME]);
  if (lockRows[0]?.got !== 1) throw new MigrationError('Another process held the migration lock for 2 minutes; try again.');
  try {
    await conn.query(`CREATE TABLE IF NOT EXISTS marquee_migration (
      name VARCHAR(100) NOT NULL PRIMARY KEY,
      checksum CHAR(64) CHARACTER SET ascii NOT NULL,
      applied_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    const [rows] = await conn.query<RowDataPacket[]>('SELECT name, checksum FROM marquee_migration');
    const done = new Map(rows.map((r) => [String(r.name), String(r.checksum)]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      const recorded = done.get(m.name);
      if (recorded !== undefined) {
        if (recorded !== m.checksum) {
          throw new MigrationError(
            `Migration ${m.name} was changed after it was applied to this database ` +
              `(recorded checksum ${recorded.slice(0, 12)}…, file now ${m.checksum.slice(0, 12)}…). ` +
              'Applied migrations are never edited: restore the file and put the change in a new migration.',
          );
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      for (const statement of m.statements) await conn.query(statement);
      await conn.query('INSERT INTO marquee_migration (name, checksum, applied_at) VALUES (?, ?, UTC_TIMESTAMP(3))', [m.name, m.checksum]);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
  }
}

export interface SchemaStatus {
  /** Versioned migrations of this build not yet applied to the database. */
  pendingVersioned: string[];
  /** Routine files whose checksum differs from the one applied (none in this layout). */
  staleRoutines: string[];
  /** Applied versioned migrations whose file changed since (never edited: a new one is needed). */
  changedVersioned: string[];
  upToDate: boolean;
}

/**
 * How the database's schema compares with this build, without changing anything (no DDL, no
 * lock): what `marquee doctor` reports. Provisional: versioned files only.
 */
export async function schemaStatus(conn: Connection, migrations: Migration[] = loadMigrations()): Promise<SchemaStatus> {
  const [tables] = await conn.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'marquee_migration'",
  );
  const done = new Map<string, string>();
  if (Number(tables[0]?.n) > 0) {
    const [rows] = await conn.query<RowDataPacket[]>('SELECT name, checksum FROM marquee_migration');
    for (const r of rows) done.set(String(r.name), String(r.checksum));
  }
  const pendingVersioned = migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
  const changedVersioned = migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name);
  return { pendingVersioned, staleRoutines: [], changedVersioned, upToDate: pendingVersioned.length === 0 && changedVersioned.length === 0 };
}
