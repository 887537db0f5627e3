// The backup file: a plain POSIX tar holding two members, so an operator can look inside with
// `tar -tvf` and read the manifest with `tar -xOf FILE manifest.json`, and a copy on a USB stick
// is one file:
//   marquee.sql.gz  the compressed dump (first, so it is written in one pass: its header, which
//                   needs the size, is written last, over a placeholder)
//   manifest.json   what the dump holds and its SHA-256
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError } from './errors';

export const DUMP_MEMBER = 'marquee.sql.gz';
export const MANIFEST_MEMBER = 'manifest.json';
const BLOCK = 512;
/** A manifest is a few KB; anything larger is not one of ours. */
const MANIFEST_MAX = 1024 * 1024;

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar header for a regular file, mode 0600. */
function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o600, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  return header;
}

function readHeader(block: Buffer): { name: string; size: number } | null {
  if (block.length < BLOCK || block.subarray(257, 262).toString('ascii') !== 'ustar') return null;
  const name = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
  const size = parseInt(block.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
  return Number.isFinite(size) ? { name, size } : null;
}

/** The dump member's bytes as written: their count and SHA-256. */
export interface WrittenDump {
  bytes: number;
  sha256: string;
}

/**
 * Writes `file` (mode 0600; it must not exist): streams `dump` (already compressed) into the
 * dump member, then calls `manifestFor` with the member's size and hash and appends its answer.
 */
export async function writeBackupArchive(
  file: string, dump: Readable, manifestFor: (written: WrittenDump) => Promise<object> | object,
): Promise<void> {
  const mtime = new Date();
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.write(Buffer.alloc(BLOCK), 0, BLOCK, 0);
    const hash = createHash('sha256');
    let bytes = 0;
    const out = createWriteStream('', { fd: handle.fd, start: BLOCK, autoClose: false });
    await pipeline(
      dump,
      new Writable({
        write(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          if (out.write(chunk)) done();
          else out.once('drain', done);
        },
        final(done) {
          out.end(done);
        },
      }),
    );
    const written = { bytes, sha256: hash.digest('hex') };
    const manifest = Buffer.from(`${JSON.stringify(await manifestFor(written), null, 2)}\n`, 'utf8');
    let at = BLOCK + bytes;
    const append = async (buffer: Buffer) => {
      await handle.write(buffer, 0, buffer.length, at);
      at += buffer.length;
    };
    await append(Buffer.alloc(padding(bytes)));
    await append(tarHeader(MANIFEST_MEMBER, manifest.length, mtime));
    await append(manifest);
    await append(Buffer.alloc(padding(manifest.length) + 2 * BLOCK));
    await handle.write(tarHeader(DUMP_MEMBER, bytes, mtime), 0, BLOCK, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface BackupArchive {
  file: string;
  /** The manifest as parsed JSON (checked by manifest.ts). */
  manifest: unknown;
  dump: { offset: number; bytes: number };
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Opens a backup file: finds its two members and parses the manifest. */
export async function readBackupArchive(file: string): Promise<BackupArchive> {
  const notOurs = () => new BackupError(`${file} is not a Marquee backup (expected a tar file holding ${DUMP_MEMBER} and ${MANIFEST_MEMBER}).`);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new BackupError(code === 'ENOENT' ? `There is no file ${file}.` : `Cannot read ${file} (${code ?? (err as Error).message}).`);
  }
  try {
    const dumpHeader = readHeader(await readAt(handle, 0, BLOCK));
    if (!dumpHeader || dumpHeader.name !== DUMP_MEMBER) throw notOurs();
    const manifestAt = BLOCK + dumpHeader.size + padding(dumpHeader.size);
    const manifestHeader = readHeader(await readAt(handle, manifestAt, BLOCK));
    if (!manifestHeader || manifestHeader.name !== MANIFEST_MEMBER || manifestHeader.size > MANIFEST_MAX) {
      throw new BackupError(`${file} is cut short or damaged: its manifest is missing (was the copy complete?).`);
    }
    const text = (await readAt(handle, manifestAt + BLOCK, manifestHeader.size)).toString('utf8');
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch {
      throw new BackupError(`${file} is damaged: its manifest is not readable JSON.`);
    }
    return { file, manifest, dump: { offset: BLOCK, bytes: dumpHeader.size } };
  } finally {
    await handle.close();
  }
}

/** The dump member's bytes, still compressed. */
export function dumpBytes(archive: BackupArchive): ReadStream {
  return createReadStream(archive.file, { start: archive.dump.offset, end: archive.dump.offset + archive.dump.bytes - 1 });
}

/** The SHA-256 of the dump member as it is on disk now. */
export async function hashDump(archive: BackupArchive): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of dumpBytes(archive)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
