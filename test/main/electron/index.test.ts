// The composition root, wired against fakes: electron, the core and the listener. Checks the
// order that matters (scheme before ready, core before window, core closed on quit).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { BRIDGE_CHANNELS } from '../../../main/common/bridge';
import { OPERATION_NAMES, ipcChannel } from '../../../main/common/operations';
import { FakeBrowserWindow, fakeEvent, type ElectronMock } from './electron-mock';
import { createFakeCore } from './fake-core';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

const services = vi.hoisted(() => ({
  startCore: vi.fn(),
  startListener: vi.fn(),
}));
vi.mock('../../../main/core/app', () => ({ startCore: services.startCore, VERSION: '0.0.0-test' }));
vi.mock('../../../main/core/http/listener', () => ({ startListener: services.startListener }));
vi.mock('../../../main/core/log', () => ({ createLogger: () => ({ info() {}, warn() {}, error() {} }) }));

const mock = electron as unknown as ElectronMock;
const argv = [...process.argv];
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

let fake: ReturnType<typeof createFakeCore>;
let listener: { url: string; port: number; fingerprint: string; caCertPem: string; close: ReturnType<typeof vi.fn> };
let order: string[];

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  FakeBrowserWindow.instances = [];
  mock.app.removeAllListeners();
  mock.session.defaultSession.removeAllListeners();
  mock.ipcMain.handlers.clear();
  mock.app.singleInstanceLock = true;
  order = [];
  fake = createFakeCore();
  fake.core.close.mockImplementation(async () => void order.push('core.close'));
  listener = {
    url: 'https://0.0.0.0:8443',
    port: 8443,
    fingerprint: 'AA:BB',
    caCertPem: '',
    close: vi.fn(async () => void order.push('listener.close')),
  };
  services.startCore.mockImplementation(async () => {
    order.push('startCore');
    return fake.asCore;
  });
  services.startListener.mockImplementation(async () => {
    order.push('startListener');
    return listener;
  });
  mock.app.whenReady.mockImplementation(async () => void order.push('ready'));
  mock.protocol.registerSchemesAsPrivileged.mockImplementation(() => void order.push('registerScheme'));
});

afterEach(() => {
  process.argv = [...argv];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const added of process.listeners(signal)) {
      if (!signalListeners[signal].includes(added)) process.removeListener(signal, added);
    }
  }
});

async function launch(...args: string[]): Promise<FakeBrowserWindow> {
  process.argv = [...argv, ...args];
  await import('../../../main/electron/index');
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  expect(mock.app.exit, 'start-up failed').not.toHaveBeenCalled();
  return FakeBrowserWindow.instances[0]!;
}

describe('the Electron main process', () => {
  it('registers the scheme before ready and starts the core and listener before the window', async () => {
    const window = await launch();
    expect(order.slice(0, 2)).toEqual(['registerScheme', 'startCore']);
    expect(order).toContain('ready');
    expect(order).toContain('startListener');
    expect(services.startListener).toHaveBeenCalledWith(fake.asCore, expect.objectContaining({ logger: expect.anything() }));
    expect(window.loadURL).toHaveBeenCalledWith('app://marquee/kiosk/');
  });

  it('opens a hardened kiosk window by default', async () => {
    const window = await launch();
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]preload\.cjs$/);
    expect(mock.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(mock.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(mock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(mock.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(mock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('registers every bridge channel for the window', async () => {
    await launch();
    expect([...mock.ipcMain.handlers.keys()].sort()).toEqual(
      [...OPERATION_NAMES.map(ipcChannel), BRIDGE_CHANNELS.print, BRIDGE_CHANNELS.info].sort(),
    );
  });

  it('opens the manager app with --manager', async () => {
    const window = await launch('--manager');
    expect(window.options.kiosk).toBeUndefined();
    expect(window.loadURL).toHaveBeenCalledWith('app://marquee/manager/');
    expect(mock.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(mock.powerSaveBlocker.start).not.toHaveBeenCalled();
  });

  it('opens the door scanner with --door: full screen, locked down, its camera the only permission', async () => {
    const window = await launch('--door');
    expect(window.options.kiosk).toBe(true);
    expect(window.loadURL).toHaveBeenCalledWith('app://marquee/door/');
    expect(mock.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(mock.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    const [request] = mock.session.defaultSession.setPermissionRequestHandler.mock.calls[0]!;
    const callback = vi.fn();
    request(null, 'media', callback, { requestingUrl: 'app://marquee/door/', isMainFrame: true, mediaTypes: ['video'] });
    expect(callback).toHaveBeenCalledWith(true);
  });

  it('hardens every webContents the app creates', async () => {
    await launch();
    const contents = new FakeBrowserWindow().webContents;
    mock.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('closes the listener, then the core, before it really quits', async () => {
    await launch();
    const quit = fakeEvent();
    mock.app.emit('before-quit', quit);
    expect(quit.defaultPrevented()).toBe(true);
    await vi.waitFor(() => expect(mock.app.quit).toHaveBeenCalled());
    expect(order.slice(-2)).toEqual(['listener.close', 'core.close']);
  });

  it('quits at once, starting nothing, when another instance is running', async () => {
    mock.app.singleInstanceLock = false;
    process.argv = [...argv];
    await import('../../../main/electron/index');
    expect(mock.app.quit).toHaveBeenCalled();
    expect(services.startCore).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('exits with an error when the core cannot start, closing nothing twice', async () => {
    services.startCore.mockRejectedValueOnce(new Error('Cannot find mariadbd or mysqld'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    process.argv = [...argv];
    await import('../../../main/electron/index');
    await vi.waitFor(() => expect(mock.app.exit).toHaveBeenCalledWith(1));
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('Cannot find mariadbd'));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    // Nobody is at a kiosk to dismiss an error box; systemd restarts it instead.
    expect(mock.dialog.showErrorBox).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('tells staff why the manager app could not start', async () => {
    services.startCore.mockRejectedValueOnce(new Error('MARQUEE_DB_URL must look like mysql://…'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    process.argv = [...argv, '--manager'];
    await import('../../../main/electron/index');
    await vi.waitFor(() => expect(mock.app.exit).toHaveBeenCalledWith(1));
    expect(mock.dialog.showErrorBox).toHaveBeenCalledWith('Marquee could not start', 'MARQUEE_DB_URL must look like mysql://…');
    errors.mockRestore();
  });

  it('stops the core and listener it already started when a later step fails', async () => {
    mock.protocol.handle.mockImplementationOnce(() => {
      throw new Error('The scheme "app" is already handled');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    process.argv = [...argv];
    await import('../../../main/electron/index');
    await vi.waitFor(() => expect(mock.app.exit).toHaveBeenCalledWith(1));
    expect(order.slice(-2)).toEqual(['listener.close', 'core.close']);
    errors.mockRestore();
  });

  it('closes the core again if the listener fails to start', async () => {
    services.startListener.mockRejectedValueOnce(new Error('EADDRINUSE'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    process.argv = [...argv];
    await import('../../../main/electron/index');
    await vi.waitFor(() => expect(mock.app.exit).toHaveBeenCalledWith(1));
    expect(fake.core.close).toHaveBeenCalledOnce();
    errors.mockRestore();
  });
});
