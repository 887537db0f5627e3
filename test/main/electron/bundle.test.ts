// The built main bundle (dist/main/electron.js), booted under plain Node with a stand-in for
// the electron module: the real core, listener and database behind the real IPC handlers.
// This is as close to the app as a machine without the Electron binary gets.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security';
import { createTestDatabase, type TestDatabase } from '../../support/db';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLE = path.join(ROOT, 'dist/main/electron.js');
const STAND_IN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/electron-stand-in/register.mjs');

let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-bundle-'));
});
afterAll(async () => {
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function runBundle(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', STAND_IN, BUNDLE, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        MARQUEE_DB_URL: database.url,
        MARQUEE_DATA_DIR: dataDir,
        MARQUEE_HTTP_HOST: '127.0.0.1',
        MARQUEE_HTTP_PORT: '0',
        MARQUEE_TIMEZONE: 'UTC',
        MARQUEE_LOG_LEVEL: 'error',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built Electron main bundle', () => {
  it('boots the core, serves app://, answers the bridge and shuts down cleanly', { timeout: 90_000 }, async () => {
    expect(existsSync(BUNDLE), 'run `npm run build` first (npm test does)').toBe(true);
    const { code, stdout, stderr } = await runBundle(['--manager']);
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `no RESULT line; stderr:\n${stderr}`).toBeDefined();
    const result = JSON.parse(line!.slice('RESULT '.length));

    expect(result.url).toBe('app://marquee/manager/');
    expect(result.page).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(result.traversalStatus).toBe(404);
    expect(result.info).toMatchObject({ mode: 'manager', timeZone: 'UTC' });
    expect(result.bookings.map((b: { ok: boolean; value?: { seatsLeft: number }; error?: { code: string } }) => (b.ok ? b.value!.seatsLeft : b.error!.code))).toEqual([
      1,
      0,
      'HOUSEFULL',
    ]);
    expect(result.invalid).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', field: 'userName' }) });
    expect(result.fromSubframe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(result.seatUpdates).toBeGreaterThan(0);
    // The first quit was held for the core to close; the second went through with exit code 0.
    expect(stdout.match(/QUIT HELD/g)).toHaveLength(1);
    expect(code).toBe(0);
  });
});
