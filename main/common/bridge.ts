// The API the preload exposes as `window.marquee`, and that the renderer's browser
// transport mirrors over HTTPS. Runs anywhere (types and the channel list only).
import type { Result } from './errors';
import type { OperationInput, OperationName, OperationOutput } from './operations';
import type { SeatUpdate } from './schemas';

export type OperationBridge = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
};

export interface AppInfo {
  mode: 'kiosk' | 'manager' | 'door';
  version: string;
  /** IANA zone the theatre's wall clock uses; the UI shows times in it. */
  timeZone: string;
}

export interface MarqueeBridge extends OperationBridge {
  /** Subscribes to seat-availability changes; returns the unsubscribe function. */
  onSeats(listener: (update: SeatUpdate) => void): () => void;
  /** Prints the current page silently to the default printer (Electron kiosk). */
  printTicket(): Promise<Result<null>>;
  info(): Promise<AppInfo>;
}

export const BRIDGE_CHANNELS = {
  print: 'marquee:print',
  info: 'marquee:info',
} as const;
