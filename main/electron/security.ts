// The renderer may only show our own pages: no navigation away, no new windows, no
// <webview>, no permissions, no downloads (docs/ARCHITECTURE.md, "Runtimes and what may import what").
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { CONTENT_SECURITY_POLICY } from '../common/content-security-policy';

export { CONTENT_SECURITY_POLICY };

/** Sent with every app:// response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on'>;

export function setupSessionSecurity(session: SessionLike): void {
  // A box office needs no camera, location, notifications, clipboard reads or USB devices.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Applied to every webContents the app creates ('web-contents-created'), not just ours. */
export function setupContentsSecurity(contents: ContentsLike): void {
  // In-app navigation (hash routes never fire this; a full reload of our page may) stays
  // allowed; anything else would put a foreign page next to the bridge.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
