// Two kinds of migration, as in Flyway:
// - versioned: sql/NNN_*.sql, tables and data, applied once each in order, append-only (a changed,
//   already-applied file is refused);
// - repeatable: sql/routines/<name>.sql, exactly one function, procedure or trigger per file,
//   named as the file, (re-)applied after the versioned ones whenever the file's checksum differs
//   from the one recorded, so every rule has one home and is edited in place.
// Both are recorded in marquee_migration (routines as 'routines/<file>'). Safe when several
// processes start at once, on one server or on any nodes of a Galera cluster: they take turns
// by a lease row (lease.ts; GET_LOCK would lock only on one node), and whoever comes later finds
// the work done.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { leaseHolderName, releaseLease, takeLease, type Exec } from './lease';
import { replacementFor, replaceStrategyFor, type ReplaceStrategy } from './routine-replace';
import { awaitDrained, DRAIN_BOOTSTRAP, DrainError, endDrain, holdDrain } from './drain';
import { contractChecksum } from './routine-contract';

export interface Migration {
  name: string;
  checksum: string;
  statements: string[];
}

export type RoutineKind = 'FUNCTION' | 'PROCEDURE' | 'TRIGGER';

export interface Routine extends Migration {
  kind: RoutineKind;
  /** The routine's name in the database (= the file name without .sql). */
  routine: string;
}

export interface MigrationPlan {
  versioned: Migration[];
  /** In the order they are applied: see ROUTINE_ORDER. */
  routines: Routine[];
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
    // Only comments (the text is trimmed). Each newline is the leading \s*'s alone: with two
    // ways to take it (an optional \n, then \s*) a block of n comment lines took 2^n steps, and a
    // routine with thirty lines of comment in front of it took minutes to load.
    if (text && !/^(?:\s*--[^\n]*)*$/.test(text)) statements.push(text);
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

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A file's text with LF line ends: a checkout that turned them into CRLF (git's autocrlf on
 * Windows) is the same migration, with the same checksum, and its DELIMITER lines still split.
 */
const readSqlFile = (file: string) => readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');

export function loadMigrations(dir: string = findSqlDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readSqlFile(path.join(dir, name));
      return { name, checksum: checksum(text), statements: splitStatements(text) };
    });
}

/**
 * The order routines are applied in: functions first (procedures, triggers and queries call
 * them), then procedures (triggers may call them), then triggers (they fire on the tables the
 * versioned migrations made); by file name within a kind. MariaDB and MySQL resolve calls
 * between routines at run time, so this order is for determinism, not a dependency graph.
 */
const ROUTINE_ORDER: Record<RoutineKind, number> = { FUNCTION: 0, PROCEDURE: 1, TRIGGER: 2 };

export const ROUTINE_PREFIX = 'routines/';

/** Reads sql/routines/*.sql; each must hold DROP … IF EXISTS + CREATE of the one routine named as the file. */
export function loadRoutines(dir: string = findSqlDir()): Routine[] {
  const routinesDir = path.join(dir, 'routines');
  if (!existsSync(routinesDir)) return [];
  const routines = readdirSync(routinesDir)
    .filter((f) => f.endsWith('.sql'))
    .map((file): Routine => {
      const text = readSqlFile(path.join(routinesDir, file));
      const statements = splitStatements(text);
      const routine = file.slice(0, -'.sql'.length);
      const creates = statements
        .map((st) => /^(?:--[^\n]*\n|\s)*CREATE\s+(FUNCTION|PROCEDURE|TRIGGER)\s+`?(\w+)`?/i.exec(st))
        .filter((m): m is RegExpExecArray => m !== null);
      if (creates.length !== 1 || creates[0]![2] !== routine) {
        throw new MigrationError(`sql/routines/${file} must create exactly one function, procedure or trigger, named ${routine}.`);
      }
      const kind = creates[0]![1]!.toUpperCase() as RoutineKind;
      const others = statements.filter(
        (st) => !new RegExp(`^(?:--[^\\n]*\\n|\\s)*(DROP\\s+${kind}\\s+IF\\s+EXISTS\\s+\`?${routine}\`?\\s*$|CREATE\\s+${kind}\\b)`, 'i').test(st),
      );
      if (others.length) throw new MigrationError(`sql/routines/${file} may only drop and create ${kind.toLowerCase()} ${routine}.`);
      return { name: ROUTINE_PREFIX + file, checksum: checksum(text), statements, kind, routine };
    });
  return routines.sort((a, b) => ROUTINE_ORDER[a.kind] - ROUTINE_ORDER[b.kind] || a.name.localeCompare(b.name));
}

export function loadMigrationPlan(dir: string = findSqlDir()): MigrationPlan {
  return { versioned: loadMigrations(dir), routines: loadRoutines(dir) };
}

/**
 * Checksums of versioned files as they were before their routines moved to sql/routines/.
 * A database migrated by those texts already has the tables they made; the routines they
 * created are replaced by the repeatable ones. Accepting them here (instead of editing the
 * recorded rows) keeps marquee_migration an honest record of what ran.
 */
export const SUPERSEDED_CHECKSUMS: Readonly<Record<string, readonly string[]>> = {
  '002_routines.sql': ['d9605a36010f390bfad6bcf5c30236b32e97591c7b5ac25db2dec18aaf99b981'],
  '004_idempotent_booking.sql': ['af6776e295f3683f7633e7c4848062d390c16d7ecd8e181c82ff1fe519c0e019'],
};

function matchesRecorded(m: Migration, recorded: string): boolean {
  return recorded === m.checksum || (SUPERSEDED_CHECKSUMS[m.name] ?? []).includes(recorded);
}

const LEASE = 'migrate';
/** Renewed before every statement, so only one statement longer than this could let a second migrator in. */
const LEASE_SECONDS = 120;
/** How long a process waits for another one's migration before it gives up. */
const WAIT_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The migrator's own tables, made before anything else (and before the lease can be taken):
 * the record of what ran, the leases (the migration's here, the sweep's from sql/007), and what
 * drains need (drain.ts: the serves' roll call, the routines' contracts, the drain's lease row).
 */
const BOOTSTRAP = [
  `CREATE TABLE IF NOT EXISTS marquee_migration (
    name VARCHAR(100) NOT NULL PRIMARY KEY,
    checksum CHAR(64) CHARACTER SET ascii NOT NULL,
    applied_at DATETIME(3) NOT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE IF NOT EXISTS marquee_lease (
    name       VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    holder     VARCHAR(120) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
    expires_at DATETIME(3) NOT NULL,
    PRIMARY KEY (name)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `INSERT IGNORE INTO marquee_lease (name, holder, expires_at) VALUES ('${LEASE}', NULL, '2000-01-01 00:00:00')`,
  ...DRAIN_BOOTSTRAP,
];

// Deadlock / certification conflict, lock-wait timeout: two migrators writing the lease row at
// once on different cluster nodes; the loser runs the statement again.
const CONFLICT_ERRNOS = new Set([1213, 1205]);

/** conn.query for the lease, run again on a conflict. */
function leaseExec(conn: Connection): Exec {
  return async (sql, params) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await conn.query<ResultSetHeader>(sql, params))[0];
      } catch (err) {
        if (!CONFLICT_ERRNOS.has((err as { errno?: number }).errno ?? 0) || attempt >= 20) throw err;
        await sleep(Math.random() * 50 * Math.min(attempt, 5));
      }
    }
  };
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /** Routine files (re-)applied because they were new or changed. */
  routinesApplied: string[];
  /** Routines dropped because their file is gone. */
  routinesDropped: string[];
  /** The drain around the DDL (drain.ts), or null when there was nothing to apply. */
  drain: DrainReport | null;
}

export interface DrainReport {
  /** Live serves that held their work for the DDL. */
  serves: number;
  /** From the announcement until every one of them had nothing in flight. */
  waitedMs: number;
  /** From the announcement until the drain ended (what a request may have waited at most). */
  heldMs: number;
}

export interface SchemaStatus {
  /** Versioned files not yet applied. */
  pendingVersioned: string[];
  /** Routine files never applied or changed since, and recorded routines whose file is gone. */
  staleRoutines: string[];
  /** Applied versioned files whose text differs from what ran (an edit that must be undone). */
  changedVersioned: string[];
  /**
   * Versioned files recorded in the database that this build does not have: a newer Marquee
   * migrated it. Not up to date either way — applying this build's routines would downgrade them.
   */
  aheadVersioned: string[];
  upToDate: boolean;
}

const ER_NO_SUCH_TABLE = 1146;
/** Binary logging on, log_bin_trust_function_creators off, and no SUPER: no function or trigger may be created. */
const ER_BINLOG_CREATE_ROUTINE_NEED_SUPER = 1419;

export const BINLOG_NEEDS_TRUST_MESSAGE =
  'The database server has binary logging on and refuses to let this account create triggers and functions without SUPER; ' +
  'have a DBA run SET GLOBAL log_bin_trust_function_creators = 1 (and set log_bin_trust_function_creators = 1 in the server\'s ' +
  'configuration so it survives a restart), then run `npx marquee migrate` again.';

/** Runs one statement of `file`; a refusal the operator must fix becomes a MigrationError saying what to set. */
async function runStatement(conn: Connection, statement: string, file: string): Promise<void> {
  try {
    await conn.query(statement);
  } catch (err) {
    if ((err as { errno?: number }).errno === ER_BINLOG_CREATE_ROUTINE_NEED_SUPER) {
      throw new MigrationError(`${BINLOG_NEEDS_TRUST_MESSAGE} (while applying ${file})`, { cause: err });
    }
    throw err;
  }
}

async function recordedChecksums(conn: Connection): Promise<Map<string, string>> {
  try {
    const [rows] = await conn.query<RowDataPacket[]>('SELECT name, checksum FROM marquee_migration');
    return new Map(rows.map((r) => [String(r.name), String(r.checksum)]));
  } catch (err) {
    if ((err as { errno?: number }).errno === ER_NO_SUCH_TABLE) return new Map();
    throw err;
  }
}

function compare(plan: MigrationPlan, done: Map<string, string>): SchemaStatus & { orphanRoutines: string[] } {
  const pendingVersioned = plan.versioned.filter((m) => !done.has(m.name)).map((m) => m.name);
  const changedVersioned = plan.versioned
    .filter((m) => done.has(m.name) && !matchesRecorded(m, done.get(m.name)!))
    .map((m) => m.name);
  const known = new Set(plan.routines.map((r) => r.name));
  const orphanRoutines = [...done.keys()].filter((n) => n.startsWith(ROUTINE_PREFIX) && !known.has(n)).sort();
  const versionedFiles = new Set(plan.versioned.map((m) => m.name));
  const aheadVersioned = [...done.keys()].filter((n) => !n.startsWith(ROUTINE_PREFIX) && !versionedFiles.has(n)).sort();
  const staleRoutines = [...plan.routines.filter((r) => done.get(r.name) !== r.checksum).map((r) => r.name), ...orphanRoutines];
  return {
    pendingVersioned,
    staleRoutines,
    changedVersioned,
    aheadVersioned,
    upToDate: pendingVersioned.length + staleRoutines.length + changedVersioned.length + aheadVersioned.length === 0,
    orphanRoutines,
  };
}

/**
 * What `migrate` would do, without changing anything (needs only SELECT on marquee_migration):
 * used by MARQUEE_MIGRATE=off and `marquee doctor`. upToDate = nothing pending, stale or changed.
 */
export async function schemaStatus(conn: Connection, plan: MigrationPlan = loadMigrationPlan()): Promise<SchemaStatus> {
  const { orphanRoutines: _orphans, ...status } = compare(plan, await recordedChecksums(conn));
  return status;
}

export function newerSchemaMessage(aheadVersioned: string[]): string {
  return `The database was migrated by a newer version of Marquee (it has ${aheadVersioned.join(', ')}, which this version lacks); ` +
    'run that version or a newer one.';
}

function changedFileError(name: string, recorded: string, now: string): MigrationError {
  return new MigrationError(
    `Migration ${name} was changed after it was applied to this database ` +
      `(recorded checksum ${recorded.slice(0, 12)}…, file now ${now.slice(0, 12)}…). ` +
      'Applied migrations are never edited: restore the file and put the change in a new migration.',
  );
}

/** Drops a routine whose file was removed; its kind is read from the database. */
async function dropOrphanRoutine(conn: Connection, recordName: string): Promise<void> {
  const routine = recordName.slice(ROUTINE_PREFIX.length, -'.sql'.length);
  const [found] = await conn.query<RowDataPacket[]>(
    `SELECT ROUTINE_TYPE AS kind FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = ?
     UNION ALL SELECT 'TRIGGER' FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?`,
    [routine, routine],
  );
  for (const row of found) await conn.query(`DROP ${String(row.kind) as RoutineKind} IF EXISTS \`${routine.replace(/`/g, '')}\``);
  await conn.query('DELETE FROM marquee_migration WHERE name = ?', [recordName]);
  await conn.query('DELETE FROM marquee_routine_contract WHERE name = ?', [recordName]);
}

export interface MigrateOptions {
  /** How changed routines replace their older selves; by default what the server supports (routine-replace.ts). */
  replace?: ReplaceStrategy;
  /**
   * MARQUEE_CAPACITY, for a migration that makes a row from it (sql/015's "Screen 1"): the
   * versioned files read it as the session variable @marquee_migrate_capacity, unset (and
   * then their own default) when a DBA runs them by hand.
   */
  capacity?: number;
  /** How long live serves are given to drain (drain.ts, DRAIN_WAIT_MS); tests shorten it. */
  drainWaitMs?: number;
}

/** Runs on one dedicated connection. */
export async function migrate(conn: Connection, plan: MigrationPlan = loadMigrationPlan(), options: MigrateOptions = {}): Promise<MigrateResult> {
  await conn.query("SET time_zone = '+00:00'");
  // A routine keeps the session's character set and collation it was created under (for its
  // string literals): make them the same whatever client or pool runs the migration.
  await conn.query('SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci');
  await conn.query('SET @marquee_migrate_capacity = ?', [options.capacity ?? null]);
  const exec = leaseExec(conn);
  // Several processes make the same tables and seed the same row at once: on a cluster those
  // writes conflict across nodes, so they are run again like the lease's own.
  // A table that exists is not made again: on Galera even CREATE TABLE IF NOT EXISTS is DDL run
  // in total order on every node, which every serve's start would otherwise add under load.
  const [present] = await conn.query<RowDataPacket[]>(
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  );
  const existing = new Set(present.map((r) => String(r.name).toLowerCase()));
  for (const statement of BOOTSTRAP) {
    const made = /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(statement)?.[1];
    if (made === undefined || !existing.has(made.toLowerCase())) await exec(statement, []);
  }
  const holder = leaseHolderName();
  const waitUntil = Date.now() + WAIT_MS;
  while (!(await takeLease(exec, LEASE, holder, LEASE_SECONDS))) {
    if (Date.now() > waitUntil) throw new MigrationError('Another process held the migration lock for 2 minutes; try again.');
    await sleep(100 + Math.random() * 200);
  }
  /** Renewed before each statement: statements run only while this process holds the lease. */
  const holdLease = async () => {
    if (!(await takeLease(exec, LEASE, holder, LEASE_SECONDS))) {
      throw new MigrationError('The migration lock expired while migrating (a statement ran longer than 2 minutes); run the migration again.');
    }
  };
  try {
    const done = await recordedChecksums(conn);
    const { orphanRoutines, aheadVersioned, staleRoutines, pendingVersioned } = compare(plan, done);
    if (aheadVersioned.length) throw new MigrationError(newerSchemaMessage(aheadVersioned));
    for (const m of plan.versioned) {
      const recorded = done.get(m.name);
      if (recorded !== undefined && !matchesRecorded(m, recorded)) throw changedFileError(m.name, recorded, m.checksum);
    }
    const result: MigrateResult = {
      applied: [], alreadyApplied: plan.versioned.filter((m) => done.has(m.name)).map((m) => m.name),
      routinesApplied: [], routinesDropped: [], drain: null,
    };
    if (pendingVersioned.length + staleRoutines.length === 0) return result;
    // Every live serve holds its work while the DDL runs (drain.ts), one drain per migration.
    const drainId = holder;
    const announced = Date.now();
    await holdDrain(exec, drainId);
    try {
      const serves = await awaitDrained(conn, exec, drainId, options.drainWaitMs).catch((err: unknown) => {
        throw err instanceof DrainError ? new MigrationError(err.message) : err;
      });
      result.drain = { serves, waitedMs: Date.now() - announced, heldMs: 0 };
      const holdBoth = async () => {
        await holdLease();
        await holdDrain(exec, drainId);
      };
      await applyChanges(conn, plan, done, orphanRoutines, options, holdBoth, result);
    } finally {
      await endDrain(exec, drainId).catch(() => undefined);
      if (result.drain) result.drain.heldMs = Date.now() - announced;
    }
    return result;
  } finally {
    await releaseLease(exec, LEASE, holder).catch(() => undefined);
  }
}

/** The versioned files not yet applied, then the routines: each statement only while `hold` renews the leases. */
async function applyChanges(
  conn: Connection, plan: MigrationPlan, done: Map<string, string>, orphanRoutines: string[], options: MigrateOptions,
  hold: () => Promise<void>, result: MigrateResult,
): Promise<void> {
  for (const m of plan.versioned) {
    if (done.has(m.name)) continue;
    for (const statement of m.statements) {
      await hold();
      await runStatement(conn, statement, m.name);
    }
    await hold();
    await conn.query('INSERT INTO marquee_migration (name, checksum, applied_at) VALUES (?, ?, UTC_TIMESTAMP(3))', [m.name, m.checksum]);
    result.applied.push(m.name);
  }
  for (const name of orphanRoutines) {
    await dropOrphanRoutine(conn, name);
    result.routinesDropped.push(name);
  }
  const strategy = options.replace ?? (await replaceStrategyFor(conn));
  for (const r of plan.routines) {
    if (done.get(r.name) === r.checksum) continue;
    const { lockTable, statements } = replacementFor(r, strategy);
    await hold();
    // Under LOCK TABLES only the locked table may be touched: the leases are renewed around it.
    if (lockTable) await conn.query(`LOCK TABLES \`${lockTable}\` WRITE`);
    try {
      for (const statement of statements) {
        if (!lockTable) await hold();
        await runStatement(conn, statement, r.name);
      }
    } finally {
      if (lockTable) await conn.query('UNLOCK TABLES');
    }
    await hold();
    await conn.query(
      `INSERT INTO marquee_migration (name, checksum, applied_at) VALUES (?, ?, UTC_TIMESTAMP(3))
       ON DUPLICATE KEY UPDATE checksum = ?, applied_at = UTC_TIMESTAMP(3)`,
      [r.name, r.checksum, r.checksum],
    );
    const contract = contractChecksum(r);
    if (contract !== null) {
      await conn.query('INSERT INTO marquee_routine_contract (name, contract) VALUES (?, ?) ON DUPLICATE KEY UPDATE contract = ?', [r.name, contract, contract]);
    }
    result.routinesApplied.push(r.name);
  }
}
