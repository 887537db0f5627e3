// The devices slice: the server's status, the API device tokens, making and revoking them.
import { TOKEN_LABEL_MAX } from '../../../../main/common/schemas';
import { ROLES, type Role } from '../../../../main/common/operations';
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
}

export interface DevicesSliceData {
  devices: DevicesData;
  tokenRole: Role;
  tokenLabel: string;
  tokenProblem: 'empty' | 'tooLong' | null;
}

export interface DevicesActions {
  refreshDevices(): Promise<void>;
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
    devices: { available: null, status: null, tokens: null, created: null },
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
      const [status, tokens] = await Promise.all([kit.read('serverStatus', {}, unavailable), kit.read('listTokens', {}, unavailable)]);
      const devices = get().devices;
      set({
        devices: {
          ...devices,
          available: devices.available === false ? false : true,
          status: status ?? devices.status,
          tokens: tokens ?? devices.tokens,
        },
      });
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
