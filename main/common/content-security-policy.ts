// The one Content-Security-Policy of Marquee's pages: sent by the app:// protocol in Electron,
// by the LAN listener for /kiosk/ and /manager/, and written into index.html at build time.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A <meta> policy may not carry frame-ancestors (browsers ignore it there and complain). */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
