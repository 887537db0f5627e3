// `npm run bench:memory [variant …]`: what `marquee serve`'s resident memory is made of at start
// (listening, before any request) and at its peak under the bench's load (keyed bookings,
// parties of four, counter sales, a full roster, the kiosk's show and film lists at 64
// connections, taking turns as in `npm run bench`), for one or more variants side by side. First
// it prints what each package the built CLI imports costs to load (bench/memory-modules.mjs).
// A variant is a list of Node flags and VAR=value settings separated by spaces, added after
// serve's own (bin/serve-node-args.mjs), e.g. '--max-semi-space-size=4' or 'MALLOC_ARENA_MAX=8';
// 'NAME=' leaves a setting of serve's out; '' (or none given) is serve as it ships. Variants take
// turns, MARQUEE_MEMORY_ROUNDS times (2), each in a fresh serve, and each is broken down
// (bench/memory-probe.mjs): V8 heap by space, array buffers, malloc's main arena and other
// anonymous memory (other arenas, mmapped blocks: TLS, OpenSSL, V8's compilers), and
// file-backed pages (the node binary, ICU data and libraries), with the collections per request
// and the CPU per request beside them. Figures land in bench-results/memory/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SERVE_NODE_ARGS } from '../bin/serve-node-args.mjs';
import { ensureLocalCertificates, localSubjectNames } from '../main/core/tls/certificates';
import { bookFullShow, bookingLoad, cannon, fmt, httpManager, phase, ROOT, postLoad, saleLoad, seedTheatreProgram, sleep, startServe, stopChild } from './http-load';
import { freshDatabase, saleOf, seedBenchSchedule, seedPartyTypes, startBenchServer } from './support';

const CONNECTIONS = 64;
const ROUNDS = Number(process.env.MARQUEE_MEMORY_ROUNDS ?? 2);
const SLICE_SECONDS = Number(process.env.MARQUEE_MEMORY_SECONDS ?? 4);
const PROBE = path.join(ROOT, 'bench', 'memory-probe.mjs');
const OUT_DIR = path.join(ROOT, 'bench-results', 'memory');

/** One breakdown from bench/memory-probe.mjs. */
interface Breakdown {
  rssKb: number;
  anonKb: number;
  fileKb: number;
  heapTotalKb: number;
  heapUsedKb: number;
  arrayBuffersKb: number;
  spacesKb: Record<string, number>;
  spacesUsedKb: Record<string, number>;
  mainArenaKb: number;
  liveAfterGcKb: number;
}

interface Result {
  start: Breakdown;
  peak: Breakdown & {
    hwmKb: number;
    gc: { minor: number; minorMs: number; major: number; majorMs: number };
  };
  /** Not from the probe: this process's CPU µs per request in the measured turn, by load. */
  cpuUs: Record<string, number>;
  /** Not from the probe: requests this serve answered (warm-up included). */
  requests: number;
}

/** 'NAME=' (no value) leaves NAME out of serve's environment, e.g. to measure without a setting of SERVE_ENV. */
function parseVariant(text: string): { nodeArgs: string[]; env: Record<string, string | undefined> } {
  const nodeArgs: string[] = [];
  const env: Record<string, string | undefined> = {};
  for (const word of text.split(' ').filter(Boolean)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (m) env[m[1]!] = m[2] || undefined;
    else nodeArgs.push(word);
  }
  return { nodeArgs, env };
}

/** The probe's breakdown at start: asked for with SIGUSR2 once serve listens, before any request. */
async function startBreakdown(child: { kill(signal: NodeJS.Signals): boolean }, out: string): Promise<Breakdown> {
  const file = `${out}.start.json`;
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let waited = 0; !existsSync(file); waited += 50) {
    if (waited > 30_000) throw new Error('the memory probe wrote no start breakdown');
    await sleep(50);
  }
  await sleep(50); // written in one call, but let it finish
  return JSON.parse(readFileSync(file, 'utf8')) as Breakdown;
}

const LOADS = ['book', 'party', 'sale', 'roster', 'shows', 'films'] as const;

async function main() {
  const variants = process.argv.slice(2).length ? process.argv.slice(2) : [''];
  console.log(spawnSync(process.execPath, [...SERVE_NODE_ARGS, '--expose-gc', path.join(ROOT, 'bench', 'memory-modules.mjs')], { encoding: 'utf8' }).stdout);
  console.log(`Marquee memory: ${variants.length} variant(s) × ${ROUNDS} rounds, starting a private database server…`);
  const server = await startBenchServer();
  try {
    const http = await freshDatabase(server, 'marquee_memory');
    const { kiosk, manager, counter, shows, showIds } = await seedBenchSchedule(http.target, 'memory');
    /** Made once, through the first serve: the ticket types, the program and the sold-out show. */
    let seeded: { party: Awaited<ReturnType<typeof seedPartyTypes>>; fullShow: string } | null = null;
    const results = new Map<string, Result[]>(variants.map((v) => [v, []]));
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
          const start = await startBreakdown(serve.child, out);
          const url = `https://localhost:${serve.port}`;
          const ca = serve.caCertPem;
          if (seeded === null) {
            const manage = httpManager(url, ca, manager);
            const party = await seedPartyTypes(manage);
            await seedTheatreProgram(manage);
            seeded = { party, fullShow: await bookFullShow(url, ca, manager, kiosk, shows) };
          }
          const base = { url, connections: CONNECTIONS, tlsOptions: { ca } } as const;
          const sale = saleOf(seeded.party);
          const loads = {
            book: bookingLoad(base, kiosk, shows, (guestBase += 1_000_000)),
            party: bookingLoad(base, kiosk, shows, (guestBase += 1_000_000), { party: seeded.party }),
            sale: saleLoad(base, counter, showIds, (guestBase += 1_000_000), sale.party, sale.payment),
            roster: postLoad(base, '/ticket/view/time', manager, { showTime: seeded.fullShow }),
            shows: postLoad(base, '/show/list', kiosk, {}),
            films: postLoad(base, '/film/list', kiosk, {}),
          };
          // As npm run bench: a warm-up of each, then the phases taking turns.
          let requests = 0;
          for (const name of LOADS) requests += (await cannon({ ...loads[name], duration: 1 })).requests;
          const rates: string[] = [];
          const cpuUs: Record<string, number> = {};
          for (let turn = 0; turn < 2; turn++) {
            for (const name of LOADS) {
              const r = await phase(serve.child.pid!, { ...loads[name], duration: SLICE_SECONDS });
              requests += r.requests;
              if (turn === 1) {
                rates.push(`${name} ${fmt(r.perSecond)}/s`);
                cpuUs[name] = r.cpuMsPerRequest * 1000;
              }
            }
          }
          await stopChild(serve.child);
          const peak = JSON.parse(readFileSync(out, 'utf8')) as Result['peak'];
          results.get(variant)!.push({ start, peak, cpuUs, requests });
          console.log(`  round ${round} [${variant || 'as shipped'}]: start ${fmt(start.rssKb / 1024, 1)} MB, peak ${fmt(peak.hwmKb / 1024, 1)} MB (${rates.join(', ')})`);
        } catch (err) {
          console.error(`serve [${variant}] log:\n${readFileSync(serve.logFile, 'utf8').slice(-3000)}`);
          throw err;
        } finally {
          await stopChild(serve.child);
        }
      }
    }
    printTable(variants, results);
  } finally {
    await server.stop();
  }
}

type Row = [string, (r: Result) => number, number];

/** The same breakdown rows for the start and the peak sample. */
function breakdownRows(at: 'start' | 'peak'): Row[] {
  const mb = (pick: (b: Breakdown) => number) => (r: Result) => pick(r[at]) / 1024;
  const space = (name: string) => (b: Breakdown) => b.spacesKb[name] ?? 0;
  const used = (name: string) => (b: Breakdown) => b.spacesUsedKb[name] ?? 0;
  const large = (of: (name: string) => (b: Breakdown) => number) => (b: Breakdown) => of('large_object_space')(b) + of('new_large_object_space')(b);
  return [
    [`${at}: RSS`, mb((b) => b.rssKb), 1],
    ['  file-backed (node binary, libraries)', mb((b) => b.fileKb), 1],
    ['  anonymous', mb((b) => b.anonKb), 1],
    ['    V8 heap, committed', mb((b) => b.heapTotalKb), 1],
    ['      new space', mb(space('new_space')), 1],
    ['      old space', mb(space('old_space')), 1],
    ['        used', mb(used('old_space')), 1],
    ['      code space', mb(space('code_space')), 1],
    ['      large objects', mb(large(space)), 1],
    ['      other spaces (map, read-only, trusted)', mb((b) => b.heapTotalKb - ['new_space', 'old_space', 'code_space'].reduce((n, s) => n + space(s)(b), 0) - large(space)(b)), 1],
    ['    V8 heap, used', mb((b) => b.heapUsedKb), 1],
    ['    malloc main arena ([heap])', mb((b) => b.mainArenaKb), 1],
    ['      array buffers (log lines, TLS, mysql2), in it or mmapped', mb((b) => b.arrayBuffersKb), 1],
    ['    rest (other arenas, mmapped blocks, stacks)', mb((b) => b.anonKb - b.heapTotalKb - b.mainArenaKb), 1],
    ['  V8 heap live after a full GC', mb((b) => b.liveAfterGcKb), 1],
  ];
}

function printTable(variants: string[], results: Map<string, Result[]>) {
  const perThousand = (r: Result, n: number) => (n / r.requests) * 1000;
  const rows: Row[] = [
    ['peak RSS (VmHWM), MB', (r) => r.peak.hwmKb / 1024, 1],
    ...breakdownRows('start'),
    ...breakdownRows('peak'),
    ['requests answered', (r) => r.requests, 0],
    ['scavenges per 1,000 requests', (r) => perThousand(r, r.peak.gc.minor), 1],
    ['  their pauses, ms per 1,000 requests', (r) => perThousand(r, r.peak.gc.minorMs), 1],
    ['mark-compacts per 1,000 requests', (r) => perThousand(r, r.peak.gc.major), 2],
    ['  their pauses, ms per 1,000 requests', (r) => perThousand(r, r.peak.gc.majorMs), 1],
    ...LOADS.map((name): Row => [`CPU µs per request, ${name}`, (r) => r.cpuUs[name] ?? NaN, 0]),
  ];
  console.log(`\nMedians of ${ROUNDS} rounds, MB (start: listening, before any request; peak: the highest sampled RSS; from bench/memory-probe.mjs):`);
  const w = Math.max(...rows.map((r) => r[0].length));
  const cw = Math.max(12, ...variants.map((v) => (v || 'as shipped').length));
  console.log(`${''.padEnd(w)}  ${variants.map((v) => (v || 'as shipped').padStart(cw)).join('  ')}`);
  for (const [label, pick, digits] of rows) {
    console.log(`${label.padEnd(w)}  ${variants.map((v) => fmt(median(results.get(v)!.map(pick)), digits).padStart(cw)).join('  ')}`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

await main();
