// Composition root of the Electron shell: the same core as `marquee serve` (database, sweep,
// HTTPS listener), then one window: kiosk, manager or door. Everything it wires lives in a module
// of its own; this file only decides the order.
import { app, dialog, ipcMain, Menu, protocol, session, type BrowserWindow } from 'electron';
import { startCore, VERSION } from '../core/app';
import { readPoster } from '../core/operations/films';
import { loadConfig, type Config } from '../core/config';
import type { Core } from '../core/core';
import { startListener } from '../core/http/listener';
import { createLogger, type Logger } from '../core/log';
import { setupIpc } from './ipc';
import { isLockedStation, resolveMode } from './mode';
import { shellPaths } from './paths';
import { registerAppScheme, setupAppProtocol } from './protocol';
import { setupContentsSecurity, setupSessionSecurity } from './security';
import { setupGracefulShutdown } from './shutdown';
import { claimSingleInstance } from './single-instance';
import { createMainWindow } from './window';

interface Services {
  core: Core;
  listener: Awaited<ReturnType<typeof startListener>>;
}

const mode = resolveMode(process.argv, process.env);
const paths = shellPaths(import.meta.url);
let mainWindow: BrowserWindow | null = null;
/** Set as soon as start-up begins, so every way out can close what did start. */
let services: Promise<Services> | null = null;

// Privileged schemes can only be registered before 'ready'.
registerAppScheme(protocol);

if (claimSingleInstance(app, () => mainWindow)) {
  main().catch(failStartup);
} else {
  app.quit();
}

async function startServices(config: Config, logger: Logger): Promise<Services> {
  const core = await startCore(config, { logger });
  try {
    const listener = await startListener(core, { logger });
    logger.info({ url: listener.url, fingerprint: listener.fingerprint }, 'listening');
    return { core, listener };
  } catch (err) {
    await core.close();
    throw err;
  }
}

async function stopServices(): Promise<void> {
  let started: Services;
  try {
    if (services === null) return;
    started = await services;
  } catch {
    return; // never started: nothing to stop
  }
  try {
    await started.listener.close();
  } finally {
    await started.core.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  app.on('web-contents-created', (_event, contents) => setupContentsSecurity(contents));
  app.on('window-all-closed', () => app.quit());

  const starting = startServices(config, logger);
  services = starting;
  // Awaited below; this only stops a failure that arrives before 'ready' from counting as unhandled.
  starting.catch(() => undefined);
  // Registered before the core is up, so a quit during start-up still closes what did start.
  setupGracefulShutdown(app, stopServices, logger);

  await app.whenReady();
  setupSessionSecurity(session.defaultSession, mode);
  // Posters come from the database once the core is up (an <img> asking earlier waits for it).
  setupAppProtocol(protocol, paths.rendererRoot, async (filmId) => readPoster((await starting).core, filmId));
  // The default menu carries reload / devtools / zoom accelerators a guest must not reach.
  if (isLockedStation(mode)) Menu.setApplicationMenu(null);

  const { core } = await starting;
  const window = createMainWindow(mode, paths, logger);
  mainWindow = window;
  setupIpc({ ipcMain, core, window, mode, version: VERSION, logger });
  window.once('closed', () => {
    mainWindow = null;
  });
}

function failStartup(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`marquee: could not start: ${message}`);
  // An unattended kiosk must not wait for a click on an error box: it exits and systemd
  // restarts it. Staff at the manager app are told why.
  if (mode === 'manager') dialog.showErrorBox('Marquee could not start', message);
  // exit() skips 'before-quit', so the core (and an embedded database) is stopped here.
  stopServices()
    .catch((stopError: unknown) => console.error('marquee: could not stop cleanly:', stopError))
    .finally(() => app.exit(1));
}
