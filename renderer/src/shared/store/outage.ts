// The background probe both stores run while the box office is unreachable: it asks again
// after a delay that doubles from `min` up to `max`, until the store stops it.

/** Back-off of the background probe while the box office is unreachable. */
export interface OutageRetryMs {
  min: number;
  max: number;
}

export const DEFAULT_OUTAGE_RETRY_MS: OutageRetryMs = { min: 2_000, max: 15_000 };

export interface OutageProbe {
  /** The first probe of an outage, after the shortest delay. */
  start(): void;
  /** Probe again, after a longer delay than the last. */
  retry(): void;
  /** Drop a pending probe. */
  stop(): void;
}

export function createOutageProbe(retryMs: OutageRetryMs, probe: () => Promise<void>): OutageProbe {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = retryMs.min;

  function stop() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function retry() {
    stop();
    timer = setTimeout(() => {
      timer = null;
      void probe();
    }, delay);
    delay = Math.min(delay * 2, retryMs.max);
  }

  function start() {
    delay = retryMs.min;
    retry();
  }

  return { start, retry, stop };
}
