// The parts of a live upgrade (docs/ARCHITECTURE.md, "Upgrading a live cluster") on one server:
// the admission gate a drain closes, the routines' contracts, a serve's watcher answering the
// migrator's drain and judging its build afterwards, and a drain that a serve does not answer.
// The same under load on a real 3-node Galera cluster: test/main/core/upgrade.cluster.test.ts.
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MarqueeError } from '../../../../main/common/errors';
import { AdmissionGate, UPGRADING_MESSAGE } from '../../../../main/core/db/admission';
import { loadMigrationPlan, migrate, MigrationError, type MigrationPlan, type Routine } from '../../../../main/core/db/migrate';
import { contractText, incompatibility } from '../../../../main/core/db/routine-contract';
import { OUTDATED_MESSAGE, UpgradeWatcher } from '../../../../main/core/db/upgrade-watcher';
import { runOperation } from '../../../../main/core/operations';
import { upgradeCheck } from '../../../../main/core/commands/upgrade-check';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../../support/db';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const plan = loadMigrationPlan();

/** `plan` with `routine`'s body changed by a comment (a new text, the same contract). */
function withChangedBody(base: MigrationPlan, routine: string, marker: string): MigrationPlan {
  return {
    ...base,
    routines: base.routines.map((r) =>
      r.routine === routine ? { ...r, checksum: `${r.checksum.slice(0, 56)}${marker.padEnd(8, '0').slice(0, 8)}`, statements: r.statements.map((s) => s.replace(/\bBEGIN\b/, `BEGIN\n  -- ${marker}`)) } : r,
    ),
  };
}

describe('the admission gate', () => {
  test('a drain waits for the unit in flight; units arriving meanwhile wait and then run', async () => {
    const gate = new AdmissionGate(5_000);
    let release!: () => void;
    const inFlight = gate.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    let drained = false;
    const drain = gate.drain().then(() => (drained = true));
    const later = gate.run(async () => 'second');
    await sleep(50);
    expect({ drained, state: gate.state }).toEqual({ drained: false, state: 'draining' });
    release();
    await drain;
    expect(await inFlight).toBe('first');
    let ranLater = false;
    void later.then(() => (ranLater = true));
    await sleep(50);
    expect(ranLater).toBe(false);
    gate.open();
    expect(await later).toBe('second');
  });

  test('a unit held longer than the queue allows is answered DB_UNAVAILABLE, saying the box office is upgrading', async () => {
    const gate = new AdmissionGate(100);
    await gate.drain();
    const refused = await gate.run(async () => 'never').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MarqueeError);
    expect(refused).toMatchObject({ code: 'DB_UNAVAILABLE', message: UPGRADING_MESSAGE });
  });

  test('a refusing gate refuses waiting and new units with its sentence until opened', async () => {
    const gate = new AdmissionGate(5_000);
    await gate.drain();
    const waiting = gate.run(async () => 'x').catch((err: MarqueeError) => err.message);
    gate.refuse('restart me');
    expect(await waiting).toBe('restart me');
    await expect(gate.run(async () => 'y')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE', message: 'restart me' });
    gate.open();
    expect(await gate.run(async () => 'z')).toBe('z');
  });

  test('a unit nested in one already admitted (a query inside a transaction) is let in while the drain waits, and the drain ends', async () => {
    const gate = new AdmissionGate(2_000, 50);
    const outer = gate.run(async () => {
      await sleep(30);
      return gate.run(async () => 'inner');
    });
    const drain = gate.drain();
    expect(await outer).toBe('inner');
    await drain;
  });

  test('units let in while the drain waits count as in flight at once: the drain ends only after them', async () => {
    const gate = new AdmissionGate(5_000, 20);
    const manual = () => {
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      return { release, done };
    };
    const first = manual();
    const second = manual();
    const running = gate.run(() => first.done);
    let drained = false;
    const drain = gate.drain().then(() => (drained = true));
    const held = gate.run(() => second.done);
    await sleep(60); // let in by the drain, now working
    first.release();
    await running;
    await sleep(30);
    expect(drained).toBe(false);
    second.release();
    await held;
    await drain;
    expect(drained).toBe(true);
  });
});

describe('routine contracts', () => {
  test('every procedure and function has one: its kind and parameter list; a body change keeps it, a parameter change does not', () => {
    const callable = plan.routines.filter((r) => r.kind !== 'TRIGGER');
    expect(callable.length).toBeGreaterThan(3);
    for (const r of callable) expect(contractText(r), r.routine).toMatch(new RegExp(`^${r.kind.toLowerCase()}\\(`));
    for (const r of plan.routines.filter((t) => t.kind === 'TRIGGER')) expect(contractText(r)).toBeNull();
    const book = plan.routines.find((r) => r.routine === 'marquee_book')!;
    const body = withChangedBody(plan, 'marquee_book', 'probe').routines.find((r) => r.routine === 'marquee_book')!;
    expect(contractText(body)).toBe(contractText(book));
    const renamed: Routine = { ...book, statements: book.statements.map((s) => s.replace(/marquee_book\s*\(/, 'marquee_book(IN p_extra INT, ')) };
    expect(contractText(renamed)).not.toBe(contractText(book));
    const fn = callable.find((r) => r.kind === 'FUNCTION')!;
    expect(contractText(fn)).toMatch(/\) returns \S/);
  });
});

describe('a serve through a live upgrade (one server)', () => {
  let database: TestDatabase;
  let watcher: UpgradeWatcher;
  let migrator: mysql.Connection;

  beforeAll(async () => {
    database = await createTestDatabase({ capacity: 1000 });
    migrator = await database.raw();
    watcher = new UpgradeWatcher(database.db, plan, { pollMs: 20, heartbeatMs: 200 });
    await watcher.start();
  });
  afterAll(async () => {
    await watcher?.stop();
    await migrator?.end();
    await database?.drop();
  });

  test('a changed routine is applied between drained bookings: the serve acknowledges, then serves on with its build', async () => {
    const showTime = await showTimeFromNow(database.db, 600);
    const outcomes = new Map<string, number>();
    let running = true;
    const loop = async (k: number) => {
      for (let i = 0; running; i++) {
        const outcome = await runOperation(database.ctx, 'book', { userName: `Guest ${k}`, phoneNo: `+1555${String(k * 100000 + i).padStart(7, '0')}`, showTime }, { role: 'manager', label: 'test' })
          .then(() => 'booked', (err: { code?: string }) => String(err.code));
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await sleep(200);
    const result = await migrate(migrator, withChangedBody(plan, 'ticket_record_before_insert', 'live one'));
    await sleep(200);
    running = false;
    await Promise.all(loops);
    expect(result.routinesApplied).toEqual(['routines/ticket_record_before_insert.sql']);
    expect(result.drain).toMatchObject({ serves: 1 });
    expect(Object.fromEntries(outcomes)).toEqual({ booked: expect.any(Number) });
    await expect.poll(() => database.db.gate.state).toBe('open');
    const [row] = await database.db.rows('SELECT state, drained_for FROM marquee_serve WHERE serve_id = ?', [watcher.serveId]);
    expect(row).toMatchObject({ state: 'serving' });
    expect(String(row!.drained_for)).not.toBe('null');
  });

  test('what a serve judges by: a trigger or a body may change under it, a contract may not', async () => {
    const conn = await database.raw();
    const record = (name: string, column: 'checksum' | 'contract', value: string) =>
      conn.query(`UPDATE ${column === 'checksum' ? 'marquee_migration' : 'marquee_routine_contract'} SET ${column} = ? WHERE name = ?`, [value, `routines/${name}.sql`]);
    try {
      expect(await incompatibility(conn, plan)).toBeNull();
      await record('ticket_record_after_insert', 'checksum', 'another text');
      expect(await incompatibility(conn, plan)).toBeNull();
      await record('marquee_expiry_cutoff', 'checksum', 'another text');
      expect(await incompatibility(conn, plan)).toBeNull();
      await record('marquee_expiry_cutoff', 'contract', 'another contract');
      expect(await incompatibility(conn, plan)).toBe('function marquee_expiry_cutoff changed its parameters or is gone');
    } finally {
      // The watcher saw it too: the migration puts this build's routines back and it serves again.
      await migrate(conn, plan);
      await conn.end();
    }
    await expect.poll(() => database.db.gate.state).toBe('open');
  });

  test('a live serve that never acknowledges: the migration gives up within its wait, changes nothing and ends the drain', async () => {
    const conn = await database.raw();
    try {
      await conn.query(
        `INSERT INTO marquee_serve (serve_id, build, version, state, started_at, seen_at)
         VALUES ('stuck serve', 'x', 'x', 'serving', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 HOUR)`,
      );
      const [[before]] = await conn.query<mysql.RowDataPacket[]>("SELECT checksum FROM marquee_migration WHERE name = 'routines/marquee_cancel.sql'");
      await expect(migrate(conn, withChangedBody(plan, 'marquee_cancel', 'never'), { drainWaitMs: 500 })).rejects.toThrow(
        new MigrationError("1 running serve(s) did not finish their requests within 0.5 s (stuck serve); nothing was changed and they serve on. Run the migration again."),
      );
      const [[after]] = await conn.query<mysql.RowDataPacket[]>("SELECT checksum FROM marquee_migration WHERE name = 'routines/marquee_cancel.sql'");
      expect(after!.checksum).toBe(before!.checksum);
      const [[drain]] = await conn.query<mysql.RowDataPacket[]>("SELECT holder FROM marquee_lease WHERE name = 'drain'");
      expect(drain!.holder).toBeNull();
      await expect.poll(() => database.db.gate.state).toBe('open');
    } finally {
      await conn.query("DELETE FROM marquee_serve WHERE serve_id = 'stuck serve'");
      await conn.end();
    }
  });

  test("doctor's Upgrade line: what a build would do, safe now or not while a migration is under way", async () => {
    const conn = await database.raw();
    try {
      expect(await upgradeCheck(conn, plan)).toMatchObject({ ok: 'info', detail: expect.stringMatching(/^nothing to apply with this build; 1 live serve \(.* serving\)$/) });
      const changed = withChangedBody(plan, 'marquee_cancel', 'doctor');
      expect(await upgradeCheck(conn, changed)).toMatchObject({
        ok: true,
        detail: expect.stringMatching(/^safe now: `npx marquee migrate` would replace procedure marquee_cancel, holding the database work of 1 live serve .*serve on with the new routines/),
      });
      await conn.query("UPDATE marquee_lease SET holder = 'another migrator', expires_at = UTC_TIMESTAMP(3) + INTERVAL 1 MINUTE WHERE name = 'migrate'");
      expect(await upgradeCheck(conn, changed)).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/^not safe now: a migration by another migrator is under way\. It would replace procedure marquee_cancel/),
      });
    } finally {
      await conn.query("UPDATE marquee_lease SET holder = NULL, expires_at = UTC_TIMESTAMP(3) WHERE name = 'migrate'");
      await conn.end();
    }
  });

  test('a serve started before its roll call table exists answers it once `migrate` of its version has made it', async () => {
    const conn = await database.raw();
    const late = new UpgradeWatcher(database.db, plan, { pollMs: 20, heartbeatMs: 100 });
    try {
      await conn.query('DROP TABLE marquee_serve');
      await late.start();
      expect((await migrate(conn, plan)).drain).toBeNull();
      await expect.poll(async () => {
        const [[row]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM marquee_serve WHERE serve_id IN (?, ?)', [late.serveId, watcher.serveId]);
        return Number(row!.n);
      }).toBe(2);
    } finally {
      await late.stop();
      await conn.end();
    }
  });

  test('a versioned migration this build lacks: the serve refuses every request with 503 and says to restart it', async () => {
    const newer: MigrationPlan = {
      ...plan,
      versioned: [...plan.versioned, { name: '900_newer_build.sql', checksum: 'e'.repeat(64), statements: ['CREATE TABLE newer_build_probe (id INT PRIMARY KEY)'] }],
    };
    const result = await migrate(migrator, newer);
    expect(result).toMatchObject({ applied: ['900_newer_build.sql'], drain: { serves: 1 } });
    await expect.poll(() => database.db.gate.state).toBe('refusing');
    await expect(database.db.rows('SELECT 1')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE', message: OUTDATED_MESSAGE });
    expect((await database.ctx.status()).database).toBe('down');
    const [[row]] = await migrator.query<mysql.RowDataPacket[]>('SELECT state, note FROM marquee_serve WHERE serve_id = ?', [watcher.serveId]);
    expect(row).toMatchObject({ state: 'outdated', note: 'the database was migrated by a newer Marquee (900_newer_build.sql)' });
    // A serve of the newer build is at home here.
    const conn = await database.raw();
    try {
      expect(await incompatibility(conn, newer)).toBeNull();
    } finally {
      await conn.end();
    }
  });
});
