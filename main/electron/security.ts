// The renderer may only show our own pages: no navigation away, no new windows, no
// <webview>, no permissions but the door's camera, no downloads (docs/ARCHITECTURE.md,
// "Runtimes and what may import what").
import type { MediaAccessPermissionRequest, PermissionCheckHandlerHandlerDetails, Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import type { ShellMode } from './mode';
import { CONTENT_SECURITY_POLICY } from '../common/content-security-policy';

export { CONTENT_SECURITY_POLICY };

/** Sent with every app:// response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on'>;

/**
 * The one permission Marquee ever grants: the door's camera (video only, never the microphone),
 * to our own page's main frame. Kiosk and manager need no camera, location, notifications,
 * clipboard reads or USB devices, so everything is refused there.
 */
function mayUseCamera(mode: ShellMode, permission: string, url: string | undefined, isMainFrame: boolean, mediaTypes: readonly string[]): boolean {
  return (
    mode === 'door' &&
    permission === 'media' &&
    isMainFrame &&
    url !== undefined &&
    isAppUrl(url) &&
    mediaTypes.length > 0 &&
    mediaTypes.every((type) => type === 'video')
  );
}

export function setupSessionSecurity(session: SessionLike, mode: ShellMode): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as Partial<MediaAccessPermissionRequest>;
    callback(mayUseCamera(mode, permission, details.requestingUrl, details.isMainFrame, media.mediaTypes ?? []));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details: PermissionCheckHandlerHandlerDetails) =>
    mayUseCamera(mode, permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame, details.mediaType ? [details.mediaType] : []),
  );
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
