// One Marquee per machine: a second launch (an autostart racing a double-click) would start a
// second core on the same data directory and port. It focuses the running window instead.
import type { App, BrowserWindow } from 'electron';

type WindowLike = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** False when another instance holds the lock: the caller should quit at once. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, currentWindow: () => WindowLike | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = currentWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
