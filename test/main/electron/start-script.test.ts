import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScript } from './start-script';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder whose node_modules/electron looks like an install, with or without the binary. */
function project({ pathTxt, binary }: { pathTxt?: string; binary?: string }): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marquee-start-'));
  made.push(root);
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  if (pathTxt !== undefined) writeFileSync(path.join(pkg, 'path.txt'), pathTxt);
  if (binary !== undefined) writeFileSync(path.join(pkg, 'dist', binary), '');
  return root;
}

describe('findElectronBinary', () => {
  it('finds the binary path.txt names inside dist/', () => {
    const root = project({ pathTxt: 'electron', binary: 'electron' });
    expect(startScript.findElectronBinary(root, {})).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('says none when the download never happened (no path.txt) or did not finish (no binary)', () => {
    expect(startScript.findElectronBinary(project({}), {})).toBeNull();
    expect(startScript.findElectronBinary(project({ pathTxt: 'electron' }), {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const root = project({});
    const dist = mkdtempSync(path.join(os.tmpdir(), 'marquee-electron-dist-'));
    made.push(dist);
    writeFileSync(path.join(dist, 'electron'), '');
    expect(startScript.findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(path.join(dist, 'electron'));
  });
});

describe('the fallback message', () => {
  it('says why, what happens instead, where the kiosk UI is and how to get the real app', () => {
    const message = startScript.fallbackMessage({});
    expect(message).toMatch(/Electron binary is not installed/);
    expect(message).toMatch(/marquee serve/);
    expect(message).toContain('https://localhost:8443/kiosk/');
    expect(message).toMatch(/npm run dist/);
  });

  it('points at the configured host and port', () => {
    expect(startScript.kioskUrl({ MARQUEE_HTTP_HOST: '127.0.0.1', MARQUEE_HTTP_PORT: '9000', MARQUEE_HTTP_PLAIN: '1' })).toBe('http://127.0.0.1:9000/kiosk/');
  });
});
