// `marquee backup`: one consistent snapshot of Marquee's database while serves keep booking.
// mariadb-dump --single-transaction reads every table in one REPEATABLE READ transaction
// (all of Marquee's tables are InnoDB, checked here), so the file is the database at one moment
// and takes no lock a booking waits for. It holds the tables and their rows, and with them
// marquee_migration (which versioned migrations made them); no routines and no triggers: those
// are the migrations' own (sql/routines), and the restore re-creates them by migrating
// (docs/ARCHITECTURE.md, "Backups").
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import type { DbTarget } from '../db/target';
import { VERSION } from '../version';
import { DUMP_MEMBER, writeBackupArchive } from './archive';
import { findDumpTool, spawnTool, withOptionFile } from './client-tools';
import { DumpRowCounter } from './dump-rows';
import { BackupError } from './errors';
import { MANIFEST_FORMAT, type BackupManifest } from './manifest';

/** Backup files are named by the moment they were made, so names sort by age (folders.ts prunes by name). */
export const BACKUP_FILE_PATTERN = /^marquee-backup-\d{8}-\d{6}-\d{3}Z\.tar$/;

export function backupFileName(at: Date): string {
  const iso = at.toISOString(); // 2026-12-07T03:30:00.123Z
  return `marquee-backup-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}Z.tar`;
}

export interface MadeBackup {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

interface DatabaseFacts {
  server: string;
  tables: string[];
  migrations: string[];
  snapshotAt: Date;
}

async function databaseFacts(conn: mysql.Connection): Promise<DatabaseFacts> {
  const [tables] = await conn.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS name, ENGINE AS engine FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
  );
  if (!tables.some((t) => t.name === 'marquee_migration')) {
    throw new BackupError(`The database ${conn.config.database} holds no Marquee data yet (it was never migrated): there is nothing to back up.`);
  }
  const notTransactional = tables.filter((t) => String(t.engine).toLowerCase() !== 'innodb').map((t) => `${t.name} (${t.engine})`);
  if (notTransactional.length) {
    throw new BackupError(
      `The tables ${notTransactional.join(', ')} are not InnoDB, so no snapshot of them can be consistent while serves write; ` +
        'convert them (ALTER TABLE … ENGINE=InnoDB), then back up again.',
    );
  }
  return {
    server: String((await conn.query<RowDataPacket[]>('SELECT VERSION() AS v'))[0][0]!.v),
    tables: tables.map((t) => String(t.name)),
    migrations: await versionedMigrations(conn),
    snapshotAt: (await conn.query<RowDataPacket[]>('SELECT UTC_TIMESTAMP(3) AS t'))[0][0]!.t as Date,
  };
}

async function versionedMigrations(conn: mysql.Connection): Promise<string[]> {
  const [rows] = await conn.query<RowDataPacket[]>("SELECT name FROM marquee_migration WHERE name NOT LIKE 'routines/%' ORDER BY name");
  return rows.map((r) => String(r.name));
}

/** The last line a client tool wrote, for a sentence (its earlier lines are usually warnings). */
export function lastLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
}

/** Makes one backup file in `dir` (which must exist) of the database at `target`. */
export async function makeBackup(target: DbTarget, dir: string): Promise<MadeBackup> {
  const tool = findDumpTool();
  const conn = await mysql.createConnection({ ...target, timezone: 'Z', dateStrings: false });
  try {
    await conn.query("SET time_zone = '+00:00'");
    const facts = await databaseFacts(conn);
    const file = path.join(dir, backupFileName(facts.snapshotAt));
    const partial = path.join(dir, `.${path.basename(file)}.partial`);
    let manifest: BackupManifest | undefined;
    try {
      await withOptionFile(target, async (options) => {
        const args = [
          `--defaults-file=${options}`,
          // One REPEATABLE READ transaction: the snapshot, with no lock on any table.
          '--single-transaction',
          '--skip-lock-tables',
          // Row by row from the server instead of whole tables in memory.
          '--quick',
          // Routines and triggers come from the migrations (sql/routines); --routines and --events stay off.
          '--skip-triggers',
          '--hex-blob',
          '--no-tablespaces',
          '--skip-dump-date',
          ...(tool.flavour === 'mysql' ? ['--set-gtid-purged=OFF'] : []),
          target.database,
        ];
        const { child, exited } = spawnTool(tool, args);
        child.stdin.end();
        const counter = new DumpRowCounter();
        // A write that fails (a full disk) must not leave the dump blocked on a pipe nobody reads.
        const stopDump = () => child.kill('SIGKILL');
        await writeBackupArchive(partial, child.stdout.pipe(counter).pipe(createGzip({ level: 6 })), async (written) => {
          const exit = await exited;
          if (exit.code !== 0) {
            throw new BackupError(`${path.basename(tool.path)} failed: ${lastLine(exit.stderr) || `exit ${exit.code ?? exit.signal}`}`);
          }
          const tables = Object.fromEntries([...new Set([...facts.tables, ...counter.rows.keys()])].sort().map((t) => [t, counter.rows.get(t) ?? 0]));
          manifest = {
            format: MANIFEST_FORMAT,
            marqueeVersion: VERSION,
            createdAt: facts.snapshotAt.toISOString(),
            database: { name: target.database, server: facts.server },
            dumpTool: tool.version,
            migrations: facts.migrations,
            tables,
            dump: { file: DUMP_MEMBER, bytes: written.bytes, sha256: written.sha256 },
          };
          return manifest;
        }).catch((err: unknown) => {
          stopDump();
          throw err;
        });
      });
      // A migration that ran meanwhile may have changed tables the snapshot saw before it.
      if ((await versionedMigrations(conn)).join() !== facts.migrations.join()) {
        throw new BackupError('A migration ran while the backup was being made, so the backup may mix two schemas; run the backup again.');
      }
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return { file, bytes: (await stat(file)).size, manifest: manifest! };
  } finally {
    await conn.end().catch(() => undefined);
  }
}
