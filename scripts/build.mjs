// Builds every runtime in one go: the Node core + CLI, the Electron main process, the
// sandboxed preload (one CommonJS file) and the renderer (Vite).
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = (p) => path.join(root, p);
const quiet = process.argv.includes('--quiet');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
  charset: 'ascii',
};

/**
 * V8 keeps the text of every script it runs (functions are compiled when first called), and one
 * character beyond Latin-1 makes it keep all of it at two bytes a character: 440 KB more heap
 * for the CLI bundle, all of serve's life. esbuild escapes non-ASCII in code (charset: 'ascii') but
 * copies the few comments it keeps as they are; there an escape changes nothing (the source map
 * still leads to the sources as written).
 */
function keepAscii(file) {
  const text = readFileSync(file, 'utf8');
  if (/[\u0080-\uffff]/.test(text)) writeFileSync(file, text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

await build({ ...node, entryPoints: { cli: at('main/core/cli.ts') }, outdir: at('dist/main') });
keepAscii(at('dist/main/cli.js'));
if (existsSync(at('main/electron/index.ts'))) {
  await build({ ...node, entryPoints: { electron: at('main/electron/index.ts') }, outdir: at('dist/main') });
  keepAscii(at('dist/main/electron.js'));
}
if (existsSync(at('preload/index.ts'))) {
  // Runs under sandbox: true, where only a CommonJS file with `require('electron')` works.
  await build({
    ...node,
    packages: undefined,
    external: ['electron'],
    format: 'cjs',
    entryPoints: { preload: at('preload/index.ts') },
    outExtension: { '.js': '.cjs' },
    outdir: at('dist/preload'),
  });
}
if (existsSync(at('renderer/index.html'))) {
  const { build: viteBuild } = await import('vite');
  // The module-runner loader reads the config as Vite reads app code (extensionless TypeScript
  // imports included), so no loader-compatibility warning is printed on every build and start.
  await viteBuild({ configFile: at('renderer/vite.config.ts'), configLoader: 'runner', logLevel: quiet ? 'warn' : 'info' });
}
