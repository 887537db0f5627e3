// `npm run bench:kiosk [loads]`: phase (e) of `npm run bench` alone — the kiosk's first screen in
// Chromium, cold, over a theatre's 84 shows of 7 films with posters — with where the time goes:
// each step's median over the loads, the requests made before the first card and their chain.
// MARQUEE_BENCH_DB_URL=mysql://root@127.0.0.1:3306 uses a server already running;
// MARQUEE_KIOSK_TRACE=file.json keeps a Chromium trace of the first load and sums its main thread.
import { readFileSync } from 'node:fs';
import { COLD_LOADS, describeLoads, describeTrace, measureKioskOnSchedule } from './kiosk-budget';
import { fmt } from './http-load';
import { startBenchServer } from './support';

const loads = Number(process.argv[2] ?? COLD_LOADS);
if (!Number.isInteger(loads) || loads < 1) throw new Error(`usage: npm run bench:kiosk [cold loads, default ${COLD_LOADS}]; not ${process.argv[2]}`);

const trace = process.env.MARQUEE_KIOSK_TRACE || undefined;
const server = await startBenchServer();
try {
  const budget = await measureKioskOnSchedule(server, loads, trace);
  console.log(`Kiosk first screen, ${budget.shows} shows: ${loads} cold loads (a new Chromium each), median\n`);
  console.log(describeLoads(budget.cold));
  if (trace) console.log(`\n${describeTrace(trace, budget.cold[0]!.cardInDom)}`);
  console.log(`\ncold ${fmt(budget.coldMs)} ms (median), warm ${fmt(budget.warmMs)} ms; initial JS ${fmt(budget.initialJsGzipBytes / 1024, 1)} KB gzipped`);
  console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  await server.stop();
}
