// `npm run bench:backup`: a backup of a realistic box office (10,000 tickets with their audit
// trail, some moved and cancelled) — its size, the time to make it with the database idle and
// while guests keep booking (and what the backup costs their bookings), and the time to restore
// it into an empty database (loading, checking the counts, re-creating routines).
import { rmSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { runBackup } from '../main/core/backup/run-backup';
import { checkBackupFile, restoreBackup } from '../main/core/backup/restore-backup';
import { loadConfig } from '../main/core/config';
import { Database } from '../main/core/db/database';
import { runOperation } from '../main/core/operations';
import { createOperationContext } from '../main/core/operations/context';
import { freshDatabase, guest, seedBenchSchedule, startBenchServer } from './support';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 10_000);
const manager = { role: 'manager' as const, label: 'bench' };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const server = await startBenchServer();
  try {
    const { target } = await freshDatabase(server, 'marquee_backup_bench');
    const { shows } = await seedBenchSchedule(target, 'backup bench');
    const config = { ...loadConfig({ MARQUEE_TIMEZONE: 'UTC' }), dataDir: path.join(server.workDir, 'data'), backupCopyDir: undefined };
    const db = new Database(target, { poolSize: 16 });
    const ctx = createOperationContext(db, config);
    let n = 0;
    const book = async () => {
      const i = n++;
      const ticket = await runOperation(ctx, 'book', { ...guest(i), showTime: shows[i % 200]! }, manager);
      if (i % 10 === 1) await runOperation(ctx, 'cancel', { ticketId: ticket.ticketId }, manager);
      else if (i % 10 === 2) await runOperation(ctx, 'move', { ticketId: ticket.ticketId, showTime: shows[200 + (i % 200)]! }, manager);
    };

    let started = performance.now();
    const filler = async () => {
      while (n < TICKETS * 1.12) await book();
    };
    await Promise.all(Array.from({ length: 16 }, filler));
    const [{ live }] = (await db.rows('SELECT COUNT(*) AS live FROM ticket_record')) as unknown as [{ live: number }];
    console.log(`Filled: ${live} live tickets (${n} booked, every tenth cancelled, every tenth moved) in ${seconds(performance.now() - started)}`);

    started = performance.now();
    const idle = await runBackup(db, config, { kind: 'manual' });
    const idleMs = performance.now() - started;
    console.log(`Backup, database idle:       ${seconds(idleMs)}, ${mb(idle.bytes)} (${Object.values(idle.manifest.tables).reduce((a, b) => a + b, 0)} rows)`);

    // Guests keep booking: bookings per second before and during the backup.
    let running = true;
    let booked = 0;
    const guests = async () => {
      while (running) {
        await book();
        booked++;
      }
    };
    const load = Array.from({ length: 8 }, guests);
    await new Promise((r) => setTimeout(r, 3_000));
    const before = booked / 3;
    const atStart = booked;
    started = performance.now();
    const busy = await runBackup(db, config, { kind: 'manual' });
    const busyMs = performance.now() - started;
    const during = (booked - atStart) / (busyMs / 1000);
    running = false;
    await Promise.all(load);
    console.log(`Backup, while booking:       ${seconds(busyMs)}, ${mb(busy.bytes)}; bookings ${before.toFixed(0)}/s before, ${during.toFixed(0)}/s during`);

    // A restore goes into an empty database, as after a disaster.
    const admin = await mysql.createConnection({ ...target, database: undefined });
    await admin.query('DROP DATABASE IF EXISTS marquee_restore_bench');
    await admin.query('CREATE DATABASE marquee_restore_bench');
    await admin.end();
    const restoreDb = new Database({ ...target, database: 'marquee_restore_bench' }, { poolSize: 4 });
    started = performance.now();
    const checked = await checkBackupFile(busy.file);
    const checkedMs = performance.now() - started;
    const restored = await restoreBackup(restoreDb, checked, { force: false, settings: config });
    const restoreMs = performance.now() - started;
    console.log(`Restore into an empty database: ${seconds(restoreMs)} (checksum ${seconds(checkedMs)}; ${restored.manifest.tables.ticket_record} tickets, ${restored.routines} routines re-created)`);
    await restoreDb.close();
    await db.close();
    rmSync(config.dataDir, { recursive: true, force: true });
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
