// `marquee restore FILE`: checks the file (manifest, SHA-256, migrations this Marquee knows),
// refuses a database that holds anything unless forced, loads the dump with the server's own
// client, checks every table's row count against the manifest, then migrates: the routines and
// triggers are re-created from sql/routines, and a backup older than this Marquee is brought
// forward (docs/ARCHITECTURE.md, "Backups").
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { runMigrations, type SchemaSettings } from '../app';
import type { Database } from '../db/database';
import { loadMigrations } from '../db/migrate';
import { quoteDatabaseName } from '../db/target';
import { dumpBytes, hashDump, readBackupArchive, type BackupArchive } from './archive';
import { findLoadTool, spawnTool, withOptionFile } from './client-tools';
import { BackupError } from './errors';
import { lastLine } from './make-backup';
import { backupManifest, MANIFEST_FORMAT, type BackupManifest } from './manifest';

export interface CheckedBackup {
  archive: BackupArchive;
  manifest: BackupManifest;
}

/** Reads and verifies a backup file without touching any database. */
export async function checkBackupFile(file: string): Promise<CheckedBackup> {
  const archive = await readBackupArchive(file);
  const format = (archive.manifest as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== MANIFEST_FORMAT) {
    throw new BackupError(`${file} is a backup of format ${format}, which this version of Marquee cannot read; restore it with the Marquee that made it or a newer one.`);
  }
  const parsed = backupManifest.safeParse(archive.manifest);
  if (!parsed.success) throw new BackupError(`${file} is damaged: its manifest is not a Marquee backup manifest.`);
  const manifest = parsed.data;
  if (manifest.dump.bytes !== archive.dump.bytes || (await hashDump(archive)) !== manifest.dump.sha256) {
    throw new BackupError(`${file} is damaged: its checksum does not match its manifest (a copy cut short, or a failing disk). Restore another backup.`);
  }
  const known = new Set(loadMigrations().map((m) => m.name));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new BackupError(
      `${file} was made by a newer Marquee (${manifest.marqueeVersion}; its database has ${unknown.join(', ')}, which this version lacks); ` +
        'restore it with that version or a newer one.',
    );
  }
  return { archive, manifest };
}

type Conn = mysql.Connection;

async function baseTables(conn: Conn): Promise<string[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
  );
  return rows.map((r) => String(r.name));
}

const quoteTable = (name: string) => `\`${name.replace(/`/g, '``')}\``;

async function rowCount(conn: Conn, table: string): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${quoteTable(table)}`);
  return Number(rows[0]!.n);
}

/** Everything in the database: tables, views and routines (triggers go with their tables). */
async function contents(conn: Conn) {
  const [objects] = await conn.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS name, IF(TABLE_TYPE = 'VIEW', 'VIEW', 'TABLE') AS kind FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
     UNION ALL SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`,
  );
  return objects.map((o) => ({ name: String(o.name), kind: String(o.kind) as 'TABLE' | 'VIEW' | 'FUNCTION' | 'PROCEDURE' }));
}

/** Other sessions on this database: a serve still running would write into a half-restored one. */
async function otherSessions(conn: Conn): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump')",
  );
  return Number(rows[0]!.n);
}

async function emptyDatabase(conn: Conn, objects: Awaited<ReturnType<typeof contents>>): Promise<void> {
  await conn.query('SET FOREIGN_KEY_CHECKS = 0');
  try {
    for (const o of objects) await conn.query(`DROP ${o.kind} IF EXISTS ${quoteTable(o.name)}`);
  } finally {
    await conn.query('SET FOREIGN_KEY_CHECKS = 1');
  }
}

async function loadDump(db: Database, checked: CheckedBackup): Promise<void> {
  const tool = findLoadTool();
  await withOptionFile(db.target, async (options) => {
    const { child, exited } = spawnTool(tool, [`--defaults-file=${options}`, '--batch', db.target.database]);
    child.stdout.resume();
    const fed = pipeline(dumpBytes(checked.archive), createGunzip(), child.stdin).catch((err: unknown) => err);
    const exit = await exited;
    const feedError = await fed;
    if (exit.code !== 0) {
      throw new BackupError(
        `Loading the backup failed: ${lastLine(exit.stderr) || `${tool.path} ended with ${exit.code ?? exit.signal}`}. ` +
          'The database is only partly restored; fix the cause and run the restore again with --force.',
      );
    }
    if (feedError) throw new BackupError(`Reading the backup failed while loading it (${(feedError as Error).message}); run the restore again with --force.`);
  });
}

export interface RestoreOptions {
  /** Replace whatever the database holds. */
  force: boolean;
  /** The configuration the migrations take (sql/015, settings.ts). */
  settings: SchemaSettings;
  /** False when another process runs the embedded server this restore would use. */
  ownsServer?: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Versioned migrations newer than the backup, applied after loading it. */
  migrated: string[];
  routines: number;
  replaced: number;
}

export async function restoreBackup(db: Database, checked: CheckedBackup, options: RestoreOptions): Promise<RestoreResult> {
  const { manifest } = checked;
  const name = db.target.database;
  if (options.ownsServer === false) {
    throw new BackupError('Another Marquee is running on this embedded database (a serve or the desktop app); stop it, then restore.');
  }
  const conn = await mysql.createConnection({ ...db.target });
  let replaced = 0;
  try {
    const others = await otherSessions(conn);
    if (others > 0) {
      throw new BackupError(`${others} other connection(s) are using the database ${name}; stop every Marquee that uses it (serves, desktop apps), then restore.`);
    }
    const objects = await contents(conn);
    if (objects.length && !options.force) {
      const tables = objects.filter((o) => o.kind === 'TABLE');
      let rows = 0;
      for (const t of tables) rows += await rowCount(conn, t.name);
      throw new BackupError(
        `The database ${name} is not empty (${tables.length} tables holding ${rows} rows). A restore replaces everything in it: ` +
          'run it again with --force to do that, or restore into an empty database.',
      );
    }
    replaced = objects.length;
    await emptyDatabase(conn, objects);
  } finally {
    await conn.end().catch(() => undefined);
  }

  await loadDump(db, checked);

  const after = await mysql.createConnection({ ...db.target });
  try {
    const tables = await baseTables(after);
    const expected = Object.keys(manifest.tables).sort();
    if (tables.join() !== expected.join()) {
      throw new BackupError(`The restored database has the tables ${tables.join(', ')}, but the backup's manifest lists ${expected.join(', ')}; the backup is not usable.`);
    }
    for (const table of tables) {
      const n = await rowCount(after, table);
      if (n !== manifest.tables[table]) {
        throw new BackupError(`The restored table ${table} holds ${n} rows, but the backup's manifest says ${manifest.tables[table]}; the backup is not usable.`);
      }
    }
    // The routines' records go: the migration below then creates every routine and trigger
    // afresh from this Marquee's sql/routines. The leases name holders that ran before.
    await after.query(`DELETE FROM ${quoteDatabaseName(name)}.marquee_migration WHERE name LIKE 'routines/%'`);
    await after.query("UPDATE marquee_lease SET holder = NULL, expires_at = '2000-01-01 00:00:00'");
  } finally {
    await after.end().catch(() => undefined);
  }
  const migrated = await runMigrations(db, options.settings);
  return { manifest, migrated: migrated.applied, routines: migrated.routinesApplied.length, replaced };
}
