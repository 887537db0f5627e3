// Which app this process is: the guest-facing kiosk (default), the staff's manager app, or the
// door's ticket scanner. The mode decides the window, the shortcuts, the camera and, above all,
// the role IPC calls run with.
import type { AppInfo } from '../common/bridge';
import type { Actor } from '../common/operations';

export type ShellMode = AppInfo['mode'];

const MODES: readonly ShellMode[] = ['kiosk', 'manager', 'door'];

/**
 * `--manager` / `--door` / `--kiosk` on the command line win over MARQUEE_MODE. Anything
 * unrecognised falls back to the kiosk: the role with the fewest rights is the safe default.
 */
export function resolveMode(argv: readonly string[], env: NodeJS.ProcessEnv): ShellMode {
  for (const mode of MODES) if (argv.includes(`--${mode}`)) return mode;
  const fromEnv = env.MARQUEE_MODE?.trim().toLowerCase();
  return MODES.find((mode) => mode === fromEnv) ?? 'kiosk';
}

/** The audit trail records `label`, so staff can tell lobby bookings from counter ones and doors apart. */
export function actorFor(mode: ShellMode): Actor {
  return { role: mode, label: `${mode}-app` };
}

/**
 * Kiosk and door are single-purpose stations nobody should leave: full screen, no menu, no
 * reload/devtools keys, display kept awake (zoom stays blocked on the kiosk only: see
 * touch-display.ts). The manager is a normal window.
 */
export function isLockedStation(mode: ShellMode): boolean {
  return mode !== 'manager';
}
