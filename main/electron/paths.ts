// Where the shell finds its sibling bundles. scripts/build.mjs writes dist/main/electron.js,
// dist/preload/preload.cjs and dist/renderer/; the same layout sits inside app.asar.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShellPaths {
  preload: string;
  rendererRoot: string;
}

export function shellPaths(mainModuleUrl: string): ShellPaths {
  const distDir = path.dirname(path.dirname(fileURLToPath(mainModuleUrl)));
  return {
    preload: path.join(distDir, 'preload', 'preload.cjs'),
    rendererRoot: path.join(distDir, 'renderer'),
  };
}
