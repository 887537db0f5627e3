// Upgrading Marquee on a live 3-node MariaDB Galera cluster (issue 27; docs/ARCHITECTURE.md,
// "Upgrading a live cluster"): three serves, one per node, book without pause while
// 1. `marquee migrate` of a build whose marquee_book procedure and ticket_record_before_insert
//    trigger changed runs through node 1 — the serves drain around the DDL and serve on;
// 2. the three serves are restarted one by one with a newer build (MARQUEE_MIGRATE=auto): the
//    first migrates, the others find it done; the old serves refuse with 503 + Retry-After once
//    the database has moved past them, until their turn comes.
// A "build" is this repository's sql/ copied and changed (a marker in the two routines' bodies,
// and for the second a versioned file), served with MARQUEE_SQL_DIR: the routines' own texts
// may change in any way, the test changes them the same way. The figures are printed with a
// "[upgrade]" prefix: migration time, answers by status (500s asserted 0), longest pause between
// two bookings.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { findSqlDir } from '../../../main/core/db/migrate';
import { findGaleraTools, startGaleraCluster, type GaleraCluster } from '../../support/galera';
import { repoRoot } from '../../support/processes';
import { createHttpsClient, createTokenWithCli, spawnServe, type HttpsClient, type ServeProcess } from '../../support/server';

const tools = findGaleraTools();
const missing = 'missing' in tools ? tools.missing : null;
if (missing && process.env.CI === 'true') {
  test('a 3-node Galera cluster can be started (CI needs galera-4, rsync and ss)', () => {
    throw new Error(`Cannot run the Galera upgrade suite: missing ${missing}.`);
  });
}

const DB = 'marquee_upgrade';
const log = (line: string) => console.log(`[upgrade] ${line}`);
/** Bookings in flight at any moment, per serve (24 in all, as in the trial). */
const LOOPS_PER_SERVE = 8;
const TARGET = { migrationMs: 30_000, longestGapMs: 15_000 };

interface Instance {
  serve: ServeProcess;
  client: HttpsClient;
}

let cluster: GaleraCluster;
const instances: Instance[] = [];
let token = '';
const builds: string[] = [];

/** A copy of sql/ with `marker` written into the bodies of `routines`, plus `extra` files. */
function makeBuild(marker: string, routines: string[], extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-build-'));
  builds.push(dir);
  cpSync(findSqlDir(), dir, { recursive: true });
  for (const routine of routines) {
    const file = path.join(dir, 'routines', `${routine}.sql`);
    const lines = readFileSync(file, 'utf8').split('\n');
    // The first line that opens the body (`BEGIN`, or a labelled `name: BEGIN`).
    const at = lines.findIndex((l) => /^\s*(\w+:\s*)?BEGIN\s*$/i.test(l));
    expect(at, `${routine}.sql has a BEGIN line`).toBeGreaterThan(0);
    lines.splice(at + 1, 0, `  -- ${marker}`);
    writeFileSync(file, lines.join('\n'));
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function serveEnv(sqlDir?: string): Record<string, string> {
  return {
    MARQUEE_CAPACITY: '1000',
    MARQUEE_RATE_LIMIT: '1000000',
    MARQUEE_LOG_LEVEL: 'info',
    ...(sqlDir ? { MARQUEE_SQL_DIR: sqlDir } : {}),
  };
}

async function startInstance(node: number, sqlDir?: string): Promise<Instance> {
  const serve = await spawnServe({ dbUrl: cluster.nodes[node - 1]!.url(DB), env: serveEnv(sqlDir) });
  return { serve, client: createHttpsClient(serve.baseUrl, serve.caCertPem, { maxSockets: 16 }) };
}

/** `marquee <command>` as an operator runs it, with the build in `sqlDir`, through node 1. */
function cli(command: 'migrate' | 'doctor', sqlDir: string): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'marquee.js'), command],
      { cwd: repoRoot, env: { ...process.env, MARQUEE_DB_URL: cluster.nodes[0]!.url(DB), MARQUEE_SQL_DIR: sqlDir, MARQUEE_TIMEZONE: 'UTC' }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}`, ms: Date.now() - started }),
    );
  });
}

interface Answer {
  at: number;
  status: number;
  serve: number;
  retryAfter: boolean;
  message: string;
}

/**
 * Bookings without pause from LOOPS_PER_SERVE loops per serve slot, each on one of `shows`
 * times, through whatever instance holds the slot at that moment (a restart replaces it; while
 * none listens, a refused connection counts as status 0).
 */
function startLoad(shows: string[]) {
  const answers: Answer[] = [];
  let running = true;
  let n = 0;
  const loop = async (slot: number, k: number) => {
    while (running) {
      const instance = instances[slot]!;
      const showTime = shows[(k + n++) % shows.length]!;
      const answer = await instance.client
        .request('POST', '/ticket/book', { userName: `Guest ${slot}-${k}`, phoneNo: `+1555${String(n % 1e7).padStart(7, '0')}`, showTime }, token)
        .catch(() => null);
      answers.push({
        at: Date.now(), status: answer?.status ?? 0, serve: slot + 1,
        retryAfter: Boolean(answer?.headers['retry-after']), message: String(answer?.json?.error?.message ?? ''),
      });
      if (!answer || answer.status >= 500) await new Promise((r) => setTimeout(r, 100));
    }
  };
  const loops = [0, 1, 2].flatMap((slot) => Array.from({ length: LOOPS_PER_SERVE }, (_, k) => loop(slot, k)));
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

const byStatus = (answers: Answer[]) => answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

/** The longest time between two successful bookings (any serve) within [from, to]. */
function longestGap(answers: Answer[], from: number, to: number): { ms: number; at: number } {
  const times = [from, ...answers.filter((a) => a.status === 201 && a.at >= from && a.at <= to).map((a) => a.at).sort((a, b) => a - b), to];
  let best = { ms: 0, at: from };
  for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > best.ms) best = { ms: times[i]! - times[i - 1]!, at: times[i - 1]! };
  return best;
}

async function onEveryNode(sql: string, params: unknown[] = []): Promise<RowDataPacket[][]> {
  return Promise.all([1, 2, 3].map((n) => readNode(n, sql, params)));
}

/**
 * One read on node `n`. A session whose read meets a DDL being applied in total order is aborted
 * by it (1213, "Deadlock found"): read again on a fresh
 * session, after a pause that grows, as any client of a Galera node must.
 */
async function readNode(n: number, sql: string, params: unknown[], attempt = 1): Promise<RowDataPacket[]> {
  const conn = await cluster.connect(n, DB);
  try {
    // One statement: the read waits for the node to apply all it has received (sync wait 7).
    return (await conn.query<RowDataPacket[]>(`SET STATEMENT wsrep_sync_wait = 7 FOR ${sql}`, params))[0];
  } catch (err) {
    if ((err as { errno?: number }).errno !== 1213 || attempt >= 20) throw err;
  } finally {
    await conn.end().catch(() => undefined);
  }
  // The DDL may still be applying (a migrating serve re-applies several routines one after
  // another): ten reads sent at once were all aborted by it once, so wait a little more each time.
  await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  return readNode(n, sql, params, attempt + 1);
}

/** Every show's counter equals its tickets on every node, and all nodes hold the same rows. */
async function expectInvariants(): Promise<void> {
  const perNode = await onEveryNode(
    'SELECT s.show_id, s.booked, s.capacity, (SELECT COALESCE(SUM(t.seats), 0) FROM ticket_record t WHERE t.show_id = s.show_id) AS tickets FROM show_record s',
  );
  for (const rows of perNode) for (const r of rows) expect(Number(r.booked), `show ${r.show_id}`).toBe(Number(r.tickets));
  const sums = await onEveryNode('CHECKSUM TABLE ticket_record, show_record, ticket_event');
  expect(new Set(sums.map((rows) => rows.map((r) => `${r.Table}=${r.Checksum}`).join(' '))).size).toBe(1);
}

/** Whether each node runs the routine bodies that carry `marker`. */
async function markerOnEveryNode(marker: string): Promise<boolean[]> {
  const rows = await onEveryNode(
    `SELECT (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'marquee_book' AND ROUTINE_DEFINITION LIKE ?)
          + (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = 'ticket_record_before_insert' AND ACTION_STATEMENT LIKE ?) AS n`,
    [`%${marker}%`, `%${marker}%`],
  );
  return rows.map(([r]) => Number(r!.n) === 2);
}

/** Show times `count` slots from `base` minutes ahead, by node 1's clock. */
async function showTimes(base: number, count: number): Promise<string[]> {
  const conn = await cluster.connect(1);
  try {
    const [[row]] = await conn.query<RowDataPacket[]>('SELECT UTC_TIMESTAMP() AS t');
    const now = (row!.t as Date).getTime();
    return Array.from({ length: count }, (_, i) => new Date(Math.ceil(now / 60_000) * 60_000 + (base + i) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  } finally {
    await conn.end();
  }
}

describe.skipIf(missing !== null)('upgrading Marquee on a live 3-node Galera cluster', () => {
  beforeAll(async () => {
    const started = Date.now();
    cluster = await startGaleraCluster();
    log(`cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s: MariaDB ${cluster.versions.server}, Galera ${cluster.versions.provider}`);
    const conn = await cluster.connect(1);
    await conn.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    // The first serve makes the schema; the others start on it.
    instances.push(await startInstance(1));
    instances.push(...(await Promise.all([startInstance(2), startInstance(3)])));
    token = await createTokenWithCli(cluster.nodes[0]!.url(DB), 'manager', 'upgrade test');
  }, 180_000);

  afterAll(async () => {
    for (const i of instances) {
      i.client.close();
      await i.serve.stop();
    }
    await cluster?.stop();
    for (const dir of builds) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  test('`marquee migrate` changing a procedure and a trigger while three serves book over three nodes: no stall, no 500', async () => {
    const marker = 'upgrade probe: live migrate';
    const build = makeBuild(marker, ['marquee_book', 'ticket_record_before_insert']);
    const load = startLoad(await showTimes(600, 16));
    await new Promise((r) => setTimeout(r, 3_000));
    const doctor = await cli('doctor', build);
    const advice = /^. Upgrade: .*$/m.exec(doctor.output)?.[0] ?? doctor.output;
    log(`live migrate: doctor beforehand says ${advice}`);
    expect(advice).toMatch(/^✔ Upgrade: safe now: `npx marquee migrate` would replace procedure marquee_book, trigger ticket_record_before_insert, holding the database work of 3 live serves .* serve on with the new routines/);
    const migrateStarted = Date.now();
    const migration = await cli('migrate', build);
    const migrateEnded = Date.now();
    await new Promise((r) => setTimeout(r, 3_000));
    const answers = await load.stop();

    const gap = longestGap(answers, migrateStarted - 1_000, migrateEnded + 3_000);
    const during = answers.filter((a) => a.at >= migrateStarted && a.at <= migrateEnded);
    log(`live migrate: ${migration.output.trim().split('\n').filter((l) => /drain|Applied/.test(l)).join(' | ')}`);
    log(`live migrate: \`marquee migrate\` took ${(migration.ms / 1000).toFixed(1)} s (target ≤ ${TARGET.migrationMs / 1000} s); ` +
      `bookings ${JSON.stringify(byStatus(answers))} in all, ${JSON.stringify(byStatus(during))} while it ran; ` +
      `longest pause between two bookings ${(gap.ms / 1000).toFixed(2)} s (target ≤ ${TARGET.longestGapMs / 1000} s)`);
    expect(migration.code, migration.output).toBe(0);
    expect(migration.output).toMatch(/\(re\)applied\s+routines\/marquee_book\.sql/);
    expect(migration.output).toMatch(/drain\s+3 live serve/);
    expect(migration.ms).toBeLessThan(TARGET.migrationMs);
    expect(answers.filter((a) => a.status === 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && !a.retryAfter)).toEqual([]);
    expect(gap.ms).toBeLessThan(TARGET.longestGapMs);
    // The serves kept their build: the routines' contracts did not change, so they book on.
    expect(answers.filter((a) => a.status === 201 && a.at > migrateEnded).length).toBeGreaterThan(0);
    expect(await markerOnEveryNode(marker)).toEqual([true, true, true]);
    await expectInvariants();
  }, 120_000);

  test('a rolling restart of the three serves with a newer build (MARQUEE_MIGRATE=auto): one migrates, old ones refuse with 503 until restarted, no 500', async () => {
    const marker = 'upgrade probe: rolling restart';
    // The newer build also has a versioned migration: serves of the older build must stop writing.
    const build = makeBuild(marker, ['marquee_book', 'ticket_record_before_insert'], {
      '900_upgrade_probe.sql': 'CREATE TABLE upgrade_probe (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n',
    });
    const load = startLoad(await showTimes(700, 30));
    await new Promise((r) => setTimeout(r, 2_000));
    const doctor = await cli('doctor', build);
    const advice = /^. Upgrade: .*$/m.exec(doctor.output)?.[0] ?? doctor.output;
    log(`rolling restart: doctor beforehand says ${advice}`);
    expect(advice).toMatch(/^✔ Upgrade: safe now: .* would apply 900_upgrade_probe\.sql, replace procedure marquee_book, trigger ticket_record_before_insert, .* then refuse requests \(503\) until restarted with this build/);
    const started = Date.now();
    const restarts: string[] = [];
    let migratedBy: string[] = [];
    for (let slot = 0; slot < 3; slot++) {
      const old = instances[slot]!;
      const stopAt = Date.now();
      await old.serve.stop();
      const fresh = await startInstance(slot + 1, build);
      instances[slot] = fresh;
      old.client.close();
      restarts.push(`serve ${slot + 1} down ${((Date.now() - stopAt) / 1000).toFixed(1)} s`);
      const logFile = path.join(fresh.serve.dataDir, 'marquee.log');
      const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('migrations applied')) : [];
      if (lines.length) migratedBy = [...migratedBy, `serve ${slot + 1}: ${lines.join(' ')}`];
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const ended = Date.now();
    await new Promise((r) => setTimeout(r, 2_000));
    const answers = await load.stop();

    const gap = longestGap(answers, started, ended + 2_000);
    const refusedOld = answers.filter((a) => a.status === 503 && /restart it with the new version/.test(a.message));
    log(`rolling restart in ${((ended - started) / 1000).toFixed(1)} s (${restarts.join(', ')}); migrated by ${migratedBy.length} serve(s): ${migratedBy.join(' ; ').slice(0, 600)}`);
    log(`rolling restart: bookings ${JSON.stringify(byStatus(answers))} (0 = no serve listening in that slot); ` +
      `${refusedOld.length} × 503 from old serves after the database moved past them; ` +
      `longest pause between two bookings ${(gap.ms / 1000).toFixed(2)} s (target ≤ ${TARGET.longestGapMs / 1000} s)`);
    expect(migratedBy).toHaveLength(1);
    expect(migratedBy[0]).toMatch(/^serve 1:/);
    const drain = JSON.parse(migratedBy[0]!.slice(migratedBy[0]!.indexOf('{'))).drain as { serves: number; heldMs: number };
    expect(drain.serves).toBe(2);
    expect(drain.heldMs).toBeLessThan(TARGET.migrationMs);
    expect(answers.filter((a) => a.status === 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && !a.retryAfter)).toEqual([]);
    expect(refusedOld.length).toBeGreaterThan(0);
    expect(refusedOld.every((a) => a.serve !== 1)).toBe(true);
    expect(gap.ms).toBeLessThan(TARGET.longestGapMs);
    const last = answers.filter((a) => a.at > ended);
    for (const serve of [1, 2, 3]) expect(last.filter((a) => a.serve === serve && a.status === 201).length, `serve ${serve} books after the restart`).toBeGreaterThan(0);
    expect(await markerOnEveryNode(marker)).toEqual([true, true, true]);
    const records = await onEveryNode("SELECT COUNT(*) AS n FROM marquee_migration WHERE name = '900_upgrade_probe.sql'");
    expect(records.map(([r]) => Number(r!.n))).toEqual([1, 1, 1]);
    await expectInvariants();
  }, 150_000);
});
