#!/usr/bin/env node
// The `marquee` command: runs the built CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Marquee is not built yet. Run `npm run build` first (npm start and npm run serve do it for you).');
  process.exit(1);
}
await import(cli);
