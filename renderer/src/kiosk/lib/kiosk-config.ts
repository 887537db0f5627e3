// Settings read from the page's query string, so a deployment (or a test) can tune them
// without a rebuild: `?idle=65&countdown=20` (seconds).

export interface KioskConfig {
  /** Idle time before a screen returns to Start. */
  idleMs: number;
  /** The last part of idleMs during which the countdown is shown. */
  countdownMs: number;
}

// The one source of the kiosk's time limits. WCAG 2.2.1 asks that a guest be warned and given
// at least 20 s to ask for more time: the warning comes after 45 s without a touch and lasts 20 s.
export const WARN_AFTER_SECONDS = 45;
export const DEFAULT_COUNTDOWN_SECONDS = 20;
export const DEFAULT_IDLE_SECONDS = WARN_AFTER_SECONDS + DEFAULT_COUNTDOWN_SECONDS;
/** "I need more time" multiplies this guest's idle time by this, until the session resets. */
export const MORE_TIME_FACTOR = 2;

/** The idle time for the current guest: longer once they asked for more time. */
export function idleMsFor(config: KioskConfig, moreTime: boolean): number {
  return moreTime ? config.idleMs * MORE_TIME_FACTOR : config.idleMs;
}

function seconds(params: URLSearchParams, key: string): number | null {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function readKioskConfig(search: string): KioskConfig {
  const params = new URLSearchParams(search);
  const idle = seconds(params, 'idle') ?? DEFAULT_IDLE_SECONDS;
  // A short idle time keeps the countdown to its last half, so a screen is usable before it warns.
  const countdown = Math.min(seconds(params, 'countdown') ?? DEFAULT_COUNTDOWN_SECONDS, idle, Math.max(1, Math.ceil(idle / 2)));
  return { idleMs: idle * 1000, countdownMs: countdown * 1000 };
}
