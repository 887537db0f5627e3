// The one window: built from the pure options, hardened per mode, pointed at app://.
import { BrowserWindow, powerSaveBlocker } from 'electron';
import type { Logger } from '../core/log';
import { setupCrashRecovery } from './crash-recovery';
import { setupKioskShortcuts } from './kiosk-shortcuts';
import { isLockedStation, type ShellMode } from './mode';
import type { ShellPaths } from './paths';
import { keepDisplayAwake, setupPinchZoom } from './touch-display';
import { getMainWindowOptions, rendererUrl } from './window-options';

export function createMainWindow(mode: ShellMode, paths: ShellPaths, logger: Logger): BrowserWindow {
  const window = new BrowserWindow(getMainWindowOptions(mode, paths.preload));
  window.once('ready-to-show', () => window.show());
  setupCrashRecovery(window, logger);
  setupPinchZoom(window, mode);
  if (isLockedStation(mode)) {
    setupKioskShortcuts(window.webContents, mode);
    keepDisplayAwake(window, powerSaveBlocker);
  }
  window.loadURL(rendererUrl(mode)).catch((err: unknown) => {
    // Usually a missing renderer build; the window stays up and crash recovery is not involved.
    logger.error({ err, url: rendererUrl(mode) }, 'the window could not load the renderer (is dist/renderer built?)');
  });
  return window;
}
