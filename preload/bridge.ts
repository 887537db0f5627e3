// window.marquee: named, typed functions only. The page never receives ipcRenderer or an
// IpcRendererEvent, so it can reach no channel but these.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { BRIDGE_CHANNELS, type MarqueeBridge, type OperationBridge } from '../main/common/bridge';
import { OPERATION_NAMES, SEAT_UPDATE_CHANNEL, ipcChannel } from '../main/common/operations';
import type { SeatUpdate } from '../main/common/schemas';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createBridge(ipc: IpcRendererLike): MarqueeBridge {
  // One method per operation, from the shared table: a new operation needs no preload change.
  const operations = Object.fromEntries(
    OPERATION_NAMES.map((name) => [name, (input: unknown) => ipc.invoke(ipcChannel(name), input)]),
  ) as OperationBridge;

  return {
    ...operations,
    onSeats(listener) {
      const forward = (_event: IpcRendererEvent, update: SeatUpdate) => listener(update);
      ipc.on(SEAT_UPDATE_CHANNEL, forward);
      return () => {
        ipc.removeListener(SEAT_UPDATE_CHANNEL, forward);
      };
    },
    printTicket: () => ipc.invoke(BRIDGE_CHANNELS.print),
    info: () => ipc.invoke(BRIDGE_CHANNELS.info),
  };
}
