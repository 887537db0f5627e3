// The one seam between the kiosk and the box office: Electron IPC or HTTPS, same shape.
import type { Result } from '../../../../main/common/errors';
import type { CallOptions, OperationInput, OperationName, OperationOutput } from '../../../../main/common/operations';
import type { SeatUpdate } from '../../../../main/common/schemas';

/** Only the HTTPS transport has one: a LAN browser proves itself with a kiosk token. */
export interface Pairing {
  isPaired(): boolean;
  pair(token: string): void;
  forget(): void;
  /** Told when the pairing is dropped because the server refused the token (revoked, unknown). */
  onForget?(listener: () => void): () => void;
}

export interface Transport {
  readonly kind: 'ipc' | 'http';
  call<K extends OperationName>(name: K, input: OperationInput<K>, options?: CallOptions): Promise<Result<OperationOutput<K>>>;
  /** Live seat changes; returns the unsubscribe function. */
  onSeats(listener: (update: SeatUpdate) => void): () => void;
  printTicket(): Promise<Result<null>>;
  /** The theatre's IANA zone when the host knows it (Electron); undefined in a browser. */
  theatreTimeZone(): Promise<string | undefined>;
  readonly pairing: Pairing | null;
}
