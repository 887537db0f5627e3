// The data directory holds guest names (the log, the database), device tokens' hashes and the
// TLS and pairing keys: nobody but the user Marquee runs as may read it. Made 0700; one made
// earlier with the umask's 0755 is closed when it is ours to change.
import { chmodSync, mkdirSync, statSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function securePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    const stat = statSync(dir);
    const ours = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    if (ours && (stat.mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // A directory we cannot change (another owner, a read-only mount) is the operator's choice.
  }
}
