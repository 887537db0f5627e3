import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRetryScheduler, retryDelay, setupCrashRecovery, STABLE_AFTER_MS } from '../../../main/electron/crash-recovery';
import { FakeBrowserWindow, fakeLogger } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retryDelay', () => {
  it('doubles from 1 s and stops at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });
});

describe('createRetryScheduler', () => {
  it('retries after 1 s, 2 s, 4 s … for failures in a row', () => {
    const retry = vi.fn();
    const scheduler = createRetryScheduler(retry);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      scheduler.failed();
      const before = Date.now();
      vi.advanceTimersToNextTimer();
      waits.push(Date.now() - before);
      vi.advanceTimersByTime(1000); // crashes again soon after the reload
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(retry).toHaveBeenCalledTimes(8);
  });

  it('starts again at 1 s after five minutes without trouble', () => {
    const retry = vi.fn();
    const scheduler = createRetryScheduler(retry);
    for (let i = 0; i < 3; i++) {
      scheduler.failed();
      vi.runOnlyPendingTimers();
    }
    expect(scheduler.failuresInARow).toBe(3);
    vi.advanceTimersByTime(STABLE_AFTER_MS - 1);
    expect(scheduler.failuresInARow).toBe(3);
    vi.advanceTimersByTime(1);
    expect(scheduler.failuresInARow).toBe(0);
    scheduler.failed();
    vi.advanceTimersByTime(999);
    expect(retry).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1);
    expect(retry).toHaveBeenCalledTimes(4);
  });

  it('does not reset while failures keep coming within five minutes', () => {
    const scheduler = createRetryScheduler(vi.fn());
    scheduler.failed();
    vi.runOnlyPendingTimers();
    vi.advanceTimersByTime(STABLE_AFTER_MS - 10);
    scheduler.failed();
    vi.advanceTimersByTime(STABLE_AFTER_MS);
    expect(scheduler.failuresInARow).toBe(2);
  });

  it('collapses a burst of failures into one retry', () => {
    const retry = vi.fn();
    const scheduler = createRetryScheduler(retry);
    scheduler.failed();
    scheduler.failed();
    scheduler.failed();
    vi.runAllTimers();
    expect(retry).toHaveBeenCalledOnce();
  });

  it('drops a waiting retry when the trouble goes away, and on dispose', () => {
    const retry = vi.fn();
    const scheduler = createRetryScheduler(retry);
    scheduler.failed();
    scheduler.cancelPending();
    vi.runAllTimers();
    scheduler.failed();
    scheduler.dispose();
    vi.runAllTimers();
    expect(retry).not.toHaveBeenCalled();
  });
});

describe('setupCrashRecovery', () => {
  function crashableWindow() {
    const window = new FakeBrowserWindow();
    setupCrashRecovery(window as never, fakeLogger());
    return window;
  }

  it('reloads a crashed renderer after the back-off', () => {
    const window = crashableWindow();
    window.webContents.crashed = true;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.advanceTimersByTime(999);
    expect(window.webContents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(window.webContents.reload).toHaveBeenCalledOnce();
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('replaces a hung renderer with a fresh process, without counting its own kill as a crash', () => {
    const window = crashableWindow();
    window.webContents.forcefullyCrashRenderer.mockImplementation(() => {
      window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    });
    window.emit('unresponsive');
    vi.advanceTimersByTime(1000);
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    expect(window.webContents.reload).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(STABLE_AFTER_MS);
    expect(window.webContents.reload).toHaveBeenCalledOnce();
  });

  it('leaves a renderer alone that became responsive again', () => {
    const window = crashableWindow();
    window.emit('unresponsive');
    window.emit('responsive');
    vi.runAllTimers();
    expect(window.webContents.reload).not.toHaveBeenCalled();
  });

  it('stops when the window is closed', () => {
    const window = crashableWindow();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.close();
    vi.runAllTimers();
    expect(window.webContents.reload).not.toHaveBeenCalled();
  });
});
