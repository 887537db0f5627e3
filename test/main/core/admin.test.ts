// The manager's operations about the box office itself: server status and device tokens.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyToken } from '../../../main/core/auth/tokens';
import { createOperationContext } from '../../../main/core/operations/context';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const manager = { role: 'manager' as const, label: 'office' };
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

test('a token made by the manager works until it is revoked; the list never shows secrets', async () => {
  const made = await runOperation(t.ctx, 'createToken', { role: 'viewer', label: '  Foyer   sign ' }, manager);
  expect(made).toMatchObject({ role: 'viewer', label: 'Foyer sign' });
  await expect(verifyToken(t.db, made.token)).resolves.toMatchObject({ role: 'viewer', label: 'Foyer sign' });

  const list = await runOperation(t.ctx, 'listTokens', {}, manager);
  expect(list).toEqual([expect.objectContaining({ tokenId: made.tokenId, label: 'Foyer sign', role: 'viewer', revokedAt: null })]);
  expect(JSON.stringify(list)).not.toContain(made.token);

  expect(await runOperation(t.ctx, 'revokeToken', { tokenId: String(made.tokenId) }, manager)).toEqual({ tokenId: made.tokenId, outcome: 'revoked' });
  await expect(verifyToken(t.db, made.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  expect((await runOperation(t.ctx, 'revokeToken', { tokenId: made.tokenId }, manager)).outcome).toBe('already-revoked');
  expect((await runOperation(t.ctx, 'revokeToken', { tokenId: 99999 }, manager)).outcome).toBe('not-found');
});

test('bad token input names the field; only the manager may manage devices', async () => {
  await expect(runOperation(t.ctx, 'createToken', { role: 'admin', label: 'x' }, manager)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'role' });
  await expect(runOperation(t.ctx, 'createToken', { role: 'kiosk', label: '' }, manager)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'label' });
  for (const role of ['kiosk', 'viewer'] as const) {
    await expect(runOperation(t.ctx, 'createToken', { role: 'manager', label: 'sneaky' }, { role, label: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runOperation(t.ctx, 'serverStatus', {}, { role, label: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }
});

test('server status reports the database, the last sweep and the listener', async () => {
  const report = { at: '2026-11-24T10:00:00.000Z', marked: 3, deleted: 3, released: 0, batches: 1, durationMs: 4, error: null };
  const ctx = createOperationContext(t.db, t.config, { lastSweep: () => report, listener: () => ({ url: 'https://10.0.0.5:8443', fingerprint: 'AB:CD' }) });
  const status = await runOperation(ctx, 'serverStatus', {}, manager);
  expect(status).toMatchObject({ database: 'up', lastSweep: report, listener: { url: 'https://10.0.0.5:8443', fingerprint: 'AB:CD' } });
  expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
});
