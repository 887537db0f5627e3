// The manager's names for the contract's device and server answers (main/common/schemas.ts).
import type { OperationOutput } from '../../../../main/common/operations';

export type ServerStatus = OperationOutput<'serverStatus'>;
export type DeviceToken = OperationOutput<'listTokens'>[number];
export type CreatedToken = OperationOutput<'createToken'>;
export type RevokeOutcome = OperationOutput<'revokeToken'>['outcome'];
export type SalesReport = OperationOutput<'salesReport'>;
export type FilmReport = OperationOutput<'filmReport'>;
