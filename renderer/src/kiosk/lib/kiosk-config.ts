// Settings read from the page's query string, so a deployment (or a test) can tune them
// without a rebuild: `?idle=60&countdown=15` (seconds).

export interface KioskConfig {
  /** Idle time before a screen returns to Start. */
  idleMs: number;
  /** The last part of idleMs during which the countdown is shown. */
  countdownMs: number;
}

export const DEFAULT_IDLE_SECONDS = 60;
export const DEFAULT_COUNTDOWN_SECONDS = 15;

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
