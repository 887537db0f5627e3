// A kiosk nobody is watching must come back on its own: a crashed or hung renderer is
// reloaded after 1 s, 2 s, 4 s … (at most 60 s); five minutes without trouble resets that.
import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/log';

export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;
export const STABLE_AFTER_MS = 5 * 60_000;

/** Delay before the reload after the `failuresInARow`-th failure (1-based). */
export function retryDelay(failuresInARow: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failuresInARow - 1), MAX_RETRY_MS);
}

export interface RetryScheduler {
  /** Reports a failure; schedules one retry unless one is already waiting. */
  failed(): void;
  /** The trouble went away by itself: drop a waiting retry. */
  cancelPending(): void;
  dispose(): void;
  readonly failuresInARow: number;
}

export function createRetryScheduler(retry: () => void): RetryScheduler {
  let failuresInARow = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let stable: ReturnType<typeof setTimeout> | null = null;

  const clear = (timer: ReturnType<typeof setTimeout> | null) => {
    if (timer !== null) clearTimeout(timer);
    return null;
  };
  const startStableClock = () => {
    stable = setTimeout(() => {
      stable = null;
      failuresInARow = 0;
    }, STABLE_AFTER_MS);
  };

  return {
    failed() {
      stable = clear(stable);
      if (pending !== null) return;
      failuresInARow += 1;
      pending = setTimeout(() => {
        pending = null;
        retry();
        startStableClock();
      }, retryDelay(failuresInARow));
    },
    cancelPending() {
      if (pending === null) return;
      pending = clear(pending);
      startStableClock();
    },
    dispose() {
      pending = clear(pending);
      stable = clear(stable);
    },
    get failuresInARow() {
      return failuresInARow;
    },
  };
}

/** Our own kill of a hung renderer reports 'render-process-gone' too; that is not a new failure. */
const OWN_KILL_GRACE_MS = 5_000;

type WindowLike = Pick<BrowserWindow, 'on' | 'once' | 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'on' | 'reload' | 'isCrashed' | 'forcefullyCrashRenderer'>;
};

export function setupCrashRecovery(window: WindowLike, logger: Logger): RetryScheduler {
  const contents = window.webContents;
  let killedHungRendererAt = Number.NEGATIVE_INFINITY;

  const scheduler = createRetryScheduler(() => {
    if (window.isDestroyed()) return;
    if (!contents.isCrashed()) {
      // Still hung: reload() alone would queue behind the stuck renderer; a fresh process won't.
      killedHungRendererAt = Date.now();
      contents.forcefullyCrashRenderer();
    }
    logger.warn({ failuresInARow: scheduler.failuresInARow }, 'reloading the renderer');
    contents.reload();
  });

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'killed' && Date.now() - killedHungRendererAt < OWN_KILL_GRACE_MS) return;
    logger.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
    scheduler.failed();
  });
  window.on('unresponsive', () => {
    logger.warn({}, 'renderer unresponsive');
    scheduler.failed();
  });
  window.on('responsive', () => scheduler.cancelPending());
  window.once('closed', () => scheduler.dispose());
  return scheduler;
}
