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

let embedded: EmbeddedServer | null = null;
let dir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  const configured = process.env.MARQUEE_TEST_DB_URL?.trim();
  if (configured) {
    project.provide('serverUrl', configured);
    return;
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-test-'));
  embedded = await startEmbeddedServer({ dataDir: dir });
  console.log(`[test] embedded database server started (${embedded.target.socketPath})`);
  project.provide('serverUrl', formatDbUrl(embedded.target));
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
