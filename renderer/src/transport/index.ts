// Picks the transport for where the UI runs: the Electron preload bridge when present,
// otherwise HTTPS to the listener that served this page.
import { createHttpTransport } from './http';
import { createIpcTransport } from './ipc';
import type { Transport } from './transport';

export function createTransport(): Transport {
  return window.marquee ? createIpcTransport(window.marquee) : createHttpTransport();
}

export type { Pairing, Transport } from './transport';
