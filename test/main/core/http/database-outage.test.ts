// The database goes away under a running `marquee serve` (its TCP path is cut) and comes
// back: requests get 503 DB_UNAVAILABLE with Retry-After meanwhile, the server stays up,
// recovers without a restart, and no booking it confirmed is lost.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openShow } from '../../../support/db';
import { startServe, type HttpsAnswer, type ServeHandle } from '../../../support/server';

let server: ServeHandle;
let kiosk: string;
let manager: string;

beforeAll(async () => {
  server = await startServe({ capacity: 1000 });
  [kiosk, manager] = await Promise.all([server.token('kiosk', 'Outage kiosk'), server.token('manager', 'Outage office')]);
});
afterAll(async () => {
  await server?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

test('503 with Retry-After while the database is away, recovery without restart, no booking lost or doubled', async () => {
  const showTime = new Date(Date.now() + 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await openShow(server.database.ctx, showTime, 1000); // the kiosks book into a show the manager made
  const confirmed: number[] = [];
  const outcomes: Record<string, number> = {};
  let seq = 0;
  let running = true;
  // Four devices booking all along, before, during and after the outage. Like a real device,
  // each sends its booking with an Idempotency-Key and, on 503, sends the same booking again
  // under the same key until it is answered: every booking must end up exactly once.
  const devices = Array.from({ length: 4 }, async () => {
    while (running) {
      const n = ++seq;
      const body = { userName: `Steady ${n}`, phoneNo: `+1555800${String(n).padStart(4, '0')}`, showTime };
      for (;;) {
        let answer: HttpsAnswer;
        try {
          answer = await server.request('POST', '/ticket/book', body, kiosk, { 'idempotency-key': `steady-${n}` });
        } catch {
          outcomes.network = (outcomes.network ?? 0) + 1;
          await sleep(50);
          continue;
        }
        outcomes[answer.status] = (outcomes[answer.status] ?? 0) + 1;
        if (answer.status === 201) {
          confirmed.push(answer.json.ticketId);
          break;
        }
        expect(answer.status).toBe(503);
        expect(answer.json.error.code).toBe('DB_UNAVAILABLE');
        expect(answer.headers['retry-after']).toBe('5');
        await sleep(50);
      }
    }
  });
  await until('some bookings are confirmed', async () => confirmed.length >= 10);
  const pid = server.serve.pid;
  server.cutDatabase();
  await until('a booking is refused with 503', async () => (outcomes[503] ?? 0) >= 3);

  const health = await server.request('GET', '/health');
  expect(health.status).toBe(503);
  expect(health.json.database).toBe('down');
  for (const [path, body] of [['/show/list', {}], ['/ticket/view/time', { showTime }]] as const) {
    const answer = await server.request('POST', path, body, manager);
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({ error: { code: 'DB_UNAVAILABLE', message: expect.any(String) } });
    expect(answer.headers['retry-after']).toBe('5');
  }
  await sleep(1000);
  expect(server.serve.child.exitCode).toBeNull();

  server.restoreDatabase();
  const beforeRecovery = confirmed.length;
  await until('bookings succeed again', async () => confirmed.length >= beforeRecovery + 10);
  running = false;
  await Promise.all(devices);

  expect(server.serve.pid).toBe(pid);
  expect(server.serve.child.exitCode).toBeNull();
  expect((await server.request('GET', '/health')).json.database).toBe('up');
  const roster = await server.request('POST', '/ticket/view/time', { showTime }, manager);
  expect(roster.status).toBe(200);
  const stored = new Set<number>(roster.json.map((t: { ticketId: number }) => t.ticketId));
  const lost = confirmed.filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
  // Nothing doubled: one ticket per booking, however often it was resent.
  expect(new Set(confirmed).size).toBe(confirmed.length);
  expect(stored.size).toBe(confirmed.length);
  expect(roster.json.length).toBe(seq);
  console.log(`[outage] outcomes ${JSON.stringify(outcomes)}; confirmed ${confirmed.length}, stored ${stored.size}`);
});
