import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, setupContentsSecurity, setupSessionSecurity } from '../../../main/electron/security';
import { createFakeSession, fakeEvent, FakeWebContents } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

function securedContents() {
  const contents = new FakeWebContents();
  setupContentsSecurity(contents as never);
  return contents;
}

describe('setupContentsSecurity', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: refuses every origin but ours', (eventName) => {
    const contents = securedContents();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://localhost:8443/kiosk/', 'app://evil/', 'javascript:alert(1)']) {
      const event = fakeEvent({ url });
      contents.emit(eventName, event, url);
      expect(event.defaultPrevented(), url).toBe(true);
    }
  });

  it('lets our own pages load', () => {
    const contents = securedContents();
    const event = fakeEvent({ url: 'app://marquee/kiosk/' });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented()).toBe(false);
  });

  it('denies every new window', () => {
    const contents = securedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://marquee/kiosk/' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = securedContents();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented()).toBe(true);
  });
});

describe('setupSessionSecurity', () => {
  it('denies every permission request and check, whoever asks', () => {
    const session = createFakeSession();
    setupSessionSecurity(session as never);
    const [requestHandler] = session.setPermissionRequestHandler.mock.calls[0]!;
    const [checkHandler] = session.setPermissionCheckHandler.mock.calls[0]!;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'hid', 'openExternal']) {
      const callback = vi.fn();
      requestHandler(null, permission, callback, { requestingUrl: 'app://marquee/kiosk/' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler(null, permission, 'app://marquee', {})).toBe(false);
    }
  });

  it('cancels downloads', () => {
    const session = createFakeSession();
    setupSessionSecurity(session as never);
    const event = fakeEvent();
    session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented()).toBe(true);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy of the design notes', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
});
