// What both benchmarks share: a database server of their own (the embedded default in a temp
// directory, or MARQUEE_BENCH_DB_URL), fresh migrated databases on it, booking arguments that
// spread over many show times (so capacity never caps throughput), the ticket types its parties
// are made of, and a timed CALL loop.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { OPERATIONS, type OperationInput, type OperationName, type OperationOutput } from '../main/common/operations';
import { runMigrations } from '../main/core/app';
import { createToken } from '../main/core/auth/tokens';
import { Database } from '../main/core/db/database';
import { runOperation } from '../main/core/operations';
import type { OperationContext } from '../main/core/operations/context';
import { answersArgument } from '../main/core/operations/keyed-booking';
import { newTicketCode } from '../main/core/operations/ticket-codes';
import { partyItemsArgument } from '../main/core/operations/tickets';
import { startEmbeddedServer } from '../main/core/db/embedded-server';
import { formatDbUrl, parseDbUrl, quoteDatabaseName, type DbTarget } from '../main/core/db/target';

export const BENCH_CAPACITY = 1000;
/** Show times the load rotates over: 400 shows × 1,000 seats is far more than a run books. */
export const SHOW_COUNT = 400;

export interface BenchServer {
  target: DbTarget;
  workDir: string;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-bench-'));
  const configured = process.env.MARQUEE_BENCH_DB_URL?.trim();
  if (configured) {
    return { target: parseDbUrl(configured), workDir, stop: async () => rmSync(workDir, { recursive: true, force: true }) };
  }
  const embedded = await startEmbeddedServer({ dataDir: path.join(workDir, 'db') });
  return {
    target: embedded.target,
    workDir,
    async stop() {
      await embedded.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export async function freshDatabase(server: BenchServer, name: string): Promise<{ target: DbTarget; url: string }> {
  const admin = await mysql.createConnection({ ...server.target, database: undefined });
  await admin.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)}`);
  await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const target = { ...server.target, database: name };
  const db = new Database(target, { poolSize: 1 });
  await runMigrations(db);
  await db.close();
  return { target, url: formatDbUrl(target) };
}

/**
 * A kiosk and a manager token, and the schedule the loads book into: SHOW_COUNT shows past the
 * kiosk's two-week list (so the seat list shows the theatre's own schedule), made up front as a
 * manager would, since kiosks book only into shows that exist.
 */
export async function seedBenchSchedule(target: DbTarget, label: string): Promise<{ kiosk: string; manager: string; counter: string; shows: string[]; showIds: number[] }> {
  const db = new Database(target, { poolSize: 2 });
  try {
    const kiosk = (await createToken(db, 'kiosk', `${label} kiosk`)).token;
    const manager = (await createToken(db, 'manager', `${label} office`)).token;
    const counter = (await createToken(db, 'counter', `${label} counter`)).token;
    const shows = showTimes(SHOW_COUNT, 15 * 24 * 60).map((d) => d.toISOString());
    for (let i = 0; i < shows.length; i += 500) {
      const batch = shows.slice(i, i + 500);
      await db.exec(
        `INSERT IGNORE INTO show_record (starts_at, capacity, booked, created_at) VALUES ${batch.map(() => `(?, ${BENCH_CAPACITY}, 0, UTC_TIMESTAMP(3))`).join(', ')}`,
        batch.map((t) => new Date(t)),
      );
    }
    // A sale names its show by number (the counter picks it from the list).
    const ids = await db.rows('SELECT show_id FROM show_record WHERE starts_at >= ? ORDER BY starts_at', [new Date(shows[0]!)]);
    return { kiosk, manager, counter, shows, showIds: ids.map((r) => Number(r.show_id)) };
  } finally {
    await db.close();
  }
}

/**
 * What a manager does in the bench's set-up, by operation name: over HTTPS through `serve`
 * (bench/http-load.ts httpManager) or in this process on a database (managerOn), so the
 * set-up is one piece of code whichever way it reaches the box office.
 */
export type Manage = <K extends OperationName>(name: K, input: OperationInput<K>) => Promise<OperationOutput<K>>;

export function managerOn(ctx: OperationContext): Manage {
  return (name, input) => runOperation(ctx, name, input, { role: 'manager', label: 'bench office' });
}

/** A party as the kiosk's quantity step sends it. */
export type Party = { ticketTypeId: number; count: number }[];

/** The family the bench books (issue 21's): two adults and two children, at their own prices. */
export const FAMILY_OF_FOUR = [
  { name: 'Adult', price: 950, count: 2 },
  { name: 'Child', price: 600, count: 2 },
] as const;

/** Makes the family's ticket types as a manager would and returns the party to book. */
export async function seedPartyTypes(manage: Manage): Promise<Party> {
  const party: Party = [];
  for (const { name, price, count } of FAMILY_OF_FOUR) {
    const type = await manage('createTicketType', { name, price });
    party.push({ ticketTypeId: type.ticketTypeId, count });
  }
  return party;
}

export const seatsOf = (party: Party) => party.reduce((sum, item) => sum + item.count, 0);

/** Whole minutes from tomorrow on, as UTC instants. */
export function showTimes(count = SHOW_COUNT, startOffsetMinutes = 0): Date[] {
  const base = Math.ceil(Date.now() / 60_000) * 60_000 + 24 * 3600_000 + startOffsetMinutes * 60_000;
  return Array.from({ length: count }, (_, i) => new Date(base + i * 60_000));
}

/** A new guest each time: name and phone derived from a sequence number. */
export function guest(n: number): { userName: string; phoneNo: string } {
  return { userName: `Bench Guest ${n}`, phoneNo: `+1${2_000_000_000 + n}` };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface CallResult {
  poolSize: number;
  perSecond: number;
  p50: number;
  p99: number;
  calls: number;
}

let guestSeq = 0;
/** What the core tells marquee_sell about a sale's answers (statuses, and how they are worded). */
const SALE_ANSWERS = answersArgument('sell', { timeZone: 'UTC', currency: 'EUR' });

/** A counter sale's payment as the bench makes it: cash for the party's total, with change. */
export interface SalePayment {
  amount: number;
  tendered: number;
}

/** The bench's counter sale: two adults (the first of `party`'s types), paid in cash with a note that needs change. */
export function saleOf(party: Party): { party: Party; payment: SalePayment } {
  const adults = { ticketTypeId: party[0]!.ticketTypeId, count: 2 };
  const amount = FAMILY_OF_FOUR[0].price * adults.count;
  return { party: [adults], payment: { amount, tendered: Math.ceil(amount / 1000) * 1000 + 1000 } };
}

/**
 * Books through `CALL marquee_book` over a mysql2 pool of `poolSize` from `concurrency`
 * callers for `seconds` (after a short warm-up), as the core does for a keyed booking (one with
 * an Idempotency-Key, as every kiosk sends), without HTTP: one seat of the default type, or
 * `party`. With `sale`, each is a counter sale instead: one `CALL marquee_sell` that books and
 * pays (cash) under the reference, as the core makes a keyed sale (operations/payments.ts sell)
 * less the key — as a keyed booking's `marquee_book_keyed` is `marquee_book` less the key.
 */
export async function measureBookingCall(
  target: DbTarget, poolSize: number, concurrency: number, seconds: number, party?: Party, sale?: SalePayment,
): Promise<CallResult> {
  const db = new Database(target, { poolSize });
  // Parties and sales book into shows of their own, so every loop finds seats in one run.
  const shows = showTimes(SHOW_COUNT, poolSize * 1000 + (sale ? 2 * SHOW_COUNT : party ? SHOW_COUNT : 0));
  const seats = party ? seatsOf(party) : 1;
  const items = party ? partyItemsArgument(party) : null;
  let stopAt = 0;
  let measuring = false;
  const latencies: number[] = [];
  const book = async () => {
    const n = ++guestSeq;
    const { userName, phoneNo } = guest(n);
    const started = performance.now();
    // The same arguments as the core's keyed booking (tickets.ts): the key's reference
    // (idempotency.ts idempotencyRef, a SHA-256 in hex) and a fresh ticket code.
    const ref = randomBytes(32).toString('hex');
    const booking = [userName, phoneNo, null, shows[n % shows.length]!, BENCH_CAPACITY, 8, 'bench', ref, newTicketCode(), seats, items];
    if (sale) {
      const [sold] = await db.call(`CALL marquee_sell(NULL, NULL, NULL, ${Array(16).fill('?').join(', ')}, NULL, NULL, NULL)`, [
        SALE_ANSWERS, ...booking, 'counter', 'cash', sale.amount, sale.tendered,
      ]);
      if (Number(sold?.status) !== OPERATIONS.sell.status) throw new Error(`a bench sale was answered ${String(sold?.response)}`);
    } else {
      await db.call('CALL marquee_book(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [...booking, 'kiosk']);
    }
    if (measuring) latencies.push(performance.now() - started);
  };
  try {
    const worker = async () => {
      while (performance.now() < stopAt) await book();
    };
    stopAt = performance.now() + 500;
    await Promise.all(Array.from({ length: concurrency }, worker));
    measuring = true;
    const started = performance.now();
    stopAt = started + seconds * 1000;
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { poolSize, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), calls: latencies.length };
  } finally {
    await db.close();
  }
}

/** Round trips of the token check the listener makes per request (a lookup by hash). */
export async function measureTokenLookup(target: DbTarget, poolSize: number, concurrency: number, seconds: number): Promise<number> {
  const db = new Database(target, { poolSize });
  try {
    let count = 0;
    const stopAt = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < stopAt) {
          await db.rows('SELECT token_id, label, role, token_hash, revoked_at FROM api_token WHERE token_hash = ?', ['0'.repeat(64)]);
          count++;
        }
      }),
    );
    return count / seconds;
  } finally {
    await db.close();
  }
}
