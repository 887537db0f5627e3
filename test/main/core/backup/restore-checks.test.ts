// What `marquee restore` checks before it touches a database, and what it refuses: a file that is
// not a backup, cut short or changed (the checksum), made by a newer Marquee, a database that
// holds data (unless --force) or that another process still uses. And a backup made before the
// latest migrations is migrated forward. The row counter the manifest relies on is checked on
// the dump formats it meets.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dumpBytes, readBackupArchive, writeBackupArchive } from '../../../../main/core/backup/archive';
import { DumpRowCounter } from '../../../../main/core/backup/dump-rows';
import { makeBackup } from '../../../../main/core/backup/make-backup';
import { checkBackupFile, restoreBackup } from '../../../../main/core/backup/restore-backup';
import { Database } from '../../../../main/core/db/database';
import { loadMigrationPlan, migrate, schemaStatus } from '../../../../main/core/db/migrate';
import { quoteDatabaseName } from '../../../../main/core/db/target';
import { runOperation } from '../../../../main/core/operations';
import { createTestDatabase, serverTarget, showTimeFromNow, type TestDatabase } from '../../../support/db';

const manager = { role: 'manager' as const, label: 'office' };
let t: TestDatabase;
let dir: string;
let file: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'mq-restore-checks-'));
  const show = await runOperation(t.ctx, 'createShow', { showTime: await showTimeFromNow(t.db, 60), title: "It's a \"test\"; (really)" }, manager);
  for (const name of ["O'Brien (junior)", 'Zoë; DROP TABLE x', 'Back\\slash']) {
    await runOperation(t.ctx, 'book', { userName: name, phoneNo: '5550001234', showId: show.showId }, manager);
  }
  file = (await makeBackup(t.target, dir)).file;
});

afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const variant = (name: string, change: (bytes: Buffer) => Buffer) => {
  const copy = path.join(dir, name);
  writeFileSync(copy, change(readFileSync(file)));
  return copy;
};

describe('the file', () => {
  test('a good backup passes, with every table counted', async () => {
    const { manifest } = await checkBackupFile(file);
    expect(manifest.tables).toMatchObject({ ticket_record: 3, user_record: 3, show_record: 1, ticket_event: 3 });
    expect(manifest.migrations).toContain('001_schema.sql');
    expect(manifest.migrations.some((m) => m.startsWith('routines/'))).toBe(false);
  });

  test('not a backup, cut short, or one changed byte: refused with what is wrong', async () => {
    await expect(checkBackupFile(variant('random.tar', () => Buffer.from('hello')))).rejects.toThrow(/is not a Marquee backup/);
    const cut = path.join(dir, 'cut.tar');
    copyFileSync(file, cut);
    truncateSync(cut, 1500);
    await expect(checkBackupFile(cut)).rejects.toThrow(/cut short or damaged/);
    await expect(
      checkBackupFile(variant('flipped.tar', (bytes) => {
        const changed = Buffer.from(bytes);
        changed[700] = changed[700]! ^ 0x01;
        return changed;
      })),
    ).rejects.toThrow(/checksum does not match/);
    await expect(checkBackupFile(path.join(dir, 'missing.tar'))).rejects.toThrow(/There is no file/);
  });

  test('a backup of a database that a newer Marquee migrated: refused before anything is touched', async () => {
    const archive = await readBackupArchive(file);
    const newer = path.join(dir, 'newer.tar');
    const manifest = archive.manifest as { migrations: string[]; marqueeVersion: string; dump: object };
    await writeBackupArchive(newer, dumpBytes(archive), (written) => ({
      ...manifest, marqueeVersion: '9.0.0', migrations: [...manifest.migrations, '999_future.sql'], dump: { ...manifest.dump, ...written },
    }));
    await expect(checkBackupFile(newer)).rejects.toThrow(/made by a newer Marquee \(9\.0\.0; its database has 999_future\.sql/);
  });
});

describe('the database', () => {
  test('one that holds data is refused without --force and left as it was', async () => {
    const checked = await checkBackupFile(file);
    await runOperation(t.ctx, 'book', { userName: 'After the backup', phoneNo: '5550009999', showId: 1 }, manager).catch(() => undefined);
    const before = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record');
    await t.db.close();
    const db = new Database(t.target, { poolSize: 2 });
    try {
      await expect(restoreBackup(db, checked, { force: false, settings: t.config })).rejects.toThrow(/is not empty \(\d+ tables holding \d+ rows\).*--force/);
      expect(await db.rows('SELECT COUNT(*) AS n FROM ticket_record')).toEqual(before);
    } finally {
      await db.close();
    }
  });

  test('one another process still uses is refused, even with --force', async () => {
    const checked = await checkBackupFile(file);
    const other = await mysql.createConnection({ ...t.target });
    const db = new Database(t.target, { poolSize: 2 });
    try {
      await expect(restoreBackup(db, checked, { force: true, settings: t.config })).rejects.toThrow(/1 other connection\(s\) are using the database/);
    } finally {
      await other.end();
      await db.close();
    }
  });

  test('with --force it is replaced by the backup, routines and all', async () => {
    const checked = await checkBackupFile(file);
    const db = new Database(t.target, { poolSize: 2 });
    try {
      const result = await restoreBackup(db, checked, { force: true, settings: t.config });
      expect(result.replaced).toBeGreaterThan(0);
      expect(result.migrated).toEqual([]);
      const names = (await db.rows('SELECT user_name FROM user_record ORDER BY user_id')).map((r) => r.user_name);
      expect(names).toEqual(["O'Brien (junior)", 'Zoë; DROP TABLE x', 'Back\\slash']);
      const conn = await db.pool.getConnection();
      try {
        expect((await schemaStatus(conn)).upToDate).toBe(true);
      } finally {
        conn.release();
      }
    } finally {
      await db.close();
    }
  });

  test('a backup from before the latest migrations is migrated forward', async () => {
    const server = serverTarget();
    const names = [`mq_old_${process.pid}`, `mq_new_${process.pid}`];
    const admin = await mysql.createConnection({ ...server, database: undefined });
    for (const name of names) await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)}`);
    try {
      const plan = loadMigrationPlan();
      // The tables as they were before 016; today's routines would not fit them (they read columns
      // made later), and the backup holds no routines anyway: the restore makes them.
      const older = { versioned: plan.versioned.filter((m) => m.name < '016'), routines: [] };
      const oldConn = await mysql.createConnection({ ...server, database: names[0] });
      await migrate(oldConn, older);
      await oldConn.end();
      const made = await makeBackup({ ...server, database: names[0]! }, dir);
      const db = new Database({ ...server, database: names[1]! }, { poolSize: 2 });
      try {
        const result = await restoreBackup(db, await checkBackupFile(made.file), { force: false, settings: t.config });
        expect(result.migrated).toEqual(plan.versioned.filter((m) => m.name >= '016').map((m) => m.name));
        expect(result.routines).toBe(plan.routines.length);
      } finally {
        await db.close();
      }
    } finally {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
      await admin.end();
    }
  });
});

describe('counting rows in a dump', () => {
  const count = async (text: string, chunk = 7) => {
    const counter = new DumpRowCounter();
    const bytes = Buffer.from(text, 'utf8');
    const parts = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk));
    for await (const _ of Readable.from(parts).pipe(counter)) {
      /* drained */
    }
    return Object.fromEntries(counter.rows);
  };

  test('one row a line (mariadb-dump 10.11) and all rows on one line (mysqldump), strings with quotes, brackets, escapes and line breaks', async () => {
    const dump = [
      '-- comment (with brackets) INSERT INTO `fake` VALUES (1);',
      'CREATE TABLE `t` (`a` int, `b` text);',
      'INSERT INTO `t` VALUES',
      "(1,'it\\'s (one)'),",
      "(2,'),(\\\\'),",
      "(3,'line\\nbreak; done');",
      "INSERT INTO `u` VALUES (1,'Zoë (é)'),(2,NULL),(3,0x28),(4,'''quoted''');",
      'INSERT INTO `odd``name` VALUES (1);',
      '/*!40000 ALTER TABLE `t` ENABLE KEYS */;',
    ].join('\n');
    for (const chunk of [1, 7, 4096]) expect(await count(dump, chunk)).toEqual({ t: 3, u: 4, 'odd`name': 1 });
  });
});
