// `npm run bench:layers`: what each layer of a request costs this process in CPU, measured by
// peeling them off one at a time in one Node process (no TLS, no sockets to the client):
//   floor    a bare Fastify JSON route through app.inject (the framework's own cost),
//   http     Marquee's whole HTTP app through app.inject (hooks, auth, rate limit, access log,
//            validation, the operation, serialisation),
//   run      core.run(...) (role check, validation, the query or call, shaping the answer),
//   query    the SQL alone through the pool (the round trip and mysql2's row parsing).
// The difference between neighbours is what that layer adds. Sockets and TLS are what
// `npm run bench` adds on top (its floor has them too).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { startCore } from '../main/core/app';
import { createToken } from '../main/core/auth/tokens';
import { loadConfig } from '../main/core/config';
import { createHttpApp } from '../main/core/http/listener';
import { silentLogger } from '../main/core/log';
import { ROSTER_SQL } from '../main/core/operations/tickets';
import { fmt } from './http-load';
import { freshDatabase, guest, startBenchServer } from './support';

const CONCURRENCY = 16;
const SECONDS = Number(process.env.MARQUEE_LAYERS_SECONDS ?? 3);

/** CPU µs of this process per call of `fn`, with CONCURRENCY calls in flight, after a warm-up. */
async function cpuPerCall(fn: (i: number) => Promise<unknown>): Promise<{ us: number; perSecond: number }> {
  let i = 0;
  const loop = async (until: number) => {
    while (performance.now() < until) await fn(i++);
  };
  const run = (ms: number) => {
    const until = performance.now() + ms;
    return Promise.all(Array.from({ length: CONCURRENCY }, () => loop(until)));
  };
  await run(1000);
  const startCalls = i;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(SECONDS * 1000);
  const used = process.cpuUsage(cpu);
  const calls = i - startCalls;
  return { us: (used.user + used.system) / calls, perSecond: calls / ((performance.now() - started) / 1000) };
}

async function main() {
  const server = await startBenchServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-layers-'));
  try {
    const fresh = await freshDatabase(server, 'marquee_layers');
    const config = { ...loadConfig({ MARQUEE_TIMEZONE: 'UTC', MARQUEE_RATE_LIMIT: '1000000' }), dbUrl: fresh.url, dataDir };
    const core = await startCore(config, { logger: silentLogger, sweep: false });
    try {
      const manager = await createToken(core.db, 'manager', 'layers office');
      const [row] = await core.db.rows('SELECT UTC_TIMESTAMP() + INTERVAL 2 DAY AS t');
      const showTime = (row!.t as Date).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const actor = { role: 'manager' as const, label: 'layers office', tokenId: manager.id };
      const { showId } = await core.run('createShow', { showTime, title: 'Full house', capacity: 20 }, actor);
      for (let n = 1; n <= 20; n++) await core.run('book', { ...guest(n), showTime }, actor);
      const roster = await core.run('listByShowTime', { showTime }, actor);
      if (roster.length !== 20) throw new Error(`roster has ${roster.length} rows`);

      const floor = Fastify({ logger: false });
      floor.post('/floor', async (request) => ({ showTime: (request.body as { showTime?: unknown }).showTime ?? null, ok: true }));
      await floor.ready();
      const { app } = await createHttpApp(core, { logger: silentLogger, tls: null, uiDir: null });
      await app.ready();
      const body = JSON.stringify({ showTime });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${manager.token}` };
      const inject = (target: typeof app, url: string) => async () => {
        const res = await target.inject({ method: 'POST', url, headers, payload: body });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      };
      const layers: [string, () => Promise<unknown>][] = [
        ['floor: bare Fastify route (inject)', inject(floor as unknown as typeof app, '/floor')],
        ['http: POST /ticket/view/time (inject)', inject(app, '/ticket/view/time')],
        ["run: core.run('listByShowTime')", () => core.run('listByShowTime', { showTime }, actor)],
        ['query: the roster SELECT (pool.query)', () => core.db.rows(ROSTER_SQL, [config.expireHours, showId])],
        ['query: SELECT 1 (pool.query)', () => core.db.rows('SELECT 1')],
      ];
      console.log(`Layers of the roster request (20 tickets), ${CONCURRENCY} in flight, ${SECONDS} s each: CPU of this process per call`);
      const only = process.env.MARQUEE_LAYERS_ONLY;
      for (const [name, fn] of layers.filter(([n]) => !only || n.startsWith(only))) {
        const r = await cpuPerCall(fn);
        console.log(`  ${name.padEnd(42)} ${fmt(r.us, 1).padStart(7)} µs CPU  (${fmt(r.perSecond)} calls/s)`);
      }
      await app.close();
      await floor.close();
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await server.stop();
  }
}

await main();
