// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { MarqueeBridge } from '../../../main/common/bridge';
import { createIpcTransport } from '../../../renderer/src/shared/transport/ipc';

function fakeBridge(overrides: Partial<MarqueeBridge> = {}): MarqueeBridge {
  const unused = vi.fn(async () => ({ ok: false as const, error: { code: 'FORBIDDEN' as const, message: 'no' } }));
  return {
    book: unused,
    move: unused,
    cancel: unused,
    listByShowTime: unused,
    lookupTicket: unused,
    ticketHistory: unused,
    listShows: unused,
    createShow: unused,
    serverStatus: unused,
    listTokens: unused,
    createToken: unused,
    revokeToken: unused,
    checkIn: unused,
    undoCheckIn: unused,
    doorShows: unused,
    doorSnapshot: unused,
    checkinConflicts: unused,
    updateToken: unused,
    updateShow: unused,
    deleteShow: unused,
    searchTickets: unused,
    salesReport: unused,
    deviceSelf: unused,
    createPairing: unused,
    redeemPairing: unused,
    createScreen: unused,
    listScreens: unused,
    updateScreen: unused,
    deleteScreen: unused,
    createFilm: unused,
    listFilms: unused,
    updateFilm: unused,
    setFilmPoster: unused,
    scheduleShows: unused, rescheduleShow: unused, cancelShow: unused, filmReport: unused,
    listTicketTypes: unused, createTicketType: unused, updateTicketType: unused, deleteTicketType: unused, showTicketTypes: unused,
    sell: unused, payTicket: unused, refundTicket: unused, cashUp: unused, closeCashUp: unused,
    onSeats: vi.fn(() => () => undefined),
    printTicket: vi.fn(async () => ({ ok: true as const, value: null })),
    info: vi.fn(async () => ({ mode: 'kiosk' as const, version: '0.1.0', timeZone: 'Europe/Madrid' })),
    ...overrides,
  };
}

describe('ipc transport', () => {
  it('calls the named bridge function and passes its Result through', async () => {
    const listShows = vi.fn(async () => ({ ok: true as const, value: [] }));
    const transport = createIpcTransport(fakeBridge({ listShows }));
    expect(await transport.call('listShows', { days: 3 })).toEqual({ ok: true, value: [] });
    expect(listShows).toHaveBeenCalledWith({ days: 3 });
    expect(transport.pairing).toBeNull();
  });

  it('turns a rejected invoke into the generic INTERNAL error', async () => {
    const transport = createIpcTransport(fakeBridge({ listShows: vi.fn(async () => Promise.reject(new Error('ipc broke'))) }));
    expect(await transport.call('listShows', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('reads the theatre zone from info(), and prints through the bridge', async () => {
    const bridge = fakeBridge();
    const transport = createIpcTransport(bridge);
    expect(await transport.theatreTimeZone()).toBe('Europe/Madrid');
    expect(await transport.printTicket()).toEqual({ ok: true, value: null });
    expect(bridge.printTicket).toHaveBeenCalledOnce();
  });
});
