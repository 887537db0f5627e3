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

function runBundle(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
        ...env,
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

/** The one `RESULT <json>` line the stand-in driver prints. */
function resultOf({ stdout, stderr }: { stdout: string; stderr: string }) {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  expect(line, `no RESULT line; stderr:\n${stderr}`).toBeDefined();
  return JSON.parse(line!.slice('RESULT '.length));
}

describe('the built Electron main bundle', () => {
  /** A ticket the manager run booked, for the door run to admit. */
  let bookedCode: string;

  it('boots the core, serves app://, answers the bridge and shuts down cleanly', { timeout: 90_000 }, async () => {
    expect(existsSync(BUNDLE), 'run `npm run build` first (npm test does)').toBe(true);
    const run = await runBundle(['--manager']);
    const { code, stdout } = run;
    const result = resultOf(run);

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
    bookedCode = result.bookings[0].value.ticketCode;
  });

  it('--door opens the scanner full screen, grants it the camera only, and admits a ticket once', { timeout: 90_000 }, async () => {
    expect(bookedCode, 'the manager run books the ticket this run admits').toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The manager run's show starts in 3 hours: open its doors that early.
    const run = await runBundle(['--door'], { MARQUEE_CHECKIN_OPENS_MINUTES: '240', STAND_IN_TICKET_CODE: bookedCode });
    const result = resultOf(run);
    expect(result).toMatchObject({ url: 'app://marquee/door/', kiosk: true, pageStatus: 200, info: { mode: 'door' } });
    expect({ camera: result.camera, microphone: result.microphone, cameraCheck: result.cameraCheck, geolocation: result.geolocation }).toEqual({
      camera: true,
      microphone: false,
      cameraCheck: true,
      geolocation: false,
    });
    expect(result.shows.ok).toBe(true);
    expect(result.checkIn).toMatchObject({ ok: true, value: { userName: 'Guest 0' } });
    expect(result.again).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
    expect(result.book).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(run.code).toBe(0);
  });
});
