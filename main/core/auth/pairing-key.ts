// The server secret pairing codes are hashed with. A six-digit code has only a million values,
// so a plain hash of it is reversed by trying them all; keyed with a random 32-byte secret that
// lives beside the TLS key and never in the database, a copy of the table reveals no code.
// Every serve on one database must hold the same secret (README: "Running several serves").
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}$/;

function readKey(file: string): Buffer {
  const text = readFileSync(file, 'utf8').trim();
  if (!KEY_TEXT.test(text)) {
    throw new ConfigError(`The pairing key ${file} is not 64 hex digits. Remove it to make a new one (open pairing codes stop working), or copy the one the other serves use.`);
  }
  return Buffer.from(text, 'hex');
}

/**
 * Made on first use, written whole under another name and linked into place: of several
 * processes starting at once exactly one key wins, and nobody reads a half-written file.
 */
function createKey(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const staging = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(staging, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(staging, 0o600);
  try {
    linkSync(staging, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(staging, { force: true });
  }
}

const loaded = new Map<string, Buffer>();

/** The secret in `file`, made there if there is none yet; read once per process. */
export function pairingKey(file: string): Buffer {
  const known = loaded.get(file);
  if (known) return known;
  let key: Buffer;
  try {
    key = readKey(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`Cannot read the pairing key ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    createKey(file);
    key = readKey(file);
  }
  loaded.set(file, key);
  return key;
}

/** What `pairing_code.code_hash` holds for a code: HMAC-SHA256 under the server secret, hex. */
export function hashPairingCode(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(code, 'utf8').digest('hex');
}
