// Picks the transport for where the UI runs: the Electron preload bridge when present,
// otherwise HTTPS to the listener that served this page.
import { createHttpTransport, DOOR_TOKEN_KEY, MANAGER_TOKEN_KEY, TOKEN_KEY } from './http';
import { createIpcTransport } from './ipc';
import type { Transport } from './transport';

const TOKEN_KEYS = { kiosk: TOKEN_KEY, manager: MANAGER_TOKEN_KEY, door: DOOR_TOKEN_KEY } as const;

export function createTransport(mode: keyof typeof TOKEN_KEYS): Transport {
  if (window.marquee) return createIpcTransport(window.marquee);
  return createHttpTransport({ tokenKey: TOKEN_KEYS[mode] });
}

export type { Pairing, Transport } from './transport';
