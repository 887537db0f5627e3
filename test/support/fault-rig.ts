// The fault suite's rig: a private MariaDB server of its own (a temporary data directory, a
// Unix socket, killed with SIGKILL and restarted on purpose), two `marquee serve` processes
// on it, kiosk-like clients that retry with the same Idempotency-Key, and the invariants
// checked after every scenario straight from the database.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Role } from '../../main/common/operations';
import { runMigrations } from '../../main/core/app';
import { createToken } from '../../main/core/auth/tokens';
import { Database } from '../../main/core/db/database';
import { startEmbeddedServer, type EmbeddedServer } from '../../main/core/db/embedded-server';
import { formatDbUrl, type DbTarget } from '../../main/core/db/target';
import { createHttpsClient, spawnServe, type HttpsAnswer, type HttpsClient, type ServeProcess } from './server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServeSlot {
  name: string;
  process: ServeProcess;
  client: HttpsClient;
  port: number;
  dataDir: string;
  /** Killed on purpose and not (yet) restarted. */
  down: boolean;
  restarts: number;
}

export interface FaultRig {
  dbTarget: DbTarget;
  dbUrl: string;
  db: Database;
  serves: ServeSlot[];
  token(role: Role): Promise<string>;
  /** A fresh connection for raw SQL (UTC), e.g. to hold a row lock. */
  raw(): Promise<mysql.Connection>;
  /** SIGKILL to the database server; resolves once its process is gone. */
  killDatabase(): Promise<void>;
  /** Starts it again on the same data directory (crash recovery included). */
  restartDatabase(): Promise<void>;
  killServe(i: number): void;
  restartServe(i: number): Promise<void>;
  /** Seconds since the rig started, for the log lines. */
  elapsed(): string;
  close(): Promise<void>;
}

const SERVE_ENV = {
  MARQUEE_RATE_LIMIT: '1000000',
  MARQUEE_SWEEP: 'off',
  MARQUEE_LOG_LEVEL: 'warn',
  MARQUEE_DB_WAIT_SECONDS: '30',
};

export async function startFaultRig(options: { capacity: number; env?: Record<string, string> }): Promise<FaultRig> {
  const started = Date.now();
  const root = mkdtempSync(path.join(os.tmpdir(), 'marquee-fault-'));
  const dbDir = path.join(root, 'db');
  let embedded: EmbeddedServer = await startEmbeddedServer({ dataDir: dbDir, database: 'marquee' });
  const dbTarget = embedded.target;
  const dbUrl = formatDbUrl(dbTarget);
  const db = new Database(dbTarget, { poolSize: 8 });
  await runMigrations(db);

  const env = { ...SERVE_ENV, MARQUEE_CAPACITY: String(options.capacity), ...options.env };
  const serves: ServeSlot[] = [];
  const spawnOne = async (name: string, dataDir: string, port = 0) => {
    const process = await spawnServe({ dbUrl, dataDir, env: { ...env, MARQUEE_HTTP_PORT: String(port) } });
    return { process, port: Number(new URL(process.baseUrl).port), client: createHttpsClient(process.baseUrl, process.caCertPem, { maxSockets: 64 }) };
  };
  const spawned = await Promise.all(['A', 'B'].map((name) => spawnOne(name, path.join(root, `serve-${name}`))));
  spawned.forEach((s, i) => serves.push({ name: 'AB'[i]!, ...s, dataDir: path.join(root, `serve-${'AB'[i]!}`), down: false, restarts: 0 }));

  const pidOfDatabase = () => Number(readFileSync(path.join(dbDir, 'mariadb', 'mysqld.pid'), 'utf8').trim());
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  return {
    dbTarget,
    dbUrl,
    db,
    serves,
    token: async (role) => (await createToken(db, role, `fault ${role} ${randomUUID().slice(0, 8)}`)).token,
    async raw() {
      const conn = await mysql.createConnection({ ...dbTarget, timezone: 'Z' });
      await conn.query("SET time_zone = '+00:00'");
      return conn;
    },
    async killDatabase() {
      const pid = pidOfDatabase();
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await sleep(10);
    },
    async restartDatabase() {
      embedded = await startEmbeddedServer({ dataDir: dbDir, database: 'marquee' });
    },
    killServe(i) {
      const slot = serves[i]!;
      slot.down = true;
      slot.process.kill();
    },
    async restartServe(i) {
      const slot = serves[i]!;
      await slot.process.stop(); // reaps the killed process
      slot.client.close();
      // The same data directory (so the same CA) and the same port: clients keep working.
      const again = await spawnOne(slot.name, slot.dataDir, slot.port);
      Object.assign(slot, again, { down: false, restarts: slot.restarts + 1 });
    },
    elapsed: () => ((Date.now() - started) / 1000).toFixed(1),
    async close() {
      for (const s of serves) {
        s.client.close();
        await s.process.stop();
      }
      await db.close();
      await embedded.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The final outcome of one logical booking, after the kiosk's retries. */
export interface KioskOutcome {
  key: string;
  status: number;
  code: string;
  ticketId: number | null;
  body: string;
  attempts: number;
  /** Attempts that ended without an answer (socket reset, refused, timed out) or with 503. */
  lost: number;
}

/**
 * One booking the way a kiosk sends it: the same Idempotency-Key on every attempt; after a
 * lost answer or a 503 it tries again (the other serve when its own one refuses), until an
 * answer that settles it (201, 409, 422, …) or the budget runs out.
 */
export function kioskBook(
  rig: FaultRig, token: string, body: Record<string, unknown>,
  options: { serve: number; key?: string; budgetMs?: number; attemptTimeoutMs?: number } ,
): Promise<KioskOutcome> {
  return keyedRequest(rig, token, '/ticket/book', body, options);
}

/** Any keyed operation (a booking, a sale, a payment, a refund) sent the way kioskBook sends a booking. */
export async function keyedRequest(
  rig: FaultRig, token: string, requestPath: string, body: Record<string, unknown>,
  options: { serve: number; key?: string; budgetMs?: number; attemptTimeoutMs?: number } ,
): Promise<KioskOutcome> {
  const key = options.key ?? randomUUID();
  const deadline = Date.now() + (options.budgetMs ?? 60_000);
  let serve = options.serve;
  let attempts = 0;
  let lost = 0;
  for (;;) {
    attempts += 1;
    let answer: HttpsAnswer | null = null;
    const slot = rig.serves[serve]!;
    try {
      answer = await withTimeout(slot.client.request('POST', requestPath, body, token, { 'Idempotency-Key': key }), options.attemptTimeoutMs ?? 20_000);
    } catch {
      answer = null;
    }
    if (answer && answer.status !== 503 && answer.status !== 429) {
      const settled = answer.status === 200 || answer.status === 201;
      return {
        key, status: answer.status, code: answer.json?.error?.code ?? '', ticketId: settled ? Number(answer.json.ticketId) : null,
        body: answer.text, attempts, lost,
      };
    }
    lost += 1;
    if (Date.now() > deadline) return { key, status: 0, code: 'GAVE_UP', ticketId: null, body: '', attempts, lost };
    // A serve that refuses or resets: the client falls back to the other one.
    if (!answer || slot.down) serve = 1 - serve;
    await sleep(answer?.status === 503 ? 200 : 50 + Math.random() * 100);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

export interface Invariants {
  /** Every 201 names a ticket that is stored, and no two 201s (different keys) share one. */
  every201StoredOnce: boolean;
  /** No ticket in the database that no 201 names (a booking whose answer never arrived). */
  noUnansweredTickets: boolean;
  noShowOverCapacity: boolean;
  bookedEqualsCount: boolean;
  oneBookedAuditRowPerTicket: boolean;
  /** Tickets without a show or guest; reservations left without an answer. */
  noOrphans: boolean;
  servesAliveOrRestartedOnPurpose: boolean;
}

/** Checks the invariants for the shows in `showIds`, against the outcomes the clients saw. */
export async function checkInvariants(
  rig: FaultRig, outcomes: KioskOutcome[], showIds: number[], options: { madeByHand?: number[] } = {},
): Promise<Invariants> {
  const db = rig.db;
  const placeholders = showIds.map(() => '?').join(', ');
  const tickets = await db.rows(`SELECT ticket_id FROM ticket_record WHERE show_id IN (${placeholders})`, showIds);
  const stored = new Set(tickets.map((r) => Number(r.ticket_id)));
  const answered = outcomes.filter((o) => o.status === 201).map((o) => o.ticketId!);
  const known = new Set([...answered, ...(options.madeByHand ?? [])]);
  const shows = await db.rows(
    `SELECT s.show_id, s.capacity, s.booked, (SELECT COUNT(*) FROM ticket_record t WHERE t.show_id = s.show_id) AS n
       FROM show_record s WHERE s.show_id IN (${placeholders})`,
    showIds,
  );
  const audit = await db.rows(
    `SELECT t.ticket_id, (SELECT COUNT(*) FROM ticket_event e WHERE e.ticket_id = t.ticket_id AND e.kind = 'booked') AS n
       FROM ticket_record t WHERE t.show_id IN (${placeholders})`,
    showIds,
  );
  const [orphans] = await db.rows(
    `SELECT (SELECT COUNT(*) FROM ticket_record t LEFT JOIN show_record s ON s.show_id = t.show_id
              LEFT JOIN user_record u ON u.user_id = t.user_id WHERE s.show_id IS NULL OR u.user_id IS NULL) AS tickets,
            (SELECT COUNT(*) FROM idempotent_request WHERE status IS NULL) AS reservations,
            (SELECT COUNT(*) FROM ticket_event e WHERE e.kind = 'booked'
               AND NOT EXISTS (SELECT 1 FROM ticket_record t WHERE t.ticket_id = e.ticket_id)
               AND NOT EXISTS (SELECT 1 FROM ticket_event d WHERE d.ticket_id = e.ticket_id AND d.kind IN ('cancelled', 'removed'))) AS events`,
  );
  const servesOk = await Promise.all(
    rig.serves.map(async (s) => {
      if (s.process.child.exitCode !== null || s.process.child.signalCode !== null) return false;
      const health = await s.client.request('GET', '/health').catch(() => null);
      return health?.status === 200;
    }),
  );
  if (!(Number(orphans!.tickets) === 0 && Number(orphans!.reservations) === 0 && Number(orphans!.events) === 0)) {
    console.log(`[faults] orphans: ${JSON.stringify(orphans)}`);
  }
  return {
    every201StoredOnce: answered.every((id) => stored.has(id)) && new Set(answered).size === answered.length,
    noUnansweredTickets: [...stored].every((id) => known.has(id)),
    noShowOverCapacity: shows.every((s) => Number(s.n) <= Number(s.capacity) && Number(s.booked) <= Number(s.capacity)),
    bookedEqualsCount: shows.every((s) => Number(s.booked) === Number(s.n)),
    oneBookedAuditRowPerTicket: audit.every((r) => Number(r.n) === 1),
    noOrphans: Number(orphans!.tickets) === 0 && Number(orphans!.reservations) === 0 && Number(orphans!.events) === 0,
    servesAliveOrRestartedOnPurpose: servesOk.every(Boolean),
  };
}

export interface ScenarioRow {
  scenario: string;
  counts: Record<string, number>;
  invariants: Invariants;
  notes: string;
}

export function countByStatus(outcomes: KioskOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const label = o.status === 201 ? '201' : `${o.status}${o.code ? ` ${o.code}` : ''}`;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  counts['lost answers retried'] = outcomes.reduce((n, o) => n + o.lost, 0);
  return counts;
}

/** The table printed at the end of the suite, so it shows in the test output. */
export function formatTable(rows: ScenarioRow[]): string {
  const names: Array<keyof Invariants> = [
    'every201StoredOnce', 'noUnansweredTickets', 'noShowOverCapacity', 'bookedEqualsCount',
    'oneBookedAuditRowPerTicket', 'noOrphans', 'servesAliveOrRestartedOnPurpose',
  ];
  const lines = ['', '=== fault suite: outcomes and invariants ==='];
  for (const row of rows) {
    lines.push(`* ${row.scenario}`);
    lines.push(`    outcomes: ${Object.entries(row.counts).map(([k, v]) => `${k}: ${v}`).join(' · ')}`);
    lines.push(`    invariants: ${names.map((n) => `${n} ${row.invariants[n] ? 'ok' : 'FAILED'}`).join(' · ')}`);
    if (row.notes) lines.push(`    notes: ${row.notes}`);
  }
  return lines.join('\n');
}
