// A stand-in for the `electron` module: the real one downloads its binary when loaded, which
// these machines cannot do. Use as
//   vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
// The fakes hold just the behaviour the shell relies on: events, handler registries, spies.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(public url: string) {}
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('app://marquee/kiosk/');
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  crashed = false;
  send = vi.fn();
  reload = vi.fn();
  print = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  setVisualZoomLevelLimits = vi.fn(async () => undefined);
  isDestroyed = vi.fn(() => this.destroyed);
  isCrashed = vi.fn(() => this.crashed);
  setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });

  /** The fake as the Electron type the code under test expects. */
  get asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => this.minimized);
  isDestroyed = vi.fn(() => this.destroyed);

  constructor(public options: Record<string, unknown> = {}) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  /** Closing as Electron does it: destroyed first, then 'closed'. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** A cancellable Electron event with the fields the shell reads. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } {
  const preventDefault = vi.fn();
  return Object.assign(fields, { preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 });
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export function createFakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: InvokeHandler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
    /** What ipcRenderer.invoke from `sender`'s `frame` would get back. */
    async invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender, senderFrame: frame } as unknown as IpcMainInvokeEvent, ...args);
    },
  };
}

export function createFakeIpcRenderer() {
  const emitter = new EventEmitter();
  return {
    emitter,
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      emitter.on(channel, listener);
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      emitter.removeListener(channel, listener);
    }),
  };
}

export function createFakeSession() {
  return Object.assign(new EventEmitter(), {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  });
}

export function createElectronMock() {
  FakeBrowserWindow.instances = [];
  const app = Object.assign(new EventEmitter(), {
    singleInstanceLock: true,
    whenReady: vi.fn(async () => undefined),
    requestSingleInstanceLock: vi.fn((): boolean => app.singleInstanceLock),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: createFakeIpcMain(),
    ipcRenderer: createFakeIpcRenderer(),
    contextBridge: { exposeInMainWorld: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: createFakeSession() },
    powerSaveBlocker: { start: vi.fn(() => 7), stop: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;

/** Logger double: the shell logs through the core's Logger interface. */
export function fakeLogger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}
