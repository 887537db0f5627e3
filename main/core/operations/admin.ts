// Manager-only operations about the box office itself: server status and device tokens.
import type { OperationOutput, ParsedInput } from '../../common/operations';
import { formatInZone } from '../../common/time';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import type { OperationContext } from './context';

export async function serverStatus(ctx: OperationContext): Promise<OperationOutput<'serverStatus'>> {
  const health = await ctx.status();
  return { ...health, listener: ctx.listener() };
}

export async function listDeviceTokens(ctx: OperationContext): Promise<OperationOutput<'listTokens'>> {
  const tz = ctx.config.timeZone;
  return (await listTokens(ctx.db)).map((t) => ({
    tokenId: t.id,
    label: t.label,
    role: t.role,
    createdAt: formatInZone(t.createdAt, tz),
    revokedAt: t.revokedAt ? formatInZone(t.revokedAt, tz) : null,
  }));
}

export async function createDeviceToken(ctx: OperationContext, input: ParsedInput<'createToken'>): Promise<OperationOutput<'createToken'>> {
  const { id, token } = await createToken(ctx.db, input.role, input.label);
  return { tokenId: id, label: input.label, role: input.role, token };
}

export async function revokeDeviceToken(ctx: OperationContext, input: ParsedInput<'revokeToken'>): Promise<OperationOutput<'revokeToken'>> {
  return { tokenId: input.tokenId, outcome: await revokeToken(ctx.db, input.tokenId) };
}
