// The main window's options, as a pure function so the security settings can be asserted
// without a display (electron/fiddle's getMainWindowOptions).
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-origin';
import { isLockedStation, type ShellMode } from './mode';

export const MANAGER_WINDOW_SIZE = { width: 1280, height: 800, minWidth: 1024, minHeight: 640 } as const;

export function getWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The renderer is a web page and gets nothing a web page would not: no Node, an isolated
    // world for the preload, the OS sandbox around the process.
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // A guest's name is not a typo; and middle-click must not open anything.
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  };
}

export function getMainWindowOptions(mode: ShellMode, preloadPath: string): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: 'Marquee',
    // Shown on 'ready-to-show', so a touchscreen never flashes an empty white frame.
    show: false,
    backgroundColor: '#111111',
    autoHideMenuBar: true,
    webPreferences: getWebPreferences(preloadPath),
  };
  if (isLockedStation(mode)) return { ...common, kiosk: true };
  return { ...common, ...MANAGER_WINDOW_SIZE, resizable: true };
}

/**
 * The page each mode opens. The paths mirror the LAN listener's /kiosk/, /manager/ and /door/, so the
 * renderer tells the apps apart the same way in a browser and in Electron.
 */
export function rendererUrl(mode: ShellMode): string {
  return `${APP_ORIGIN}/${mode}/`;
}
