// The access slice: whether this device may use the manager. A browser proves it once with a
// manager token (the shared pairing slice; managers are never paired by code, since a manager
// token can make more tokens); the Electron window needs none.
import { createPairingSlice, type PairingActions, type PairingData } from '../../shared/store/pairing-slice';
import { emptyDevices } from './devices';
import type { ManagerKit } from './kit';

export type Access = 'checking' | 'ok' | 'unpaired';

export interface AccessData extends PairingData {
  access: Access;
  /** A browser pairs with a token; the Electron window needs none. */
  pairable: boolean;
}

export interface AccessActions extends PairingActions {
  init(): Promise<void>;
  dispose(): void;
}

export interface AccessSlice extends AccessData, AccessActions {}

/** The slice, and what the store's common error handling needs from it. */
export function createAccessSlice(kit: ManagerKit): { state: AccessSlice; pairing: ReturnType<typeof createPairingSlice> } {
  const { set, get, transport, connection } = kit;

  const pairing = createPairingSlice({
    set,
    get,
    transport,
    role: 'manager',
    paired() {
      set({ access: 'ok', notice: null });
      connection.connect();
    },
    unpaired() {
      connection.disconnect();
      set({ access: 'unpaired', dialog: null, busy: false, outage: false });
      set({ shows: [], showsLoaded: false, selectedShowId: null, roster: null, ticket: null, panel: 'roster' });
      set({ devices: emptyDevices(), report: null, filmReport: null, screens: null, films: null });
    },
  });

  const state: AccessSlice = {
    ...pairing.initial,
    ...pairing.actions,
    access: 'checking',
    pairable: transport.pairing !== null,

    async init() {
      set({ timeZone: await transport.theatreTimeZone() });
      if (!(await pairing.start())) return;
      set({ access: 'ok' });
      connection.connect();
    },

    dispose() {
      pairing.stop();
      connection.disconnect();
    },
  };
  return { state, pairing };
}
