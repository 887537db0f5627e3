// Builds every runtime in one go: the Node core + CLI, the Electron main process, the
// sandboxed preload (one CommonJS file) and the renderer (Vite).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
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
};

await build({ ...node, entryPoints: { cli: at('main/core/cli.ts') }, outdir: at('dist/main') });
if (existsSync(at('main/electron/index.ts'))) {
  await build({ ...node, entryPoints: { electron: at('main/electron/index.ts') }, outdir: at('dist/main') });
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
