// A validated ipcMain (vscode-style): handlers registered through it only ever run for a
// trusted sender, so no handler can forget the check.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Logger } from '../core/log';
import { FORBIDDEN_RESULT } from './results';

export type TrustedHandler = (input: unknown) => Promise<unknown>;

export interface TrustedIpc {
  handle(channel: string, handler: TrustedHandler): void;
  /** Removes every handler registered through this instance. */
  dispose(): void;
}

export function createTrustedIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  logger: Logger,
): TrustedIpc {
  const channels: string[] = [];
  return {
    handle(channel, handler) {
      // The bridge sends exactly one argument; extra ones are ignored, never forwarded.
      ipcMain.handle(channel, async (event, input: unknown) => {
        if (!isTrusted(event)) {
          logger.warn({ channel, url: event.senderFrame?.url ?? null }, 'IPC call from an untrusted sender refused');
          return FORBIDDEN_RESULT;
        }
        return handler(input);
      });
      channels.push(channel);
    },
    dispose() {
      for (const channel of channels.splice(0)) ipcMain.removeHandler(channel);
    },
  };
}
