// The kiosk's screen: no pinch-zoom (a stray two-finger touch must not magnify the UI) and
// never blanking while the app runs.
import type { BrowserWindow, PowerSaveBlocker } from 'electron';

type WindowLike = Pick<BrowserWindow, 'once'> & { webContents: Pick<BrowserWindow['webContents'], 'on' | 'setVisualZoomLevelLimits'> };

export function setupTouchDisplay(window: WindowLike, powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>): void {
  // Limits reset with each page load, so they are set again after every one.
  window.webContents.on('did-finish-load', () => {
    void window.webContents.setVisualZoomLevelLimits(1, 1);
  });
  const blockerId = powerSaveBlocker.start('prevent-display-sleep');
  window.once('closed', () => powerSaveBlocker.stop(blockerId));
}
