// One pairing secret for every serve and core a test process starts: several serves on one
// database must hash codes alike (README: "Running several serves"), as a real site would set
// MARQUEE_PAIRING_KEY_FILE. Made lazily in a temporary directory that goes when the process does.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let file: string | undefined;

export function testPairingKeyFile(): string {
  if (file === undefined) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-pairing-key-'));
    file = path.join(dir, 'pairing.key');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return file;
}
