#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=32768 node --max-semi-space-size=8 --heap-growing-percent=30
// The settings on the line above: see bin/serve-node-args.mjs (kept equal by test/main/core/commands/cli.test.ts).
// The `marquee` command (`npx marquee …` in a checkout): runs the built CLI. In a fresh clone
// nothing is built yet, so it builds first (what `npm run build` does) instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
const build = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
if (!existsSync(cli)) {
  if (!existsSync(build)) {
    console.error('marquee: this installation has no built CLI (dist/main/cli.js). Reinstall the package.');
    process.exit(1);
  }
  console.error('marquee: building first (npm run build), once…');
  const built = spawnSync(process.execPath, [build, '--quiet'], { stdio: 'inherit' });
  if (built.status !== 0 || !existsSync(cli)) {
    console.error('marquee: the build failed (see above). Run `npm ci`, then `npm run build`, and try again.');
    process.exit(1);
  }
}
await import(cli);
