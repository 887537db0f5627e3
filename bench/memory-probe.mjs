// Loaded into `marquee serve` by `npm run bench:memory` (node --import): samples what the
// process's memory is made of every 50 ms and, on exit, writes the sample taken at the highest
// resident size to MARQUEE_MEMORY_PROBE_OUT as JSON. On SIGUSR2 (sent once serve listens, before
// any request) it writes the same breakdown of that moment to `<out>.start.json`, with the heap
// left after a full collection. Never loaded in production.
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const out = process.env.MARQUEE_MEMORY_PROBE_OUT;
const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
const toKb = (bytes) => Math.round(bytes / 1024);

/** Resident kB of glibc's main malloc arena (the brk heap, "[heap]" in smaps); other arenas are anonymous maps like V8's. */
function mainArenaKb() {
  const smaps = readFileSync('/proc/self/smaps', 'utf8');
  const at = smaps.indexOf('[heap]\n');
  return at < 0 ? 0 : kb(smaps.slice(at), 'Rss');
}

function breakdown() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const m = process.memoryUsage();
  const spaces = v8.getHeapSpaceStatistics();
  return {
    rssKb: kb(status, 'VmRSS'),
    anonKb: kb(status, 'RssAnon'),
    fileKb: kb(status, 'RssFile'),
    heapTotalKb: toKb(m.heapTotal),
    heapUsedKb: toKb(m.heapUsed),
    externalKb: toKb(m.external),
    arrayBuffersKb: toKb(m.arrayBuffers),
    spacesKb: Object.fromEntries(spaces.map((s) => [s.space_name, toKb(s.physical_space_size)])),
    spacesUsedKb: Object.fromEntries(spaces.map((s) => [s.space_name, toKb(s.space_used_size)])),
    mainArenaKb: mainArenaKb(),
    privateDirtyKb: kb(readFileSync('/proc/self/smaps_rollup', 'utf8'), 'Private_Dirty'),
    uptimeMs: Math.round(process.uptime() * 1000),
  };
}

const fullGc = () => {
  v8.setFlagsFromString('--expose-gc');
  vm.runInNewContext('gc')();
};

let peak = null;
const sample = () => {
  const rssKb = kb(readFileSync('/proc/self/status', 'utf8'), 'VmRSS');
  if (peak && rssKb <= peak.rssKb) return;
  peak = breakdown();
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
  process.on('SIGUSR2', () => {
    const start = breakdown();
    fullGc();
    start.liveAfterGcKb = toKb(process.memoryUsage().heapUsed);
    writeFileSync(`${out}.start.json`, JSON.stringify(start, null, 1));
  });
  process.on('exit', () => {
    sample();
    peak.gc = gc;
    peak.hwmKb = kb(readFileSync('/proc/self/status', 'utf8'), 'VmHWM');
    // What stays alive: the heap after a full collection.
    fullGc();
    peak.liveAfterGcKb = toKb(process.memoryUsage().heapUsed);
    writeFileSync(out, JSON.stringify(peak, null, 1));
    // Every mapping at the end, for a closer look (malloc arenas, the binary's pages).
    writeFileSync(`${out}.smaps`, readFileSync('/proc/self/smaps', 'utf8'));
  });
}
