// Picks the transport for where the UI runs: the Electron preload bridge when present,
// otherwise HTTPS to the listener that served this page.
import { createHttpTransport, MANAGER_TOKEN_KEY, TOKEN_KEY } from './http';
import { createIpcTransport } from './ipc';
import type { Transport } from './transport';

export function createTransport(mode: 'kiosk' | 'manager'): Transport {
  if (window.marquee) return createIpcTransport(window.marquee);
  return createHttpTransport({ tokenKey: mode === 'manager' ? MANAGER_TOKEN_KEY : TOKEN_KEY });
}

export type { Pairing, Transport } from './transport';
