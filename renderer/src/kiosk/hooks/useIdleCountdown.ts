import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
const TICK_MS = 250;

export interface IdleCountdownOptions {
  enabled: boolean;
  idleMs: number;
  countdownMs: number;
  onTimeout: () => void;
  /** Any change (e.g. the screen) counts as activity. */
  resetKey?: unknown;
}

/**
 * Watches for guest activity. Returns the whole seconds left while the final countdown runs,
 * null before that, and a function that counts as activity.
 */
export function useIdleCountdown({ enabled, idleMs, countdownMs, onTimeout, resetKey }: IdleCountdownOptions) {
  const lastActivity = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  const touch = useCallback(() => {
    lastActivity.current = Date.now();
    setSecondsLeft(null);
  }, []);

  useEffect(() => {
    touch();
    if (!enabled) return;
    const tick = () => {
      const remaining = idleMs - (Date.now() - lastActivity.current);
      if (remaining <= 0) {
        setSecondsLeft(null);
        lastActivity.current = Date.now();
        timeout.current();
      } else setSecondsLeft(remaining <= countdownMs ? Math.ceil(remaining / 1000) : null);
    };
    const timer = setInterval(tick, TICK_MS);
    for (const event of ACTIVITY_EVENTS) document.addEventListener(event, touch, { capture: true, passive: true });
    return () => {
      clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) document.removeEventListener(event, touch, { capture: true });
    };
  }, [enabled, idleMs, countdownMs, touch, resetKey]);

  return { secondsLeft: enabled ? secondsLeft : null, touch };
}
