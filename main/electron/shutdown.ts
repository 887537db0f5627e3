// Quitting stops the core first: the listener stops taking requests, the sweep stops, the
// pool closes and an embedded database server is shut down cleanly rather than orphaned.
import type { App } from 'electron';
import type { Logger } from '../core/log';

/** A wedged shutdown must not keep a kiosk from restarting (systemd waits for us). */
export const SHUTDOWN_TIMEOUT_MS = 15_000;

type Signals = Pick<NodeJS.Process, 'once'>;

export function setupGracefulShutdown(
  app: Pick<App, 'on' | 'quit' | 'exit'>,
  stop: () => Promise<void>,
  logger: Logger,
  signals: Signals = process,
  timeoutMs: number = SHUTDOWN_TIMEOUT_MS,
): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';

  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    // Hold the quit until the core is down, then quit for real (this handler lets it pass).
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`shutdown took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    Promise.race([stop(), timedOut]).then(
      () => {
        clearTimeout(timer);
        state = 'stopped';
        app.quit();
      },
      (err: unknown) => {
        clearTimeout(timer);
        state = 'stopped';
        logger.error({ err }, 'shutdown failed');
        app.exit(1);
      },
    );
  });

  // systemd stops the kiosk with SIGTERM; Ctrl-C in a terminal sends SIGINT. Both take the
  // same clean path instead of killing the process with the database still running.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) signals.once(signal, () => app.quit());
}
