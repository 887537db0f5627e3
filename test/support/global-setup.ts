// One database server for the whole run: MARQUEE_TEST_DB_URL if set, else the embedded
// default started in a fresh directory (what a newcomer's machine does). Each test file
// then makes its own database on it (test/support/db.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer, type EmbeddedServer } from '../../main/core/db/embedded-server';
import { formatDbUrl } from '../../main/core/db/target';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
  }
}

/**
 * Every project (fast, slow) runs this setup, each in a module instance of its own, in the one
 * main process: the embedded server is kept on globalThis so the projects share one instead of
 * each installing and starting its own; the last teardown stops it.
 */
interface Shared {
  started: Promise<{ embedded: EmbeddedServer; dir: string }>;
  users: number;
}
const KEY = Symbol.for('marquee.test.embeddedServer');
const holder = globalThis as { [KEY]?: Shared };

function startShared(): Promise<{ embedded: EmbeddedServer; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-test-'));
  return startEmbeddedServer({ dataDir: dir }).then((embedded) => {
    console.log(`[test] embedded database server started (${embedded.target.socketPath})`);
    return { embedded, dir };
  });
}

export async function setup(project: TestProject): Promise<void> {
  const configured = process.env.MARQUEE_TEST_DB_URL?.trim();
  if (configured) {
    project.provide('serverUrl', configured);
    return;
  }
  const shared = (holder[KEY] ??= { started: startShared(), users: 0 });
  shared.users += 1;
  const { embedded } = await shared.started;
  project.provide('serverUrl', formatDbUrl(embedded.target));
}

export async function teardown(): Promise<void> {
  const shared = holder[KEY];
  if (!shared || --shared.users > 0) return;
  delete holder[KEY];
  const { embedded, dir } = await shared.started;
  await embedded.stop();
  rmSync(dir, { recursive: true, force: true });
}
