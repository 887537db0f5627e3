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
  function handlers(mode: 'kiosk' | 'manager' | 'door') {
    const session = createFakeSession();
    setupSessionSecurity(session as never, mode);
    const [request] = session.setPermissionRequestHandler.mock.calls[0]!;
    const [check] = session.setPermissionCheckHandler.mock.calls[0]!;
    const ask = (permission: string, details: object) => {
      const callback = vi.fn();
      request(null, permission, callback, details);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]![0] as boolean;
    };
    return { ask, check };
  }
  const DOOR_PAGE = { requestingUrl: 'app://marquee/door/', isMainFrame: true };

  it.each(['kiosk', 'manager'] as const)('%s: denies every permission request and check, whoever asks', (mode) => {
    const { ask, check } = handlers(mode);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'hid', 'openExternal']) {
      expect(ask(permission, { requestingUrl: `app://marquee/${mode}/`, isMainFrame: true, mediaTypes: ['video'] }), permission).toBe(false);
      expect(check(null, permission, 'app://marquee', { isMainFrame: true, mediaType: 'video' }), permission).toBe(false);
    }
  });

  it("door: grants the camera to our page's main frame, and nothing else", () => {
    const { ask, check } = handlers('door');
    expect(ask('media', { ...DOOR_PAGE, mediaTypes: ['video'] })).toBe(true);
    expect(check(null, 'media', 'app://marquee', { ...DOOR_PAGE, mediaType: 'video' })).toBe(true);

    expect(ask('media', { ...DOOR_PAGE, mediaTypes: ['video', 'audio'] }), 'microphone').toBe(false);
    expect(ask('media', { ...DOOR_PAGE, mediaTypes: ['audio'] }), 'microphone').toBe(false);
    expect(ask('media', { ...DOOR_PAGE, mediaTypes: [] }), 'unspecified media').toBe(false);
    expect(ask('media', { ...DOOR_PAGE }), 'no media types').toBe(false);
    expect(ask('media', { ...DOOR_PAGE, isMainFrame: false, mediaTypes: ['video'] }), 'subframe').toBe(false);
    expect(ask('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] }), 'foreign page').toBe(false);
    expect(check(null, 'media', 'app://marquee', { ...DOOR_PAGE, mediaType: 'audio' }), 'microphone check').toBe(false);
    expect(check(null, 'media', 'https://evil.example', { isMainFrame: true, mediaType: 'video' }), 'foreign check').toBe(false);
    for (const permission of ['display-capture', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'openExternal']) {
      expect(ask(permission, { ...DOOR_PAGE, mediaTypes: ['video'] }), permission).toBe(false);
      expect(check(null, permission, 'app://marquee', { ...DOOR_PAGE, mediaType: 'video' }), permission).toBe(false);
    }
  });

  it('cancels downloads', () => {
    const session = createFakeSession();
    setupSessionSecurity(session as never, 'door');
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
