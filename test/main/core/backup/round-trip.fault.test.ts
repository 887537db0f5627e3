// Backups that restore (issue 24), on the operator's database and on the embedded default:
// guests book, move, cancel and check in through a running serve while `marquee backup` runs;
// the database is destroyed; `marquee restore` brings it back. The restored database is one
// snapshot of the live one: every audit row identical to the live row of that id, every ticket
// no request touched while the backup ran identical, every ticket's state agreeing with its
// audit trail, `booked` equal to the tickets of each show. Then `doctor` is ready, serve books
// again, and a backup of the quiet database restores to a copy identical in every row of every
// table (the migrator's own bookkeeping aside).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, test } from 'vitest';
import { startEmbeddedServer } from '../../../../main/core/db/embedded-server';
import { quoteDatabaseName, type DbTarget } from '../../../../main/core/db/target';
import { lastLine, readDatabase, rowsOf, runMarquee, type DatabaseState } from '../../../support/backup';
import { createTestDatabase, serverTarget, showTimeFromNow, type TestDatabase } from '../../../support/db';
import { createHttpsClient, createTokenWithCli, spawnServe, type ServeProcess } from '../../../support/server';

interface Setup {
  /** MARQUEE_* for every command and serve of this database. */
  env: Record<string, string>;
  /** Reads the whole database (starting the embedded server for it when needed). */
  read(): Promise<DatabaseState>;
  /** Destroys the database: nothing of it is left. */
  destroy(): Promise<void>;
  cleanup(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function operatorSetup(): Promise<Setup> {
  const t: TestDatabase = await createTestDatabase();
  await t.db.close();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-bk-op-'));
  const admin = async (sql: string) => {
    const conn = await mysql.createConnection({ ...serverTarget(), database: undefined });
    await conn.query(sql).finally(() => conn.end());
  };
  return {
    env: { MARQUEE_DB_URL: t.url, MARQUEE_DATA_DIR: dataDir },
    read: () => readDatabase(t.target),
    async destroy() {
      const name = quoteDatabaseName(t.target.database);
      await admin(`DROP DATABASE ${name}`);
      // What an operator makes again by hand: an empty database of that name.
      await admin(`CREATE DATABASE ${name}`);
    },
    async cleanup() {
      await t.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function embeddedSetup(): Promise<Setup> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mq-bk-'));
  // The copy on "a USB stick": what is left when the lobby PC's disk is gone.
  const copyDir = mkdtempSync(path.join(os.tmpdir(), 'mq-bk-usb-'));
  return {
    env: { MARQUEE_DB_URL: '', MARQUEE_DATA_DIR: dataDir, MARQUEE_BACKUP_DIR: copyDir },
    async read() {
      // Attaches to the server of a running serve, or starts one for the read.
      const server = await startEmbeddedServer({ dataDir });
      try {
        return await readDatabase(server.target as DbTarget);
      } finally {
        await server.stop();
      }
    },
    async destroy() {
      rmSync(dataDir, { recursive: true, force: true });
    },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(copyDir, { recursive: true, force: true });
    },
  };
}

interface TicketLog {
  code: string;
  /** Every request about this ticket: sent and answered (ms since epoch). */
  requests: Array<{ sent: number; answered: number }>;
}

async function startServe(setup: Setup): Promise<ServeProcess> {
  const { MARQUEE_DB_URL, MARQUEE_DATA_DIR, ...env } = setup.env;
  return spawnServe({ dbUrl: MARQUEE_DB_URL!, dataDir: MARQUEE_DATA_DIR!, env: { ...env, MARQUEE_CAPACITY: '1000', MARQUEE_RATE_LIMIT: '1000000' } });
}

/** Books, moves, cancels and checks in with `workers` loops until `stop()`; a ticket log per ticket id. */
function guestLoad(serve: ServeProcess, token: string, showIds: [number, number], workers: number) {
  const client = createHttpsClient(serve.baseUrl, serve.caCertPem, { maxSockets: workers });
  const tickets = new Map<number, TicketLog>();
  const failures: string[] = [];
  let running = true;
  let n = 0;
  const call = async (path: string, body: unknown) => {
    const sent = Date.now();
    const answer = await client.request('POST', path, body, token);
    return { answer, sent, answered: Date.now() };
  };
  const loop = async () => {
    while (running) {
      const i = n++;
      const show = showIds[i % 2]!;
      const booked = await call('/ticket/book', { userName: `Guest ${i}`, phoneNo: `555${String(i).padStart(7, '0')}`, showId: show });
      if (booked.answer.status !== 201) {
        failures.push(`book ${booked.answer.status} ${booked.answer.text}`);
        continue;
      }
      const id = booked.answer.json.ticketId as number;
      const log: TicketLog = { code: booked.answer.json.ticketCode, requests: [{ sent: booked.sent, answered: booked.answered }] };
      tickets.set(id, log);
      const next = i % 4 === 0
        ? call('/ticket/update/time', { ticketId: id, showId: showIds[(i + 1) % 2] })
        : i % 4 === 1
          ? call('/ticket/delete', { ticketId: id })
          : i % 4 === 2
            ? call('/ticket/checkin', { ticketCode: log.code })
            : null;
      if (next) {
        const done = await next;
        log.requests.push({ sent: done.sent, answered: done.answered });
        if (done.answer.status >= 300) failures.push(`${i % 4} ${done.answer.status} ${done.answer.text}`);
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    tickets,
    failures,
    async stop() {
      running = false;
      await Promise.all(loops);
      client.close();
    },
  };
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.event_id) - Number(b.event_id);

/** The restored tickets and audit rows are one snapshot of the live ones (see the file's comment). */
function expectOneSnapshot(live: DatabaseState, restored: DatabaseState, tickets: Map<number, TicketLog>, backupStarted: number): { settled: number; inFlight: number } {
  const liveTickets = rowsOf(live, 'ticket_record');
  const restoredTickets = rowsOf(restored, 'ticket_record');
  const liveEvents = rowsOf(live, 'ticket_event');
  const restoredEvents = rowsOf(restored, 'ticket_event');

  // The audit trail is append-only: every restored row is the live row of its id.
  for (const [id, json] of restored.get('ticket_event')!) expect(json, `ticket_event ${id}`).toBe(live.get('ticket_event')!.get(id));
  for (const [id, json] of restored.get('user_record')!) expect(json, `user_record ${id}`).toBe(live.get('user_record')!.get(id));

  let settled = 0;
  let inFlight = 0;
  for (const [id, log] of tickets) {
    const key = String(id);
    if (log.requests.every((r) => r.answered < backupStarted)) {
      settled++;
      // Nothing touched it after the backup began: restored exactly as it lives (or is gone).
      expect(restored.get('ticket_record')!.get(key), `ticket ${id}`).toBe(live.get('ticket_record')!.get(key));
      for (const event of [...liveEvents.values()].filter((e) => Number(e.ticket_id) === id)) {
        expect(restoredEvents.has(String(event.event_id)), `event ${String(event.event_id)} of ticket ${id}`).toBe(true);
      }
    } else if (log.requests.some((r) => r.sent >= backupStarted)) {
      inFlight++;
    }
  }

  // Each restored ticket agrees with its own restored audit trail: the same moment.
  const eventsOf = new Map<number, Array<Record<string, unknown>>>();
  for (const e of restoredEvents.values()) eventsOf.set(Number(e.ticket_id), [...(eventsOf.get(Number(e.ticket_id)) ?? []), e]);
  for (const [id, events] of eventsOf) {
    events.sort(byId);
    const ticket = restoredTickets.get(String(id));
    const kinds = events.map((e) => e.kind);
    if (ticket === undefined) {
      expect(kinds, `ticket ${id} is gone, so its trail ends cancelled`).toContain('cancelled');
      continue;
    }
    expect(kinds, `ticket ${id} lives`).not.toContain('cancelled');
    const seat = events.filter((e) => e.kind === 'booked' || e.kind === 'moved').pop()!;
    expect(ticket.show_id, `ticket ${id}'s show`).toBe(seat.show_id);
    expect(ticket.checked_in_at !== null, `ticket ${id}'s check-in`).toBe(kinds.includes('checked_in'));
    if (ticket.checked_in_at !== null) expect(liveTickets.get(String(id))?.checked_in_at).toBe(ticket.checked_in_at);
  }
  for (const id of restoredTickets.keys()) expect(eventsOf.has(Number(id)), `ticket ${id} has its audit rows`).toBe(true);

  expectBookedMatches(restored);
  return { settled, inFlight };
}

function expectBookedMatches(state: DatabaseState): void {
  const perShow = new Map<string, number>();
  for (const t of rowsOf(state, 'ticket_record').values()) perShow.set(String(t.show_id), (perShow.get(String(t.show_id)) ?? 0) + 1);
  for (const [id, show] of rowsOf(state, 'show_record')) expect(Number(show.booked), `show ${id}'s booked`).toBe(perShow.get(id) ?? 0);
}

/** Every row of every table, but the migrator's own: its leases, and when it last re-created a routine. */
function comparable(state: DatabaseState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [table, rows] of state) {
    if (table === 'marquee_lease') continue;
    out[table] = [...rows.values()]
      .map((json) => {
        const row = JSON.parse(json) as Record<string, unknown>;
        if (table === 'marquee_migration' && String(row.name).startsWith('routines/')) delete row.applied_at;
        return JSON.stringify(row);
      })
      .sort();
  }
  return out;
}

async function roundTrip(setup: Setup): Promise<void> {
  let serve = await startServe(setup);
  const token = await createTokenWithCli(setup.env.MARQUEE_DB_URL!, 'manager', 'backup test', setup.env);
  const client = createHttpsClient(serve.baseUrl, serve.caCertPem);
  const showIds: number[] = [];
  for (const minutes of [30, 45]) {
    const made = await client.request('POST', '/show/create', { showTime: await showTimeFromNowIso(minutes), title: `Show +${minutes}`, capacity: 1000 }, token);
    expect(made.status, made.text).toBe(201);
    showIds.push(made.json.showId as number);
  }
  client.close();

  const load = guestLoad(serve, token, showIds as [number, number], 6);
  await new Promise((r) => setTimeout(r, 1_500));
  const backupStarted = Date.now();
  const backup = await runMarquee(['backup'], setup.env);
  const backupEnded = Date.now();
  await new Promise((r) => setTimeout(r, 500));
  await load.stop();
  expect(backup.code, backup.stderr).toBe(0);
  expect(load.failures).toEqual([]);
  const file = lastLine(backup.stdout);
  expect(file).toMatch(/marquee-backup-\d{8}-\d{6}-\d{3}Z\.tar$/);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  console.log(`[backup under load] ${backup.stdout.trim().split('\n')[0]} (${backupEnded - backupStarted} ms with the command's start)`);

  const live = await setup.read();
  await serve.stop();
  // The embedded copy in MARQUEE_BACKUP_DIR survives the data directory; the operator's file
  // is in the data directory, which that disaster does not touch.
  const copyDir = setup.env.MARQUEE_BACKUP_DIR;
  const restoreFrom = copyDir ? path.join(copyDir, path.basename(file)) : file;
  await setup.destroy();

  const restore = await runMarquee(['restore', restoreFrom], setup.env);
  expect(restore.code, `${restore.stdout}\n${restore.stderr}`).toBe(0);
  const restored = await setup.read();
  const { settled, inFlight } = expectOneSnapshot(live, restored, load.tickets, backupStarted);
  console.log(`[restore] ${load.tickets.size} tickets booked under load: ${settled} settled before the backup (restored exactly), ${inFlight} touched while it ran`);
  // The test means something only if guests really were busy while the backup ran.
  expect(settled).toBeGreaterThan(0);
  expect(inFlight).toBeGreaterThan(0);

  const doctor = await runMarquee(['doctor'], setup.env);
  expect(doctor.code, doctor.stdout).toBe(0);
  expect(doctor.stdout).toContain('Ready to serve');

  serve = await startServe(setup);
  const again = createHttpsClient(serve.baseUrl, serve.caCertPem);
  const booked = await again.request('POST', '/ticket/book', { userName: 'After Restore', phoneNo: '5559999999', showId: showIds[0] }, token);
  again.close();
  expect(booked.status, booked.text).toBe(201);
  const restoredIds = [...restored.get('ticket_record')!.keys()].map(Number);
  expect(booked.json.ticketId).toBeGreaterThan(Math.max(0, ...restoredIds));
  await serve.stop();

  // A quiet database: its backup restores to the same rows, table for table.
  const quiet = await setup.read();
  expectBookedMatches(quiet);
  const second = await runMarquee(['backup'], setup.env);
  expect(second.code, second.stderr).toBe(0);
  const secondFile = copyDir ? path.join(copyDir, path.basename(lastLine(second.stdout))) : lastLine(second.stdout);
  await setup.destroy();
  const secondRestore = await runMarquee(['restore', secondFile], setup.env);
  expect(secondRestore.code, secondRestore.stderr).toBe(0);
  expect(comparable(await setup.read())).toEqual(comparable(quiet));
}

let showTimeDb: TestDatabase | null = null;
/** A show time by the database server's clock (the embedded server shares the machine's). */
async function showTimeFromNowIso(minutes: number): Promise<string> {
  showTimeDb ??= await createTestDatabase();
  return showTimeFromNow(showTimeDb.db, minutes);
}
cleanups.push(async () => showTimeDb?.drop());

describe('backup and restore, round trip under load', () => {
  test("on the operator's database", async () => {
    const setup = await operatorSetup();
    cleanups.push(() => setup.cleanup());
    await roundTrip(setup);
  }, 300_000);

  test('on the embedded database, restored from the MARQUEE_BACKUP_DIR copy after the data directory is gone', async () => {
    const setup = await embeddedSetup();
    cleanups.push(() => setup.cleanup());
    await roundTrip(setup);
  }, 300_000);
});
