import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { BRIDGE_CHANNELS, type MarqueeBridge } from '../../main/common/bridge';
import { OPERATION_NAMES, SEAT_UPDATE_CHANNEL, ipcChannel } from '../../main/common/operations';
import type { ElectronMock } from '../main/electron/electron-mock';

vi.mock('electron', async () => (await import('../main/electron/electron-mock')).createElectronMock());

const mock = electron as unknown as ElectronMock;
let exposedName: string;
let bridge: MarqueeBridge;

beforeAll(async () => {
  await import('../../preload/index');
  expect(mock.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  [exposedName, bridge] = mock.contextBridge.exposeInMainWorld.mock.calls[0] as [string, MarqueeBridge];
});

const SEATS = { showId: 1, showTime: '2026-12-24T19:30:00Z', capacity: 20, booked: 1, seatsLeft: 19 };

describe('preload', () => {
  it('exposes window.marquee with exactly one function per operation plus onSeats, printTicket and info', () => {
    expect(exposedName).toBe('marquee');
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES, 'onSeats', 'printTicket', 'info'].sort());
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
  });

  it('never hands the page ipcRenderer or any of its methods', () => {
    const values: unknown[] = Object.values(bridge);
    expect(values).not.toContain(mock.ipcRenderer);
    for (const method of [mock.ipcRenderer.invoke, mock.ipcRenderer.on, mock.ipcRenderer.removeListener]) expect(values).not.toContain(method);
  });

  it.each(OPERATION_NAMES)('%s invokes its own channel with the input only', async (name) => {
    mock.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: name });
    const call = bridge[name] as (input: unknown) => Promise<unknown>;
    await expect(call({ ticketId: 7 })).resolves.toEqual({ ok: true, value: name });
    expect(mock.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannel(name), { ticketId: 7 });
  });

  it('printTicket and info invoke their channels without arguments', async () => {
    await bridge.printTicket();
    expect(mock.ipcRenderer.invoke).toHaveBeenLastCalledWith(BRIDGE_CHANNELS.print);
    await bridge.info();
    expect(mock.ipcRenderer.invoke).toHaveBeenLastCalledWith(BRIDGE_CHANNELS.info);
  });

  it('onSeats hands the listener the update only, and its return value unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onSeats(listener);
    const ipcEvent = { sender: mock.ipcRenderer, ports: [] };
    mock.ipcRenderer.emitter.emit(SEAT_UPDATE_CHANNEL, ipcEvent, SEATS);
    expect(listener).toHaveBeenCalledExactlyOnceWith(SEATS);

    unsubscribe();
    mock.ipcRenderer.emitter.emit(SEAT_UPDATE_CHANNEL, ipcEvent, SEATS);
    expect(listener).toHaveBeenCalledOnce();
    expect(mock.ipcRenderer.emitter.listenerCount(SEAT_UPDATE_CHANNEL)).toBe(0);
  });
});
