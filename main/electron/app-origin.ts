// The renderer's home: a privileged custom scheme instead of file://, so the page has a real
// origin that CSP 'self', sender checks and navigation rules can name.
export const APP_SCHEME = 'app';
export const APP_HOST = 'marquee';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The origin of `url`, or null when it has none we can trust. Node's URL reports 'null' as
 * the origin of schemes it does not know (like app:), so it is spelled out here.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
