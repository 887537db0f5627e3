// `npm run bench:memory [variant …]`: what `marquee serve`'s resident memory is made of under the
// bench's load (bookings, a full roster and the kiosk's seat list at 64 connections, taking
// turns as in `npm run bench`), for one or more variants side by side. A variant is a list of
// Node flags and VAR=value settings separated by spaces, added after serve's own
// (bin/serve-node-args.mjs), e.g. '--max-semi-space-size=4' or 'MALLOC_ARENA_MAX=8'; '' (or
// none given) is serve as it ships. Variants take turns, MARQUEE_MEMORY_ROUNDS times (2), each
// in a fresh serve, and the peak of each is broken down (bench/memory-probe.mjs): V8 heap by
// space, array buffers, other anonymous memory (malloc: TLS, OpenSSL, V8's helpers) and
// file-backed pages (the node binary, ICU data and libraries), with the collections per request
// and the CPU per request beside them. Figures land in bench-results/memory/.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureLocalCertificates, localSubjectNames } from '../main/core/tls/certificates';
import { bookFullShow, bookingLoad, cannon, fetchJson, fmt, phase, ROOT, postLoad, startServe, stopChild, theatreSchedule } from './http-load';
import { freshDatabase, seedBenchSchedule, startBenchServer } from './support';

const CONNECTIONS = 64;
const ROUNDS = Number(process.env.MARQUEE_MEMORY_ROUNDS ?? 2);
const SLICE_SECONDS = Number(process.env.MARQUEE_MEMORY_SECONDS ?? 4);
const PROBE = path.join(ROOT, 'bench', 'memory-probe.mjs');
const OUT_DIR = path.join(ROOT, 'bench-results', 'memory');

interface Peak {
  rssKb: number;
  hwmKb: number;
  anonKb: number;
  fileKb: number;
  heapTotalKb: number;
  heapUsedKb: number;
  externalKb: number;
  arrayBuffersKb: number;
  spacesKb: Record<string, number>;
  privateDirtyKb: number;
  liveAfterGcKb: number;
  gc: { minor: number; minorMs: number; major: number; majorMs: number };
  /** Not from the probe: this process's CPU µs per request in the measured turn, by load. */
  cpuUs: Record<string, number>;
  /** Not from the probe: requests this serve answered (warm-up included). */
  requests: number;
}

function parseVariant(text: string): { nodeArgs: string[]; env: Record<string, string> } {
  const nodeArgs: string[] = [];
  const env: Record<string, string> = {};
  for (const word of text.split(' ').filter(Boolean)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (m) env[m[1]!] = m[2]!;
    else nodeArgs.push(word);
  }
  return { nodeArgs, env };
}

async function main() {
  const variants = process.argv.slice(2).length ? process.argv.slice(2) : [''];
  console.log(`Marquee memory: ${variants.length} variant(s) × ${ROUNDS} rounds, starting a private database server…`);
  const server = await startBenchServer();
  try {
    const http = await freshDatabase(server, 'marquee_memory');
    const { kiosk, manager, shows } = await seedBenchSchedule(http.target, 'memory');
    /** Set once the schedule and the sold-out show exist (the first variant makes them). */
    let fullShow: string | null = null;
    const results = new Map<string, Peak[]>(variants.map((v) => [v, []]));
    let guestBase = 10_000_000;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of variants) {
        const serveDir = path.join(server.workDir, `serve-${round}-${variants.indexOf(variant)}`);
        await ensureLocalCertificates(path.join(serveDir, 'tls'), { names: localSubjectNames('127.0.0.1') });
        mkdirSync(OUT_DIR, { recursive: true });
        const out = path.join(OUT_DIR, `round${round}-variant${variants.indexOf(variant)}.json`);
        const { nodeArgs, env } = parseVariant(variant);
        const serve = await startServe(http.url, serveDir, { ...env, MARQUEE_MEMORY_PROBE_OUT: out }, ['--import', PROBE, ...nodeArgs]);
        try {
          const url = `https://localhost:${serve.port}`;
          const ca = serve.caCertPem;
          if (fullShow === null) {
            for (const showTime of theatreSchedule()) await fetchJson(url, ca, '/show/create', manager, { showTime, title: `Feature ${showTime.slice(11, 13)}` });
            fullShow = await bookFullShow(url, ca, manager, kiosk, shows);
          }
          const base = { url, connections: CONNECTIONS, tlsOptions: { ca } } as const;
          const booking = bookingLoad(base, kiosk, shows, (guestBase += 1_000_000));
          const roster = postLoad(base, '/ticket/view/time', manager, { showTime: fullShow });
          const seatList = postLoad(base, '/show/list', kiosk, {});
          // As npm run bench: a warm-up of each, then the phases taking turns.
          let requests = 0;
          requests += (await cannon({ ...booking, duration: 2 })).requests;
          requests += (await cannon({ ...roster, duration: 1 })).requests;
          requests += (await cannon({ ...seatList, duration: 1 })).requests;
          const rates: string[] = [];
          const cpuUs: Record<string, number> = {};
          for (let turn = 0; turn < 2; turn++) {
            for (const [name, load] of [['book', booking], ['roster', roster], ['list', seatList]] as const) {
              const r = await phase(serve.child.pid!, { ...load, duration: SLICE_SECONDS });
              requests += r.requests;
              if (turn === 1) {
                rates.push(`${name} ${fmt(r.perSecond)}/s`);
                cpuUs[name] = r.cpuMsPerRequest * 1000;
              }
            }
          }
          await stopChild(serve.child);
          const peak = { ...(JSON.parse(readFileSync(out, 'utf8')) as Omit<Peak, 'cpuUs' | 'requests'>), cpuUs, requests };
          results.get(variant)!.push(peak);
          console.log(`  round ${round} [${variant || 'as shipped'}]: peak ${fmt(peak.hwmKb / 1024, 1)} MB (${rates.join(', ')})`);
        } catch (err) {
          console.error(`serve [${variant}] log:\n${readFileSync(serve.logFile, 'utf8').slice(-3000)}`);
          throw err;
        } finally {
          await stopChild(serve.child);
        }
      }
    }
    const perThousand = (p: Peak, n: number) => (n / p.requests) * 1000;
    const rows: [string, (p: Peak) => number, number][] = [
      ['peak RSS (VmHWM), MB', (p) => p.hwmKb / 1024, 1],
      ['at the highest sample: RSS', (p) => p.rssKb / 1024, 1],
      ['  file-backed (node binary, libraries)', (p) => p.fileKb / 1024, 1],
      ['  anonymous', (p) => p.anonKb / 1024, 1],
      ['    V8 heap, committed', (p) => p.heapTotalKb / 1024, 1],
      ['      new space', (p) => (p.spacesKb.new_space ?? 0) / 1024, 1],
      ['      old space', (p) => (p.spacesKb.old_space ?? 0) / 1024, 1],
      ['      code space', (p) => (p.spacesKb.code_space ?? 0) / 1024, 1],
      ['      large objects', (p) => ((p.spacesKb.large_object_space ?? 0) + (p.spacesKb.new_large_object_space ?? 0)) / 1024, 1],
      ['    V8 heap, used', (p) => p.heapUsedKb / 1024, 1],
      ['    array buffers', (p) => p.arrayBuffersKb / 1024, 1],
      ['    other (malloc: TLS, OpenSSL, libuv, V8)', (p) => (p.anonKb - p.heapTotalKb - p.arrayBuffersKb) / 1024, 1],
      ['V8 heap live after a full GC at exit, MB', (p) => p.liveAfterGcKb / 1024, 1],
      ['requests answered', (p) => p.requests, 0],
      ['scavenges per 1,000 requests', (p) => perThousand(p, p.gc.minor), 1],
      ['  their pauses, ms per 1,000 requests', (p) => perThousand(p, p.gc.minorMs), 1],
      ['mark-compacts per 1,000 requests', (p) => perThousand(p, p.gc.major), 2],
      ['  their pauses, ms per 1,000 requests', (p) => perThousand(p, p.gc.majorMs), 1],
      ...(['book', 'roster', 'list'] as const).map((name): [string, (p: Peak) => number, number] => [`CPU µs per request, ${name}`, (p) => p.cpuUs[name] ?? NaN, 0]),
    ];
    console.log(`\nMedians of ${ROUNDS} rounds (memory at the highest sampled RSS, from bench/memory-probe.mjs):`);
    const w = Math.max(...rows.map((r) => r[0].length));
    const cw = Math.max(12, ...variants.map((v) => (v || 'as shipped').length));
    console.log(`${''.padEnd(w)}  ${variants.map((v) => (v || 'as shipped').padStart(cw)).join('  ')}`);
    for (const [label, pick, digits] of rows) {
      console.log(`${label.padEnd(w)}  ${variants.map((v) => fmt(median(results.get(v)!.map(pick)), digits).padStart(cw)).join('  ')}`);
    }
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

await main();
