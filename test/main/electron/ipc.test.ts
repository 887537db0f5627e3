import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../../../main/common/bridge';
import { ERRORS, MarqueeError } from '../../../main/common/errors';
import { OPERATION_NAMES, SEAT_UPDATE_CHANNEL, ipcChannel } from '../../../main/common/operations';
import { TICKET_PAGE_CSS, TICKET_PAPER } from '../../../main/common/ticket-paper';
import { setupIpc } from '../../../main/electron/ipc';
import type { ShellMode } from '../../../main/electron/mode';
import { PRINT_FAILED_MESSAGE } from '../../../main/electron/print';
import { createFakeIpcMain, FakeBrowserWindow, FakeFrame, FakeWebContents, fakeLogger } from './electron-mock';
import { createFakeCore } from './fake-core';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

const ALL_CHANNELS = [...OPERATION_NAMES.map(ipcChannel), BRIDGE_CHANNELS.print, BRIDGE_CHANNELS.info];
const SEATS = { showId: 3, showTime: '2026-12-24T19:30:00+01:00', capacity: 20, booked: 5, seatsLeft: 15 };

function setup(mode: ShellMode = 'kiosk') {
  const ipcMain = createFakeIpcMain();
  const fake = createFakeCore();
  const window = new FakeBrowserWindow();
  window.webContents.mainFrame.url = `app://marquee/${mode}/`;
  const logger = fakeLogger();
  setupIpc({ ipcMain, core: fake.asCore, window: window as never, mode, version: '1.2.3', logger });
  const contents = window.webContents;
  const call = (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, contents, contents.mainFrame, ...args);
  return { ipcMain, fake, window, contents, logger, call };
}

describe('setupIpc', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers one handler per operation, plus print and info, and nothing else', () => {
    expect([...t.ipcMain.handlers.keys()].sort()).toEqual([...ALL_CHANNELS].sort());
    expect(t.ipcMain.handle).toHaveBeenCalledTimes(OPERATION_NAMES.length + 2);
  });

  it.each(OPERATION_NAMES)('passes %s to the core with the raw input and the kiosk actor', async (name) => {
    const input = { ticketId: '42', phoneNo: '+1 555 010 0199', extra: ['kept as sent'] };
    const result = await t.call(ipcChannel(name), input);
    expect(t.fake.run).toHaveBeenCalledExactlyOnceWith(name, input, { role: 'kiosk', label: 'kiosk-app' });
    expect(result).toEqual({ ok: true, value: { ran: name, input } });
  });

  it('runs manager-app calls as the manager role', async () => {
    const manager = setup('manager');
    await manager.call(ipcChannel('createShow'), { showTime: '2026-12-24 19:30:00' });
    expect(manager.fake.run).toHaveBeenCalledWith('createShow', { showTime: '2026-12-24 19:30:00' }, { role: 'manager', label: 'manager-app' });
  });

  it('forwards only the first argument', async () => {
    await t.call(ipcChannel('listShows'), { days: 3 }, { role: 'manager' });
    expect(t.fake.run).toHaveBeenCalledWith('listShows', { days: 3 }, { role: 'kiosk', label: 'kiosk-app' });
  });

  it('answers a MarqueeError as {ok:false, error} with its code, message and field', async () => {
    t.fake.run.mockRejectedValueOnce(new MarqueeError('HOUSEFULL'));
    expect(await t.call(ipcChannel('book'), {})).toEqual({ ok: false, error: { code: 'HOUSEFULL', message: ERRORS.HOUSEFULL.message } });

    t.fake.run.mockRejectedValueOnce(new MarqueeError('INVALID_INPUT', 'phoneNo: must be a phone number of 6 to 15 digits', 'phoneNo'));
    expect(await t.call(ipcChannel('book'), {})).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'phoneNo: must be a phone number of 6 to 15 digits', field: 'phoneNo' },
    });
    expect(t.logger.error).not.toHaveBeenCalled();
  });

  it('answers any other error as INTERNAL, without its message or stack, and logs it', async () => {
    t.fake.run.mockRejectedValueOnce(new Error("ER_ACCESS_DENIED_ERROR: Access denied for user 'marquee'@'10.0.0.7'"));
    const result = await t.call(ipcChannel('lookupTicket'), { ticketId: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
    expect(JSON.stringify(result)).not.toMatch(/stack|ER_ACCESS|10\.0\.0\.7/);
    expect(t.logger.error).toHaveBeenCalledOnce();
  });

  it('answers info with the mode, the version and the theatre time zone', async () => {
    expect(await t.call(BRIDGE_CHANNELS.info)).toEqual({ mode: 'kiosk', version: '1.2.3', timeZone: 'Europe/Lisbon' });
  });

  describe('refuses untrusted senders on every channel', () => {
    const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: ERRORS.FORBIDDEN.message } };

    it.each(ALL_CHANNELS)('%s from a subframe', async (channel) => {
      const subframe = new FakeFrame('app://marquee/kiosk/');
      subframe.parent = t.contents.mainFrame;
      expect(await t.ipcMain.invoke(channel, t.contents, subframe, {})).toEqual(forbidden);
      expect(t.fake.run).not.toHaveBeenCalled();
      expect(t.contents.print).not.toHaveBeenCalled();
    });

    it.each(ALL_CHANNELS)('%s from another webContents', async (channel) => {
      const other = new FakeWebContents();
      expect(await t.ipcMain.invoke(channel, other, other.mainFrame, {})).toEqual(forbidden);
      expect(t.fake.run).not.toHaveBeenCalled();
    });

    it.each(['file:///etc/passwd', 'https://evil.example/kiosk/'])('from our main frame showing %s', async (url) => {
      t.contents.mainFrame.url = url;
      for (const channel of ALL_CHANNELS) expect(await t.call(channel, {})).toEqual(forbidden);
      expect(t.fake.run).not.toHaveBeenCalled();
      expect(t.logger.warn).toHaveBeenCalled();
    });
  });

  describe('print', () => {
    it('prints silently with backgrounds at the kiosk, on the 80 mm ticket paper the page is laid out for, and answers ok', async () => {
      t.contents.print.mockImplementation((_options, done: (ok: boolean, reason: string) => void) => done(true, ''));
      expect(await t.call(BRIDGE_CHANNELS.print)).toEqual({ ok: true, value: null });
      expect(t.contents.print).toHaveBeenCalledWith(
        { silent: true, printBackground: true, pageSize: { width: 80_000, height: TICKET_PAPER.heightMm * 1000 } },
        expect.any(Function),
      );
      expect(TICKET_PAGE_CSS).toContain(`size: 80mm ${TICKET_PAPER.heightMm}mm;`);
    });

    it('answers a failed print as an error the guest can read', async () => {
      t.contents.print.mockImplementation((_options, done: (ok: boolean, reason: string) => void) => done(false, 'Printer is out of paper'));
      expect(await t.call(BRIDGE_CHANNELS.print)).toEqual({ ok: false, error: { code: 'INTERNAL', message: PRINT_FAILED_MESSAGE } });
    });

    it('lets staff pick a printer in the manager app', async () => {
      const manager = setup('manager');
      manager.contents.print.mockImplementation((_options, done: (ok: boolean, reason: string) => void) => done(true, ''));
      await manager.call(BRIDGE_CHANNELS.print);
      expect(manager.contents.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
    });
  });

  describe('seat updates', () => {
    it('pushes seat changes to our window', () => {
      t.fake.pushSeats(SEATS);
      expect(t.contents.send).toHaveBeenCalledWith(SEAT_UPDATE_CHANNEL, SEATS);
    });

    it('unsubscribes and removes every handler when the window closes', () => {
      t.window.close();
      expect(t.fake.seatListeners.size).toBe(0);
      expect(t.ipcMain.handlers.size).toBe(0);
      t.fake.pushSeats(SEATS);
      expect(t.contents.send).not.toHaveBeenCalled();
    });
  });
});
