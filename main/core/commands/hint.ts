// How printed hints spell the command: `npx marquee …` runs this package's own bin from a
// checkout after `npm ci` (and from an install that has it on the PATH), so a pasted hint works.
import { ROLES, type Role } from '../../common/operations';

export const CLI = 'npx marquee';

const EXAMPLE_LABELS: Record<string, string> = {
  kiosk: 'Lobby kiosk',
  door: 'Door scanner',
  viewer: 'Office screen',
  manager: 'Box office desk',
};

/** A token-create command for `role`, quoted so it can be pasted into a shell as it is. */
export function tokenCreateHint(role: Role): string {
  return `${CLI} token create --role ${role} --label "${EXAMPLE_LABELS[role] ?? 'Device name'}"`;
}

/** One example per role, one per line. */
export function tokenCreateHints(): string[] {
  return ROLES.map((role) => tokenCreateHint(role));
}
