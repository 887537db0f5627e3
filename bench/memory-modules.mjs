// `node --expose-gc bench/memory-modules.mjs` (npm run bench:memory prints it first): what each
// package the built CLI imports costs when loaded, in the order the bundle (dist/main/cli.js)
// imports them, each on top of the ones before it, in a fresh process with serve's Node flags.
// Resident memory and V8 heap (used after a full collection, and committed) are read before and
// after each import; a package's figure includes what it pulls in that no earlier one had.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = readFileSync(fileURLToPath(new URL('../dist/main/cli.js', import.meta.url)), 'utf8');
// External packages only (esbuild keeps them as import statements); node: built-ins are Node's own.
const packages = [...new Set([...bundle.matchAll(/^import .* from "([^".][^"]*)";$|import\("([^".][^"]*)"\)/gm)].map((m) => m[1] ?? m[2]))]
  .filter((name) => !name.startsWith('node:'));

const rssKb = () => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
function measure() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: rssKb() / 1024, used: m.heapUsed / 2 ** 20, committed: m.heapTotal / 2 ** 20 };
}

const mb = (n) => n.toFixed(1).padStart(7);
const rows = [];
let before = measure();
const bare = before;
for (const name of packages) {
  // A package the CLI loads only on demand (a dynamic import) is not loaded at serve's start.
  if (bundle.includes(`import("${name}")`)) {
    rows.push(`${name.padEnd(28)} loaded on demand only, not measured`);
    continue;
  }
  try {
    await import(name);
  } catch (err) {
    rows.push(`${name.padEnd(28)} could not be loaded alone: ${err.message.split('\n')[0]}`);
    continue;
  }
  const after = measure();
  rows.push(`${name.padEnd(28)} ${mb(after.rss - before.rss)} ${mb(after.used - before.used)} ${mb(after.committed - before.committed)}`);
  before = after;
}
console.log(`Packages the built CLI imports, each loaded on top of those above it (MB; Node alone: ${bare.rss.toFixed(1)} MB resident, ${bare.used.toFixed(1)} MB heap):`);
console.log(`${''.padEnd(28)} ${'RSS'.padStart(7)} ${'heap'.padStart(7)} ${'commit'.padStart(7)}`);
for (const row of rows) console.log(row);
console.log(`${'all of them'.padEnd(28)} ${mb(before.rss - bare.rss)} ${mb(before.used - bare.used)} ${mb(before.committed - bare.committed)}`);
