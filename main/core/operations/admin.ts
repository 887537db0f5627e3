// Manager-only operations about the box office itself: server status and device tokens.
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { BACKUP_STALE_HOURS } from '../../common/schemas';
import { formatInZone } from '../../common/time';
import { lastBackupRuns } from '../backup/history';
import { createPairingCode, redeemPairingCode } from '../auth/pairing';
import { pairingKey } from '../auth/pairing-key';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import type { OperationContext, RunOptions } from './context';

export async function serverStatus(ctx: OperationContext): Promise<OperationOutput<'serverStatus'>> {
  const [health, backup] = await Promise.all([ctx.status(), backupStatus(ctx)]);
  return { ...health, listener: ctx.listener(), backup };
}

/** The last backup from marquee_backup (sql/020): the same answer from every serve of a cluster. */
async function backupStatus(ctx: OperationContext): Promise<OperationOutput<'serverStatus'>['backup']> {
  const tz = ctx.config.timeZone;
  const schedule = ctx.config.backupCron ?? null;
  let runs;
  try {
    runs = await lastBackupRuns(ctx.db);
  } catch {
    // The database is down: the status says so in `database`; nothing is known of backups.
    return { last: null, stale: true, lastFailure: null, schedule };
  }
  const { lastGood, lastFailed } = runs;
  const ageHours = lastGood ? Math.max(0, (Date.now() - lastGood.finishedAt.getTime()) / 3_600_000) : null;
  return {
    last: lastGood && {
      at: formatInZone(lastGood.finishedAt, tz),
      file: lastGood.file ?? '',
      host: lastGood.host,
      bytes: lastGood.bytes ?? 0,
      kind: lastGood.kind,
      ageHours: Math.round(ageHours! * 10) / 10,
      copyError: lastGood.copyError,
    },
    stale: ageHours === null || ageHours > BACKUP_STALE_HOURS,
    lastFailure: lastFailed && { at: formatInZone(lastFailed.finishedAt, tz), error: lastFailed.error ?? '' },
    schedule,
  };
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
