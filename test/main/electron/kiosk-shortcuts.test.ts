import { describe, expect, it, vi } from 'vitest';
import { isBlockedKioskShortcut, setupKioskShortcuts, type KeyInput } from '../../../main/electron/kiosk-shortcuts';
import { fakeEvent, FakeWebContents } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

/** 'Ctrl+Shift+I' → the Input Electron reports; the key itself may be '+' ('Ctrl++'). */
function key(spec: string, code = ''): KeyInput {
  const [, prefix = '', name = ''] = /^((?:(?:Ctrl|Cmd|Alt|Shift)\+)*)(.+)$/.exec(spec) ?? [];
  const parts = prefix.split('+');
  return {
    key: name,
    code,
    control: parts.includes('Ctrl'),
    meta: parts.includes('Cmd'),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
  };
}

describe('isBlockedKioskShortcut', () => {
  it.each([
    ['reload', ['Ctrl+r', 'Ctrl+R', 'Ctrl+Shift+R', 'F5', 'Ctrl+F5']],
    ['developer tools', ['Ctrl+Shift+I', 'Ctrl+Shift+i', 'Ctrl+Shift+J', 'Ctrl+Shift+C', 'F12', 'Cmd+Shift+I']],
    ['zoom', ['Ctrl++', 'Ctrl+Shift++', 'Ctrl+=', 'Ctrl+-', 'Ctrl+0']],
    ['close and quit', ['Ctrl+w', 'Ctrl+F4', 'Alt+F4', 'Ctrl+q', 'Cmd+q']],
    ['leaving full screen, printing, history', ['F11', 'Ctrl+p', 'Alt+ArrowLeft', 'BrowserBack']],
  ])('blocks %s', (_what, shortcuts) => {
    for (const shortcut of shortcuts) expect(isBlockedKioskShortcut(key(shortcut)), shortcut).toBe(true);
  });

  it('blocks numeric-keypad zoom by its code', () => {
    expect(isBlockedKioskShortcut(key('Ctrl+Add', 'NumpadAdd'))).toBe(true);
    expect(isBlockedKioskShortcut(key('Ctrl+Subtract', 'NumpadSubtract'))).toBe(true);
  });

  it('lets zoom keys through where zoom is allowed (the door), and blocks the rest as before', () => {
    for (const shortcut of ['Ctrl++', 'Ctrl+=', 'Ctrl+-', 'Ctrl+0']) expect(isBlockedKioskShortcut(key(shortcut), { allowZoom: true }), shortcut).toBe(false);
    expect(isBlockedKioskShortcut(key('Ctrl+Add', 'NumpadAdd'), { allowZoom: true })).toBe(false);
    for (const shortcut of ['Ctrl+r', 'F5', 'Ctrl+Shift+I', 'Alt+F4', 'Ctrl+w']) expect(isBlockedKioskShortcut(key(shortcut), { allowZoom: true }), shortcut).toBe(true);
  });

  it('lets typing and form keys through', () => {
    for (const shortcut of ['a', 'R', 'Shift+I', '0', '+', '-', 'Backspace', 'Enter', 'Tab', 'ArrowLeft', 'Ctrl+a', 'Ctrl+c', 'Ctrl+v', 'Ctrl+z', 'Escape']) {
      expect(isBlockedKioskShortcut(key(shortcut)), shortcut).toBe(false);
    }
  });
});

describe('setupKioskShortcuts', () => {
  it('stops blocked keys before the page sees them and lets others through', () => {
    const contents = new FakeWebContents();
    setupKioskShortcuts(contents as never, 'kiosk');
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, { ...key('Ctrl+r'), type: 'keyDown' });
    const letter = fakeEvent();
    contents.emit('before-input-event', letter, { ...key('r'), type: 'keyDown' });
    const zoom = fakeEvent();
    contents.emit('before-input-event', zoom, { ...key('Ctrl++'), type: 'keyDown' });
    expect(reload.defaultPrevented()).toBe(true);
    expect(letter.defaultPrevented()).toBe(false);
    expect(zoom.defaultPrevented()).toBe(true);
  });

  it('on the door, lets zoom keys through', () => {
    const contents = new FakeWebContents();
    setupKioskShortcuts(contents as never, 'door');
    const zoom = fakeEvent();
    contents.emit('before-input-event', zoom, { ...key('Ctrl++'), type: 'keyDown' });
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, { ...key('Ctrl+r'), type: 'keyDown' });
    expect(zoom.defaultPrevented()).toBe(false);
    expect(reload.defaultPrevented()).toBe(true);
  });
});
