// `npm run bench:profile`: where `marquee serve` spends its time per request on the hot paths:
// the roster (/ticket/view/time, full show) and keyed bookings (/ticket/book with an
// Idempotency-Key, as the kiosk sends them) of one seat and of a party of four. Each path gets a
// serve of its own under `node --cpu-prof`, the same 64-connection load as `npm run bench`, and
// a breakdown of the profile's self time by part (package, Node subsystem, Marquee's code, GC),
// in microseconds per request, and by purpose (TLS, routing, auth, validation, mysql2, logging…)
// as shares of the CPU time per request. The .cpuprofile files are kept for a flame graph (open them in
// Chrome DevTools' Performance panel or speedscope): their paths are printed at the end.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type autocannon from 'autocannon';
import { ensureLocalCertificates, localSubjectNames } from '../main/core/tls/certificates';
import { bookingLoad, cannon, cpuMs, fetchJson, fmt, httpManager, readStatusKb, ROOT, startServe, stopChild } from './http-load';
import { freshDatabase, guest, seedBenchSchedule, seedPartyTypes, startBenchServer } from './support';
import { breakdown, type CpuProfile } from './profile-parts';

const CONNECTIONS = 64;
const SECONDS = Number(process.env.MARQUEE_PROFILE_SECONDS ?? 10);
const OUT_DIR = path.join(ROOT, 'bench-results', 'profiles');

async function profilePath(name: string, dbUrl: string, workDir: string, load: (url: string, ca: string) => Promise<autocannon.Options>) {
  const dir = path.join(OUT_DIR, name);
  mkdirSync(dir, { recursive: true });
  const serveDir = path.join(workDir, `serve-${name}`);
  await ensureLocalCertificates(path.join(serveDir, 'tls'), { names: localSubjectNames('127.0.0.1') });
  const before = new Set(readdirSync(dir));
  // MARQUEE_PROFILE_NODE_ARGS adds Node flags to try (e.g. a V8 heap setting) beside the profiler.
  const extra = (process.env.MARQUEE_PROFILE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const serve = await startServe(dbUrl, serveDir, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...extra]);
  let requests = 0;
  let perSecond = 0;
  let cpuPerRequest = 0;
  try {
    const options = await load(`https://localhost:${serve.port}`, serve.caCertPem);
    await cannon({ ...options, duration: 2 });
    const cpuBefore = cpuMs(serve.child.pid!);
    const result = await cannon({ ...options, duration: SECONDS });
    cpuPerRequest = (cpuMs(serve.child.pid!) - cpuBefore) / result.requests;
    // The profile covers the whole process life; the warm-up and set-up are a small share.
    requests = result.requests;
    perSecond = result.perSecond;
    const peakMb = readStatusKb(serve.child.pid!, 'VmHWM') / 1024;
    console.log(`  ${name}: ${fmt(perSecond)} req/s under the profiler, ${JSON.stringify(result.statuses)}, ${fmt(cpuPerRequest, 3)} ms CPU/request, peak RSS ${fmt(peakMb, 1)} MB`);
  } finally {
    await stopChild(serve.child);
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (!file) throw new Error(`no profile written in ${dir} (did serve exit cleanly?)`);
  const b = breakdown(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile);
  return { name, file: path.join(dir, file), requests, perSecond, cpuPerRequest, ...b };
}

function printBreakdown(p: Awaited<ReturnType<typeof profilePath>>, warmupRequests: number) {
  // Set-up and warm-up requests are in the profile too: divide by all requests served.
  const served = p.requests + warmupRequests;
  console.log(`\n${p.name}: busy ${fmt(p.busyUs / served, 0)} µs per request (profile), by part:`);
  for (const [part, us] of p.parts.slice(0, 18)) {
    console.log(`  ${part.padEnd(34)} ${fmt(us / served, 1).padStart(7)} µs  ${fmt((us / p.busyUs) * 100, 1).padStart(5)} %`);
  }
  // The CPU the process was charged (/proc) shared out by the samples' purposes (Breakdown's
  // purposes say why samples, not their times): the table "ms CPU per request by part". Other
  // threads (V8's GC helpers, libuv's pool) are in the CPU and not in the profile: GC's share
  // is of the main thread's samples.
  const samples = p.purposes.reduce((n, [, count]) => n + count, 0);
  console.log(`  by purpose: share of the samples, and of the ${fmt(p.cpuPerRequest, 3)} ms CPU per request`);
  for (const [purpose, count] of p.purposes) {
    const share = count / samples;
    console.log(`  ${purpose.padEnd(42)} ${fmt(share * 100, 1).padStart(5)} %  ${fmt(share * p.cpuPerRequest, 3).padStart(6)} ms`);
  }
  console.log(`  top functions (self time):`);
  for (const [fn, us] of p.functions.slice(0, 15)) console.log(`    ${fmt(us / served, 1).padStart(6)} µs  ${fn}`);
}

async function main() {
  console.log(`Marquee profile: ${CONNECTIONS} connections, ${SECONDS} s per path, starting a private database server…`);
  const server = await startBenchServer();
  try {
    const http = await freshDatabase(server, 'marquee_profile');
    const { kiosk, manager, shows } = await seedBenchSchedule(http.target, 'profile');
    const rosterShow = shows[0]!;
    let rosterReady = false;
    const roster = await profilePath('roster', http.url, server.workDir, async (url, ca) => {
      if (!rosterReady) {
        const full = await fetchJson(url, ca, '/show/create', manager, { showTime: rosterShow.replace(/:00\.000Z$/, ':30.000Z'), title: 'Full house', capacity: 20 });
        for (let i = 0; i < 20; i++) await fetchJson(url, ca, '/ticket/book', kiosk, { ...guest(i + 1), showTime: full.showTime });
        rosterReady = true;
      }
      return {
        url: `${url}/ticket/view/time`,
        connections: CONNECTIONS,
        tlsOptions: { ca },
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
        body: JSON.stringify({ showTime: rosterShow.replace(/:00\.000Z$/, ':30.000Z') }),
      };
    });
    const booking = await profilePath('booking', http.url, server.workDir, async (url, ca) =>
      bookingLoad({ url, connections: CONNECTIONS, tlsOptions: { ca } }, kiosk, shows, 5_000_000));
    const party = await profilePath('party', http.url, server.workDir, async (url, ca) =>
      bookingLoad({ url, connections: CONNECTIONS, tlsOptions: { ca } }, kiosk, shows, 6_000_000, { party: await seedPartyTypes(httpManager(url, ca, manager)) }));
    const paths = [roster, booking, party];
    for (const p of paths) printBreakdown(p, Math.round(p.perSecond * 2));
    console.log(`\nProfiles (flame graphs: Chrome DevTools → Performance → Load profile, or speedscope):\n  ${paths.map((p) => p.file).join('\n  ')}`);
  } finally {
    await server.stop();
  }
}

await main();
