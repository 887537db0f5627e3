// Manager-only operations about the box office itself: server status and device tokens.
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { formatInZone } from '../../common/time';
import { createPairingCode, redeemPairingCode } from '../auth/pairing';
import { pairingKey } from '../auth/pairing-key';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import type { OperationContext, RunOptions } from './context';

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
    lastUsedAt: t.lastUsedAt ? formatInZone(t.lastUsedAt, tz) : null,
  }));
}

export async function createDeviceToken(ctx: OperationContext, input: ParsedInput<'createToken'>): Promise<OperationOutput<'createToken'>> {
  const { id, token } = await createToken(ctx.db, input.role, input.label);
  return { tokenId: id, label: input.label, role: input.role, token };
}

export async function revokeDeviceToken(ctx: OperationContext, input: ParsedInput<'revokeToken'>): Promise<OperationOutput<'revokeToken'>> {
  return { tokenId: input.tokenId, outcome: await revokeToken(ctx.db, input.tokenId) };
}

export async function createPairing(ctx: OperationContext, input: ParsedInput<'createPairing'>, actor: Actor): Promise<OperationOutput<'createPairing'>> {
  const screenIds = [...new Set(input.screenIds ?? [])];
  if (screenIds.length > 0) {
    const [found] = await ctx.db.rows(`SELECT COUNT(*) AS n FROM screen WHERE screen_id IN (${screenIds.map(() => '?').join(',')})`, screenIds);
    if (Number(found!.n) !== screenIds.length) throw new MarqueeError('SCREEN_NOT_FOUND', undefined, 'screenIds');
  }
  const made = await createPairingCode(ctx.db, pairingKey(ctx.config.pairingKeyFile), input.role, input.label, actor.label, screenIds);
  return { ...made, expiresAt: formatInZone(made.expiresAt, ctx.config.timeZone) };
}

export async function redeemPairing(
  ctx: OperationContext, input: ParsedInput<'redeemPairing'>, _actor: Actor, options: RunOptions,
): Promise<OperationOutput<'redeemPairing'>> {
  return redeemPairingCode(ctx.db, pairingKey(ctx.config.pairingKeyFile), input, options.clientAddress ?? 'app');
}

export async function deviceSelf(_ctx: OperationContext, _input: ParsedInput<'deviceSelf'>, actor: Actor): Promise<OperationOutput<'deviceSelf'>> {
  return { role: actor.role, label: actor.label, tokenId: actor.tokenId ?? null };
}
