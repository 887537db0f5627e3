// Transport inside the Electron kiosk: the preload's window.marquee bridge.
import { ERRORS, type Result } from '../../../../main/common/errors';
import type { MarqueeBridge } from '../../../../main/common/bridge';
import type { OperationInput, OperationName, OperationOutput } from '../../../../main/common/operations';
import type { Transport } from './transport';

declare global {
  interface Window {
    marquee?: MarqueeBridge;
  }
}

// A rejected invoke means the main process itself failed; the guest gets the generic apology.
const internalError = { ok: false, error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } } as const;

export function createIpcTransport(bridge: MarqueeBridge): Transport {
  return {
    kind: 'ipc',
    pairing: null,
    async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> {
      // The mapped bridge type loses the link between K and its function; the table guarantees it.
      const operation = bridge[name] as (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
      try {
        return await operation(input);
      } catch {
        return internalError;
      }
    },
    onSeats: (listener) => bridge.onSeats(listener),
    async printTicket() {
      try {
        return await bridge.printTicket();
      } catch {
        return internalError;
      }
    },
    async theatreTimeZone() {
      try {
        return (await bridge.info()).timeZone;
      } catch {
        return undefined;
      }
    },
  };
}
