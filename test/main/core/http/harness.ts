// The listener in-process for the HTTP tests: a fresh database, the core, the real HTTPS
// listener on 127.0.0.1 port 0 with its own CA in a temp data directory, and a client that
// trusts exactly that CA.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MarqueeError } from '../../../../main/common/errors';
import type { Role } from '../../../../main/common/operations';
import { startCore } from '../../../../main/core/app';
import { createToken, revokeToken } from '../../../../main/core/auth/tokens';
import type { Config } from '../../../../main/core/config';
import type { Core } from '../../../../main/core/core';
import { silentLogger } from '../../../../main/core/log';
import { startListener, type ListenerHandle, type ListenerOptions } from '../../../../main/core/http/listener';
import { createHttpsClient, type HttpsClient } from '../../../support/server';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../../support/db';

export interface Harness {
  database: TestDatabase;
  core: Core;
  listener: ListenerHandle;
  baseUrl: string;
  dataDir: string;
  client: HttpsClient;
  token(role: Role, label?: string): Promise<string>;
  revokedToken(role: Role): Promise<string>;
  /**
   * A show time `minutes` from now by the database clock. Unless it is expired, its show is
   * made as the manager would (kiosks book and move only into shows that exist).
   */
  showTime(minutes: number): Promise<string>;
  close(): Promise<void>;
}

/** Schedules the show at `showTime` unless one is already there (two calls may land on one second). */
async function openShowAt(core: Core, showTime: string): Promise<void> {
  await core.run('createShow', { showTime, confirmPast: true }, { role: 'manager', label: 'test schedule' }).catch((err: unknown) => {
    if (!(err instanceof MarqueeError && err.code === 'SHOW_EXISTS')) throw err;
  });
}

export async function startHarness(
  overrides: Partial<Config> = {}, options: Partial<ListenerOptions> = {},
): Promise<Harness> {
  // The overrides reach the migrations too: "Screen 1" takes MARQUEE_CAPACITY as its seats.
  const database = await createTestDatabase(overrides);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-http-'));
  const config: Config = {
    ...database.config,
    dataDir,
    httpHost: '127.0.0.1',
    httpPort: 0,
    // Tests send thousands of requests with one token; the limit itself has its own test.
    rateLimitPerMinute: 1_000_000,
    ...overrides,
  };
  const core = await startCore(config, { sweep: false });
  const listener = await startListener(core, { logger: silentLogger, uiDir: null, ...options });
  const scheme = listener.url.startsWith('https') ? 'https' : 'http';
  const baseUrl = `${scheme}://127.0.0.1:${listener.port}`;
  const client = createHttpsClient(baseUrl, listener.caCertPem);
  let made = 0;
  return {
    database,
    core,
    listener,
    baseUrl,
    dataDir,
    client,
    token: async (role, label) => (await createToken(core.db, role, label ?? `${role} device ${++made}`)).token,
    async revokedToken(role) {
      const { id, token } = await createToken(core.db, role, `revoked ${role} ${++made}`);
      await revokeToken(core.db, id);
      return token;
    },
    async showTime(minutes) {
      const showTime = await showTimeFromNow(database.db, minutes);
      if (minutes > -config.expireHours * 60) await openShowAt(core, showTime);
      return showTime;
    },
    async close() {
      client.close();
      await listener.close();
      await core.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
