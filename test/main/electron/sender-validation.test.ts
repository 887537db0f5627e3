import { describe, expect, it, vi } from 'vitest';
import { isAppUrl, originOf } from '../../../main/electron/app-origin';
import { isTrustedSender } from '../../../main/electron/sender-validation';
import { FakeFrame, FakeWebContents } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

function eventFrom(sender: FakeWebContents, frame: FakeFrame | null) {
  return { sender: sender.asElectron, senderFrame: frame as never };
}

describe('isTrustedSender', () => {
  const ours = new FakeWebContents();

  it("accepts our window's main frame on app://marquee", () => {
    expect(isTrustedSender(eventFrom(ours, ours.mainFrame), ours.asElectron)).toBe(true);
  });

  it('refuses a subframe of our window, even one on our origin', () => {
    const subframe = new FakeFrame('app://marquee/kiosk/');
    subframe.parent = ours.mainFrame;
    expect(isTrustedSender(eventFrom(ours, subframe), ours.asElectron)).toBe(false);
  });

  it('refuses another webContents', () => {
    const other = new FakeWebContents();
    expect(isTrustedSender(eventFrom(other, other.mainFrame), ours.asElectron)).toBe(false);
  });

  it.each(['file:///opt/Marquee/resources/app.asar/dist/renderer/index.html', 'https://evil.example/', 'app://evil/', 'app://marquee.evil/', 'about:blank', 'data:text/html,hi', ''])(
    'refuses our main frame showing %s',
    (url) => {
      const contents = new FakeWebContents();
      contents.mainFrame.url = url;
      expect(isTrustedSender(eventFrom(contents, contents.mainFrame), contents.asElectron)).toBe(false);
    },
  );

  it('refuses a sender whose frame is already gone', () => {
    expect(isTrustedSender(eventFrom(ours, null), ours.asElectron)).toBe(false);
  });
});

describe('originOf', () => {
  it('spells out the origin of our custom scheme, which Node leaves as "null"', () => {
    expect(originOf('app://marquee/manager/#/tickets')).toBe('app://marquee');
    expect(originOf('https://evil.example:8443/x')).toBe('https://evil.example:8443');
    expect(originOf('not a url')).toBeNull();
    expect(isAppUrl('app://marquee:1234/')).toBe(false);
  });
});
