// Single-writer vs any-writer on a 3-node MariaDB Galera cluster (test/support/galera.ts):
// the same booking load over HTTPS through three `marquee serve`, once with all three serves on
// node 1 (one node takes every write; the others are hot standbys), once with one serve per node
// (writes land on every node and are certified against each other). Prints bookings/s, p99 and
// the answers of each. Needs galera-4 and rsync; takes ~2 minutes. Run: npm run bench:cluster
import { createHttpsClient, createTokenWithCli, spawnServe, type HttpsClient, type ServeProcess } from '../test/support/server';
import type { RowDataPacket } from 'mysql2/promise';
import { startGaleraCluster } from '../test/support/galera';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const CONNECTIONS = 48;
/** Show times the load rotates over: few, as on a theatre's evening, so show rows are hot. */
const SHOWS = Number(process.env.BENCH_SHOWS ?? 12);

interface Outcome {
  mode: string;
  perSecond: number;
  p99: number;
  answers: Record<number, number>;
}

async function measure(mode: string, urls: string[], dbUrl: string, showTimes: string[]): Promise<Outcome> {
  const env = { MARQUEE_CAPACITY: '1000', MARQUEE_RATE_LIMIT: '1000000', MARQUEE_LOG_LEVEL: 'error', MARQUEE_SWEEP: 'off' };
  const serves: ServeProcess[] = await Promise.all(urls.map((url) => spawnServe({ dbUrl: url, env })));
  const clients: HttpsClient[] = serves.map((s) => createHttpsClient(s.baseUrl, s.caCertPem, { maxSockets: CONNECTIONS }));
  const token = await createTokenWithCli(dbUrl, 'manager', `bench ${mode}`);
  const answers: Record<number, number> = {};
  const latencies: number[] = [];
  let seq = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      while (performance.now() < until) {
        const n = ++seq;
        const started = performance.now();
        // 0 = no answer: the serve closed the connection (its 10 s request timeout) or it failed.
        const status = await clients[(worker + n) % clients.length]!
          .request(
            'POST',
            '/ticket/book',
            { userName: `Bench ${mode} ${n}`, phoneNo: `66${String(n).padStart(8, '0')}`, showTime: showTimes[n % SHOWS] },
            token,
          )
          .then((a) => a.status, () => 0);
        latencies.push(performance.now() - started);
        answers[status] = (answers[status] ?? 0) + 1;
      }
    }),
  );
  for (const c of clients) c.close();
  await Promise.all(serves.map((s) => s.stop()));
  latencies.sort((a, b) => a - b);
  return { mode, perSecond: (answers[201] ?? 0) / SECONDS, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, answers };
}

const cluster = await startGaleraCluster();
try {
  console.log(`MariaDB ${cluster.versions.server}, Galera ${cluster.versions.provider}; ${CONNECTIONS} connections, ${SHOWS} shows, ${SECONDS} s per mode`);
  const outcomes: Outcome[] = [];
  for (const [mode, nodes] of [
    ['single-writer (3 serves → node 1)', [1, 1, 1]],
    ['any-writer (serve i → node i)', [1, 2, 3]],
  ] as const) {
    const db = `bench_${outcomes.length}`;
    const conn = await cluster.connect(1);
    await conn.query(`CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [[now]] = await conn.query<RowDataPacket[]>('SELECT UTC_TIMESTAMP() AS t');
    await conn.end();
    const base = (now!.t as Date).getTime() + 86_400_000;
    const showTimes = Array.from({ length: SHOWS }, (_, k) => new Date(base + k * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const urls = nodes.map((n) => cluster.nodes[n - 1]!.url(db));
    outcomes.push(await measure(mode, urls, urls[0]!, showTimes));
  }
  for (const o of outcomes) {
    console.log(`${o.mode.padEnd(36)} ${o.perSecond.toFixed(0).padStart(6)} bookings/s  p99 ${o.p99.toFixed(0).padStart(5)} ms  answers ${JSON.stringify(o.answers)}`);
  }
  console.log(`any-writer / single-writer: ${(outcomes[1]!.perSecond / outcomes[0]!.perSecond).toFixed(2)}`);
} finally {
  await cluster.stop();
}
