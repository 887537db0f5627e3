// The access slice: whether this device may use the manager app, and as which role. A browser
// proves itself once, with a pasted manager token or as a counter (box-office staff) paired by a
// 6-digit code like the other devices (managers are never paired by code, since a manager token
// can make more tokens); the Electron window needs none and runs as the manager. The role
// (/device/self) decides the sections shown (lib/views.ts).
import type { Role } from '../../../../main/common/roles';
import { createPairingSlice, type PairingActions, type PairingData } from '../../shared/store/pairing-slice';
import { homeViewOf, viewsFor } from '../lib/views';
import { emptyDevices } from './devices';
import type { ManagerKit } from './kit';

export type Access = 'checking' | 'ok' | 'unpaired';

/** The roles the manager page works for. */
export const MANAGER_PAGE_ROLES: readonly Role[] = ['manager', 'counter'];

export interface AccessData extends PairingData {
  access: Access;
  /** A browser pairs with a token; the Electron window needs none. */
  pairable: boolean;
  /** The role of this device (manager or counter); null until the box office said. */
  deviceRole: Role | null;
  /** This device's name as the box office knows it (on receipts); null until it said. */
  deviceLabel: string | null;
}

export interface AccessActions extends PairingActions {
  init(): Promise<void>;
  dispose(): void;
}

export interface AccessSlice extends AccessData, AccessActions {}

/** The slice, and what the store's common error handling needs from it. */
export function createAccessSlice(kit: ManagerKit): {
  state: AccessSlice;
  pairing: ReturnType<typeof createPairingSlice>;
  /** Asks the box office who this device is, when it has not said yet (e.g. unreachable at start). */
  learnRole(): Promise<void>;
} {
  const { set, get, transport, connection } = kit;

  /** The role is known: the sections follow it, and a view it may not see is left for its home. */
  function knownRole({ role, label }: { role: Role; label: string }) {
    const view = viewsFor(role).includes(get().view) ? get().view : homeViewOf(role);
    set({ deviceRole: role, deviceLabel: label, view });
  }

  const pairing = createPairingSlice({
    set,
    get,
    transport,
    // A code pairs a counter; a pasted token may be a manager's too.
    role: 'counter',
    accepts: MANAGER_PAGE_ROLES,
    knownRole,
    paired() {
      set({ access: 'ok', notice: null });
      connection.connect();
    },
    unpaired() {
      connection.disconnect();
      set({ access: 'unpaired', dialog: null, busy: false, outage: false, deviceRole: null, deviceLabel: null });
      set({ shows: [], showsLoaded: false, selectedShowId: null, roster: null, ticket: null, panel: 'roster' });
      set({ devices: emptyDevices(), report: null, filmReport: null, screens: null, films: null });
      get().resetSale();
    },
  });

  async function learnRole() {
    if (get().deviceRole !== null) return;
    const self = await transport.call('deviceSelf', {});
    if (self.ok && MANAGER_PAGE_ROLES.includes(self.value.role)) knownRole(self.value);
    else if (self.ok) await pairing.recheck();
  }

  const state: AccessSlice = {
    ...pairing.initial,
    ...pairing.actions,
    access: 'checking',
    pairable: transport.pairing !== null,
    deviceRole: null,
    deviceLabel: null,

    async init() {
      set({ timeZone: await transport.theatreTimeZone() });
      if (!(await pairing.start())) return;
      // The desktop window holds no token: /device/self says it is the manager.
      await learnRole();
      set({ access: 'ok' });
      connection.connect();
    },

    dispose() {
      pairing.stop();
      connection.disconnect();
    },
  };
  return { state, pairing, learnRole };
}
