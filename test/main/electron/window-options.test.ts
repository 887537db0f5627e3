import { describe, expect, it, vi } from 'vitest';
import { actorFor, resolveMode } from '../../../main/electron/mode';
import { shellPaths } from '../../../main/electron/paths';
import { getMainWindowOptions, MANAGER_WINDOW_SIZE, rendererUrl } from '../../../main/electron/window-options';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

const PRELOAD = '/opt/Marquee/resources/app.asar/dist/preload/preload.cjs';

describe('getMainWindowOptions', () => {
  it.each(['kiosk', 'manager', 'door'] as const)('locks down the renderer in %s mode', (mode) => {
    const { webPreferences } = getMainWindowOptions(mode, PRELOAD);
    expect(webPreferences).toMatchObject({
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it.each(['kiosk', 'door'] as const)('makes the %s a full-screen kiosk window', (mode) => {
    const options = getMainWindowOptions(mode, PRELOAD);
    expect(options.kiosk).toBe(true);
    expect(options.show).toBe(false);
  });

  it('makes the manager a normal resizable window with a minimum size', () => {
    const options = getMainWindowOptions('manager', PRELOAD);
    expect(options.kiosk).toBeUndefined();
    expect(options).toMatchObject({ ...MANAGER_WINDOW_SIZE, width: 1280, height: 800, resizable: true });
  });
});

describe('rendererUrl', () => {
  it('serves each app from app://marquee under the same path as the LAN listener', () => {
    expect(rendererUrl('kiosk')).toBe('app://marquee/kiosk/');
    expect(rendererUrl('manager')).toBe('app://marquee/manager/');
    expect(rendererUrl('door')).toBe('app://marquee/door/');
  });
});

describe('resolveMode and actorFor', () => {
  it('defaults to the kiosk', () => {
    expect(resolveMode(['electron', '.'], {})).toBe('kiosk');
    expect(resolveMode([], { MARQUEE_MODE: 'managr' })).toBe('kiosk');
  });

  it('honours --manager and MARQUEE_MODE=manager, with the command line first', () => {
    expect(resolveMode(['electron', '.', '--manager'], {})).toBe('manager');
    expect(resolveMode([], { MARQUEE_MODE: ' Manager ' })).toBe('manager');
    expect(resolveMode(['--kiosk'], { MARQUEE_MODE: 'manager' })).toBe('kiosk');
  });

  it('honours --door and MARQUEE_MODE=door', () => {
    expect(resolveMode(['electron', '.', '--door'], {})).toBe('door');
    expect(resolveMode([], { MARQUEE_MODE: 'DOOR' })).toBe('door');
    expect(resolveMode(['--door'], { MARQUEE_MODE: 'manager' })).toBe('door');
  });

  it('runs kiosk calls as the kiosk role and manager calls as the manager role', () => {
    expect(actorFor('kiosk')).toEqual({ role: 'kiosk', label: 'kiosk-app' });
    expect(actorFor('manager')).toEqual({ role: 'manager', label: 'manager-app' });
    expect(actorFor('door')).toEqual({ role: 'door', label: 'door-app' });
  });
});

describe('shellPaths', () => {
  it('finds the preload and the renderer beside the built main bundle', () => {
    expect(shellPaths('file:///opt/app/dist/main/electron.js')).toEqual({
      preload: '/opt/app/dist/preload/preload.cjs',
      rendererRoot: '/opt/app/dist/renderer',
    });
  });
});
