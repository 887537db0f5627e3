// Loaded into `marquee serve` by `npm run bench:memory` (node --import): samples what the
// process's memory is made of every 50 ms and, on exit, writes the sample taken at the highest
// resident size to MARQUEE_MEMORY_PROBE_OUT as JSON. Never loaded in production.
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const out = process.env.MARQUEE_MEMORY_PROBE_OUT;
const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
let peak = null;
const sample = () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const rssKb = kb(status, 'VmRSS');
  if (peak && rssKb <= peak.rssKb) return;
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.physical_space_size / 1024)]));
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  peak = {
    rssKb,
    anonKb: kb(status, 'RssAnon'),
    fileKb: kb(status, 'RssFile'),
    heapTotalKb: Math.round(m.heapTotal / 1024),
    heapUsedKb: Math.round(m.heapUsed / 1024),
    externalKb: Math.round(m.external / 1024),
    arrayBuffersKb: Math.round(m.arrayBuffers / 1024),
    spacesKb: spaces,
    privateDirtyKb: kb(rollup, 'Private_Dirty'),
    uptimeMs: Math.round(process.uptime() * 1000),
  };
};
// Collections over the whole life: count and pause time, young (scavenge) and full (mark-compact).
const gc = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
if (out) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : null;
      if (!kind) continue;
      gc[kind] += 1;
      gc[`${kind}Ms`] += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(sample, 50).unref();
  process.on('exit', () => {
    sample();
    peak.gc = gc;
    peak.hwmKb = kb(readFileSync('/proc/self/status', 'utf8'), 'VmHWM');
    // What stays alive: the heap after a full collection.
    v8.setFlagsFromString('--expose-gc');
    vm.runInNewContext('gc')();
    peak.liveAfterGcKb = Math.round(process.memoryUsage().heapUsed / 1024);
    writeFileSync(out, JSON.stringify(peak, null, 1));
    // Every mapping at the end, for a closer look (malloc arenas, the binary's pages).
    writeFileSync(`${out}.smaps`, readFileSync('/proc/self/smaps', 'utf8'));
  });
}
