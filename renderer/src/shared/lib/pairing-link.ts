// The link a pairing QR code carries: the device's own page with the code in the fragment,
// so the code never reaches a server log or a proxy. Runs anywhere.
import { PAIR_CODE_LENGTH } from './pairing-code';

/** The page each pairable role opens; roles without a page of their own get no link. */
const PAGE_OF_ROLE: Partial<Record<string, string>> = { kiosk: '/kiosk/', door: '/door/', counter: '/manager/' };

const FRAGMENT_KEY = 'pair';

/** Whether a device of `role` has a page of its own to pair on. */
export function hasPairingPage(role: string): boolean {
  return PAGE_OF_ROLE[role] !== undefined;
}

export function pairingLink(serverUrl: string, role: string, code: string): string | null {
  const page = PAGE_OF_ROLE[role];
  if (!page) return null;
  const url = new URL(page, serverUrl);
  url.hash = `${FRAGMENT_KEY}=${code}`;
  return url.toString();
}

/** The code in a page's fragment (`#pair=123456`), or null. */
export function pairingCodeFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get(FRAGMENT_KEY)?.replace(/\D/g, '') ?? '';
  return code.length === PAIR_CODE_LENGTH ? code : null;
}
