import net from 'node:net';
import { expect, test } from 'vitest';
import { loadConfig } from '../../../../main/core/config';
import { Database } from '../../../../main/core/db/database';
import { runOperation } from '../../../../main/core/operations';
import { createOperationContext } from '../../../../main/core/operations/context';

test('no database listening → DB_UNAVAILABLE, not a driver message', async () => {
  // A port that was free a moment ago: nothing answers there.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));

  const db = new Database({ host: '127.0.0.1', port, user: 'root', password: '', database: 'marquee' });
  const ctx = createOperationContext(db, loadConfig({ MARQUEE_TIMEZONE: 'UTC' }));
  try {
    const err = await runOperation(ctx, 'listShows', {}, { role: 'kiosk', label: 'k' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', status: 503 });
    expect((err as Error).message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(await db.ping()).toBe(false);
  } finally {
    await db.close();
  }
});
