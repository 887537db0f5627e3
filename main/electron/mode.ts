// Which app this process is: the guest-facing kiosk (default) or the staff's manager app.
// The mode decides the window, the shortcuts and, above all, the role IPC calls run with.
import type { AppInfo } from '../common/bridge';
import type { Actor } from '../common/operations';

export type ShellMode = AppInfo['mode'];

/**
 * `--manager` / `--kiosk` on the command line win over MARQUEE_MODE. Anything unrecognised
 * falls back to the kiosk: the role with the fewest rights is the safe default.
 */
export function resolveMode(argv: readonly string[], env: NodeJS.ProcessEnv): ShellMode {
  if (argv.includes('--manager')) return 'manager';
  if (argv.includes('--kiosk')) return 'kiosk';
  return env.MARQUEE_MODE?.trim().toLowerCase() === 'manager' ? 'manager' : 'kiosk';
}

/** The audit trail records `label`, so staff can tell lobby bookings from counter ones. */
export function actorFor(mode: ShellMode): Actor {
  return mode === 'manager' ? { role: 'manager', label: 'manager-app' } : { role: 'kiosk', label: 'kiosk-app' };
}
