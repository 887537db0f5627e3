// The devices slice: the server's status, the API device tokens, making and revoking them,
// and one-time pairing codes for devices that cannot type a token.
import { TOKEN_LABEL_MAX } from '../../../../main/common/schemas';
import { ROLES, type OperationOutput, type Role } from '../../../../main/common/operations';
import type { PairableRole } from '../../../../main/common/roles';
import type { ErrorBody } from '../../../../main/common/errors';
import type { CreatedToken, DeviceToken, ServerStatus } from '../lib/operations';
import type { ManagerKit } from './kit';

export interface DevicesData {
  /** False when this box office does not offer the device operations; null until asked. */
  available: boolean | null;
  status: ServerStatus | null;
  tokens: DeviceToken[] | null;
  /** The token just made: shown once, then forgotten. */
  created: CreatedToken | null;
  /** The pairing code just made, shown large with its QR link until it expires or is closed. */
  pairing: PairingCode | null;
  /** This browser's own token, to warn before it is revoked; null in the desktop app. */
  ownTokenId: number | null;
}

export type PairingCode = OperationOutput<'createPairing'>;

/** Nothing known yet about devices (also the state after unpairing). */
export function emptyDevices(): DevicesData {
  return { available: null, status: null, tokens: null, created: null, pairing: null, ownTokenId: null };
}

export interface DevicesSliceData {
  devices: DevicesData;
  tokenRole: Role;
  tokenLabel: string;
  tokenProblem: 'empty' | 'tooLong' | null;
}

export interface DevicesActions {
  refreshDevices(): Promise<void>;
  /** Makes a one-time pairing code for a device of `role` (any but manager) named `label`. */
  createPairing(role: PairableRole, label: string): Promise<void>;
  dismissPairing(): void;
  setTokenRole(role: Role): void;
  typeTokenLabel(value: string): void;
  createToken(): Promise<void>;
  dismissCreatedToken(): void;
  askRevoke(token: DeviceToken): void;
  confirmRevoke(): Promise<void>;
}

function labelProblem(value: string): 'empty' | 'tooLong' | null {
  const label = value.trim();
  if (label === '') return 'empty';
  return [...label].length > TOKEN_LABEL_MAX ? 'tooLong' : null;
}

export function createDevicesSlice(kit: ManagerKit): DevicesSliceData & DevicesActions {
  const { set, get } = kit;
  return {
    devices: emptyDevices(),
    tokenRole: 'kiosk',
    tokenLabel: '',
    tokenProblem: null,

    async refreshDevices() {
      // An older box office answers these routes with NOT_FOUND: the screen then says how
      // to manage devices on the server instead.
      const unavailable = (error: ErrorBody) => {
        if (error.code !== 'NOT_FOUND') return false;
        set({ devices: { ...get().devices, available: false } });
        return true;
      };
      const [status, tokens, self] = await Promise.all([
        kit.read('serverStatus', {}, unavailable),
        kit.read('listTokens', {}, unavailable),
        // An older box office does not know /device/self: no warning then, nothing else lost.
        kit.read('deviceSelf', {}, (error) => error.code === 'NOT_FOUND'),
      ]);
      const devices = get().devices;
      set({
        devices: {
          ...devices,
          available: devices.available === false ? false : true,
          status: status ?? devices.status,
          tokens: tokens ?? devices.tokens,
          ownTokenId: self?.tokenId ?? devices.ownTokenId,
        },
      });
    },

    async createPairing(role, label) {
      if (get().busy) return;
      const problem = labelProblem(label);
      set({ tokenProblem: problem });
      if (problem !== null) return;
      const pairing = await kit.change('createPairing', { role, label: label.trim().replace(/\s+/gu, ' ') });
      if (pairing === null) return;
      set({ devices: { ...get().devices, pairing }, tokenLabel: '' });
      await get().refreshDevices();
    },

    dismissPairing() {
      set({ devices: { ...get().devices, pairing: null } });
      void get().refreshDevices();
    },

    setTokenRole(role) {
      if ((ROLES as readonly string[]).includes(role)) set({ tokenRole: role });
    },

    typeTokenLabel(value) {
      set({ tokenLabel: value, tokenProblem: get().tokenProblem === null ? null : labelProblem(value) });
    },

    async createToken() {
      if (get().busy) return;
      const problem = labelProblem(get().tokenLabel);
      set({ tokenProblem: problem });
      if (problem !== null) return;
      const label = get().tokenLabel.trim().replace(/\s+/gu, ' ');
      const created = await kit.change('createToken', { role: get().tokenRole, label }, (error) => {
        if (error.code !== 'INVALID_INPUT') return false;
        set({ tokenProblem: 'empty' });
        return true;
      });
      if (created === null) return;
      set({ devices: { ...get().devices, created }, tokenLabel: '' });
      await get().refreshDevices();
    },

    dismissCreatedToken() {
      set({ devices: { ...get().devices, created: null } });
    },

    askRevoke(token) {
      if (token.revokedAt === null) set({ dialog: { kind: 'revoke', token }, notice: null, done: null });
    },

    async confirmRevoke() {
      const { dialog, busy } = get();
      if (busy || dialog?.kind !== 'revoke') return;
      const revoked = await kit.change('revokeToken', { tokenId: dialog.token.tokenId });
      if (revoked === null) return;
      set({ dialog: null, done: { kind: 'revoked', label: dialog.token.label, outcome: revoked.outcome } });
      await get().refreshDevices();
    },
  };
}
