// The operations the manager calls. The ticket and show operations come from the contract
// (main/common/operations.ts). The device and server operations are written against the
// shapes agreed with the lead; until the contract lists them, calling one answers
// `unavailable` instead of sending a request the box office would not know.
import { ERRORS, type ErrorBody, type Result } from '../../../../main/common/errors';
import { OPERATIONS, type OperationInput, type OperationName, type OperationOutput, type Role } from '../../../../main/common/operations';
import type { Transport } from '../../transport';

export interface SweepReport {
  at: string;
  marked: number;
  deleted: number;
  batches: number;
  durationMs: number;
  error: string | null;
}

export interface ServerStatus {
  database: 'up' | 'down';
  version: string;
  lastSweep: SweepReport | null;
  listener: { url: string; fingerprint: string } | null;
}

export interface DeviceToken {
  tokenId: number;
  label: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedToken {
  tokenId: number;
  label: string;
  role: Role;
  /** The secret itself: shown once, never listed again. */
  token: string;
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

/** Input and output of each device/server operation (DESIGN.md §2, manager). */
export interface AdminOperations {
  serverStatus: { input: Record<string, never>; output: ServerStatus };
  listTokens: { input: Record<string, never>; output: DeviceToken[] };
  createToken: { input: { role: Role; label: string }; output: CreatedToken };
  revokeToken: { input: { tokenId: number }; output: { tokenId: number; outcome: RevokeOutcome } };
}

export type ManagerOperation = OperationName | keyof AdminOperations;

// Once the contract lists an admin operation, its own types win.
export type ManagerInput<K extends ManagerOperation> = K extends OperationName
  ? OperationInput<K>
  : K extends keyof AdminOperations
    ? AdminOperations[K]['input']
    : never;

export type ManagerOutput<K extends ManagerOperation> = K extends OperationName
  ? OperationOutput<K>
  : K extends keyof AdminOperations
    ? AdminOperations[K]['output']
    : never;

/** The error a call answers with when this build's contract does not know the operation. */
export const UNAVAILABLE: ErrorBody = { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message };

export function isAvailable(name: ManagerOperation): boolean {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

export function callOperation<K extends ManagerOperation>(
  transport: Transport,
  name: K,
  input: ManagerInput<K>,
): Promise<Result<ManagerOutput<K>>> {
  if (!isAvailable(name)) return Promise.resolve({ ok: false, error: UNAVAILABLE });
  // The table guarantees the name is an operation; the transport does the rest.
  const call = transport.call as (name: string, input: unknown) => Promise<Result<unknown>>;
  return call.call(transport, name, input) as Promise<Result<ManagerOutput<K>>>;
}
