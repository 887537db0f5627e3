// `npm start`: the Electron app where the Electron binary is installed, otherwise `marquee
// serve` with the kiosk in a browser. Never loads the electron package from Node: its index
// downloads the binary when missing, which fails (slowly) on machines without access.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVE_ENV, SERVE_NODE_ARGS } from '../bin/serve-node-args.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * The Electron executable, found the way node_modules/electron/index.js finds it (path.txt
 * names it inside dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/), or null.
 */
export function findElectronBinary(root = ROOT, env = process.env) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const binary = path.join(distDir, relative || 'electron');
  return existsSync(binary) ? binary : null;
}

/** Where `serve` will answer, for the hint; serve itself prints the real address. */
export function kioskUrl(env = process.env) {
  const configuredHost = env.MARQUEE_HTTP_HOST?.trim();
  const host = !configuredHost || configuredHost === '0.0.0.0' || configuredHost === '::' ? 'localhost' : configuredHost;
  const port = env.MARQUEE_HTTP_PORT?.trim() || '8443';
  const scheme = env.MARQUEE_HTTP_PLAIN === '1' || env.MARQUEE_HTTP_PLAIN === 'true' ? 'http' : 'https';
  return `${scheme}://${host}:${port}/kiosk/`;
}

export function fallbackMessage(env = process.env) {
  return [
    'Marquee: the Electron binary is not installed here (node_modules/electron has no downloaded',
    'dist/ folder, usually because this machine cannot reach Electron\'s download servers), so the',
    'desktop kiosk window cannot open. Starting the same box office headless instead with',
    '`marquee serve`: database, expiry sweep and the HTTPS API, with the kiosk UI for a browser at',
    `${kioskUrl(env)} (the manager app at /manager/, the door at /door/; accept the self-signed certificate whose`,
    'fingerprint serve prints). To run the real app, use a machine that can download Electron',
    '(`npm install` fetches the binary), or build the packages there with `npm run dist` and install',
    'the .deb or AppImage.',
  ].join('\n');
}

/** Signals that stop the child cleanly; a closed terminal (SIGHUP) stops it like SIGTERM. */
const FORWARDED_SIGNALS = { SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM' };

/** Runs `command`, passing stop signals on to it and its exit code or signal back out. */
function runForwarding(command, args, options) {
  // Its own process group: Ctrl-C in a terminal reaches only this script, which passes it on
  // once. Otherwise the child would get it twice, and serve takes a second SIGINT as "exit now".
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...options });
  const forwarders = Object.entries(FORWARDED_SIGNALS).map(([received, sent]) => {
    const forward = () => child.kill(sent);
    process.on(received, forward);
    return [received, forward];
  });
  child.on('error', (err) => {
    console.error(`marquee: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const [received, forward] of forwarders) process.off(received, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

/** The Electron shell's window choices (main/electron/mode.ts); meaningless to `serve`. */
const WINDOW_FLAGS = new Set(['--kiosk', '--manager', '--door']);

function main(args) {
  const electron = findElectronBinary();
  if (electron) {
    // ELECTRON_RUN_AS_NODE left over in a shell would make the binary a plain Node.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    runForwarding(electron, ['.', ...args], { cwd: ROOT, env });
    return;
  }
  console.log(`${fallbackMessage()}\n`);
  // --manager / --door / --kiosk choose a window; the headless server serves every app anyway.
  const serveArgs = args.filter((arg) => !WINDOW_FLAGS.has(arg));
  runForwarding(process.execPath, [...SERVE_NODE_ARGS, path.join(ROOT, 'bin', 'marquee.js'), 'serve', ...serveArgs], {
    cwd: ROOT,
    env: { ...process.env, ...SERVE_ENV },
  });
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv.slice(2));
}
