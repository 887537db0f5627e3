// The station's screen: how far a page may be pinch-zoomed, and never blanking while a locked
// station runs. The kiosk keeps pinch-zoom off (a stray two-finger touch on a lobby screen must
// not magnify the UI; its "Aa" button enlarges the text instead); the door's phone or tablet and
// the manager's window may be zoomed like any page (WCAG 1.4.4), which Electron does not allow
// unless asked.
import type { BrowserWindow, PowerSaveBlocker } from 'electron';
import type { ShellMode } from './mode';

type WindowLike = Pick<BrowserWindow, 'once'> & { webContents: Pick<BrowserWindow['webContents'], 'on' | 'setVisualZoomLevelLimits'> };

/** Pinch-zoom reaches 400 % where it is allowed: the zoom WCAG's reflow criterion asks a page to survive. */
export const PINCH_ZOOM_MAX = 4;

export function pinchZoomLimits(mode: ShellMode): [minimum: number, maximum: number] {
  return mode === 'kiosk' ? [1, 1] : [1, PINCH_ZOOM_MAX];
}

export function setupPinchZoom(window: Pick<WindowLike, 'webContents'>, mode: ShellMode): void {
  const [minimum, maximum] = pinchZoomLimits(mode);
  // Limits reset with each page load, so they are set again after every one.
  window.webContents.on('did-finish-load', () => {
    void window.webContents.setVisualZoomLevelLimits(minimum, maximum);
  });
}

export function keepDisplayAwake(window: Pick<WindowLike, 'once'>, powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>): void {
  const blockerId = powerSaveBlocker.start('prevent-display-sleep');
  window.once('closed', () => powerSaveBlocker.stop(blockerId));
}
