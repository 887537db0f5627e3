// The bridge's main-process half: one handler per operation from the shared table, plus
// print and info, all behind the sender check; seat updates pushed to our window.
import type { BrowserWindow, IpcMain } from 'electron';
import { BRIDGE_CHANNELS, type AppInfo } from '../common/bridge';
import { OPERATION_NAMES, SEAT_UPDATE_CHANNEL, ipcChannel } from '../common/operations';
import type { Core } from '../core/core';
import type { Logger } from '../core/log';
import { actorFor, type ShellMode } from './mode';
import { printOptionsFor, printPage } from './print';
import { toResult } from './results';
import { isTrustedSender } from './sender-validation';
import { createTrustedIpc } from './trusted-ipc';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Core, 'run' | 'onSeats' | 'config'>;
  window: Pick<BrowserWindow, 'webContents' | 'once'>;
  mode: ShellMode;
  version: string;
  logger: Logger;
}

/** Registers everything; undone when the window closes (or by calling the returned function). */
export function setupIpc({ ipcMain, core, window, mode, version, logger }: IpcOptions): () => void {
  const contents = window.webContents;
  const ipc = createTrustedIpc(ipcMain, (event) => isTrustedSender(event, contents), logger);
  const actor = actorFor(mode);

  // Input goes to the core raw: it checks the role and validates with the same zod schemas
  // as the REST routes, so IPC cannot be a softer way in.
  for (const name of OPERATION_NAMES) {
    ipc.handle(ipcChannel(name), (input) => toResult(() => core.run(name, input, actor), logger));
  }
  ipc.handle(BRIDGE_CHANNELS.print, () => printPage(contents, printOptionsFor(mode), logger));
  ipc.handle(BRIDGE_CHANNELS.info, async (): Promise<AppInfo> => ({ mode, version, timeZone: core.config.timeZone }));

  const unsubscribe = core.onSeats((update) => {
    if (!contents.isDestroyed()) contents.send(SEAT_UPDATE_CHANNEL, update);
  });

  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    ipc.dispose();
  };
  window.once('closed', dispose);
  return dispose;
}
