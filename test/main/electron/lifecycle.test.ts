import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupGracefulShutdown } from '../../../main/electron/shutdown';
import { claimSingleInstance } from '../../../main/electron/single-instance';
import { keepDisplayAwake, PINCH_ZOOM_MAX, setupPinchZoom } from '../../../main/electron/touch-display';
import { createElectronMock, fakeEvent, FakeBrowserWindow, fakeLogger } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

describe('claimSingleInstance', () => {
  it('tells the second instance to quit', () => {
    const { app } = createElectronMock();
    app.singleInstanceLock = false;
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
  });

  it('brings the running window to the front when a second instance starts', () => {
    const { app } = createElectronMock();
    const window = new FakeBrowserWindow();
    window.minimized = true;
    expect(claimSingleInstance(app as never, () => window as never)).toBe(true);
    app.emit('second-instance', fakeEvent(), ['marquee', '--manager'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('ignores a second instance while there is no window yet', () => {
    const { app } = createElectronMock();
    claimSingleInstance(app as never, () => null);
    expect(() => app.emit('second-instance', fakeEvent(), [], '/')).not.toThrow();
  });
});

describe('setupGracefulShutdown', () => {
  let signals: EventEmitter;
  beforeEach(() => {
    signals = new EventEmitter();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds the first quit until the core is stopped, then quits for real', async () => {
    const { app } = createElectronMock();
    let finishStopping!: () => void;
    const stop = vi.fn(() => new Promise<void>((resolve) => (finishStopping = resolve)));
    setupGracefulShutdown(app as never, stop, fakeLogger(), signals as never);

    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented()).toBe(true);
    const impatient = fakeEvent();
    app.emit('before-quit', impatient);
    expect(impatient.defaultPrevented()).toBe(true);
    expect(stop).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();

    finishStopping();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    const final = fakeEvent();
    app.emit('before-quit', final);
    expect(final.defaultPrevented()).toBe(false);
  });

  it('exits with a failure code when stopping fails', async () => {
    const { app } = createElectronMock();
    const logger = fakeLogger();
    setupGracefulShutdown(app as never, () => Promise.reject(new Error('pool closed twice')), logger, signals as never);
    app.emit('before-quit', fakeEvent());
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
    expect(logger.error).toHaveBeenCalled();
  });

  it('gives up waiting after the timeout', async () => {
    vi.useFakeTimers();
    const { app } = createElectronMock();
    setupGracefulShutdown(app as never, () => new Promise<void>(() => undefined), fakeLogger(), signals as never, 5_000);
    app.emit('before-quit', fakeEvent());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it.each(['SIGTERM', 'SIGINT'])('turns %s into a clean quit', (signal) => {
    const { app } = createElectronMock();
    setupGracefulShutdown(app as never, async () => undefined, fakeLogger(), signals as never);
    signals.emit(signal);
    expect(app.quit).toHaveBeenCalledOnce();
  });
});

describe('the station screen', () => {
  it('turns pinch-zoom off on the kiosk after each load', () => {
    const window = new FakeBrowserWindow();
    setupPinchZoom(window as never, 'kiosk');
    window.webContents.emit('did-finish-load');
    window.webContents.emit('did-finish-load');
    expect(window.webContents.setVisualZoomLevelLimits).toHaveBeenCalledTimes(2);
    expect(window.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it.each(['door', 'manager'] as const)('lets the %s be pinch-zoomed to 400 %% after each load', (mode) => {
    const window = new FakeBrowserWindow();
    setupPinchZoom(window as never, mode);
    window.webContents.emit('did-finish-load');
    expect(PINCH_ZOOM_MAX).toBe(4);
    expect(window.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 4);
  });

  it('keeps the display awake until the window closes', () => {
    const { powerSaveBlocker } = createElectronMock();
    const window = new FakeBrowserWindow();
    keepDisplayAwake(window as never, powerSaveBlocker as never);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    window.close();
    expect(powerSaveBlocker.stop).toHaveBeenCalledWith(7);
  });
});
