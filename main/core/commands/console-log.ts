// Where a command's logs go. The console stays quiet: warnings and errors only, as short human
// lines on a terminal and as JSON lines when stderr is not one (systemd, a pipe, a log
// shipper). Everything at MARQUEE_LOG_LEVEL (default info: request lines, migrations, sweeps)
// also goes to <data dir>/marquee.log (0600, rotated by size: MARQUEE_LOG_MAX_BYTES ×
// MARQUEE_LOG_FILES). MARQUEE_LOG_LEVEL=debug brings it all to the console.
import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream, type Level, type Logger as PinoLogger } from 'pino';
import { createStream } from 'rotating-file-stream';
import type { Config } from '../config';
import { REDACTED_PATHS } from '../log';
import { PRIVATE_FILE_MODE, securePrivateDir } from '../private-files';

export const LOG_FILE = 'marquee.log';
/** The most characters of log lines written at once (see openLogFile). */
const LOG_BATCH_CHARS = 8192;

const LEVEL_ORDER: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const NOT_DETAILS = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname']);

/** One log record as a line a person reads: time, level, message, then the details as key=value. */
export function humanLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = new Date(Number(record.time) || Date.now()).toTimeString().slice(0, 8);
  const details = Object.entries(record)
    .filter(([key, value]) => !NOT_DETAILS.has(key) && value !== undefined)
    .map(([key, value]) => {
      if (key === 'err' && value && typeof value === 'object') return `error="${String((value as { message?: unknown }).message ?? '')}"`;
      return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    });
  return [time, LEVEL_NAMES[Number(record.level)] ?? 'LOG', String(record.msg ?? ''), ...details].join(' ');
}

function consoleStream(): DestinationStream {
  if (!process.stderr.isTTY) return process.stderr;
  return { write: (chunk: string) => void process.stderr.write(`${humanLine(chunk)}\n`) };
}

/** The log and the files it rotated into, made before logs were private, closed now. */
function closeOldFiles(file: string, keep: number): void {
  for (const name of [file, ...Array.from({ length: keep }, (_, i) => `${file}.${i + 1}`)]) {
    try {
      if ((statSync(name).mode & 0o077) !== 0) chmodSync(name, PRIVATE_FILE_MODE);
    } catch {
      /* not there */
    }
  }
}

function openLogFile(config: LogFileConfig): DestinationStream | null {
  try {
    securePrivateDir(config.dataDir);
    const file = path.join(config.dataDir, LOG_FILE);
    closeOldFiles(file, config.logFiles);
    // Rotated by size while running (marquee.log → .1 → … → .N, the oldest dropped), so a serve
    // that runs for months holds at most (N + 1) × size on disk. Written asynchronously: a line
    // per request must not cost a synchronous write on the request path (issue 14).
    const stream = createStream(LOG_FILE, {
      path: config.dataDir,
      size: `${config.logMaxBytes}B`,
      rotate: config.logFiles,
      mode: PRIVATE_FILE_MODE,
    });
    let failed = false;
    // A full disk or a vanished directory ends file logging with one line on stderr; the box
    // office goes on, and the console still speaks.
    stream.on('error', (err: Error) => {
      if (!failed) process.stderr.write(`marquee: stopped writing ${file}: ${err.message}\n`);
      failed = true;
    });
    // One write at a time, of the lines that came while the last was under way (up to
    // LOG_BATCH_CHARS, so a file passes its size by one small batch at most): the stream writes
    // each chunk it is given with a file write of its own, and under load (thousands of request
    // lines a second) those fell behind, each waiting line a Buffer (20-25 MB of them at the
    // bench's peak on a quiet machine; issue 25).
    const waiting: string[] = [];
    let writing = false;
    const writeWaiting = () => {
      if (writing || failed || waiting.length === 0) return;
      let count = 1;
      let chars = waiting[0]!.length;
      while (count < waiting.length && chars + waiting[count]!.length <= LOG_BATCH_CHARS) chars += waiting[count++]!.length;
      const chunk = waiting.splice(0, count).join('');
      writing = true;
      stream.write(chunk, () => {
        writing = false;
        writeWaiting();
      });
    };
    return {
      write: (line: string) => {
        if (failed) return;
        waiting.push(line);
        writeWaiting();
      },
    };
  } catch {
    return null; // a read-only data directory must not stop the box office; the console still speaks
  }
}

type LogFileConfig = Pick<Config, 'dataDir' | 'logMaxBytes' | 'logFiles'>;

/** The logger of a long-running command (serve): quiet console, full file. */
export function createCommandLogger(config: Pick<Config, 'logLevel'> & LogFileConfig, options: { file?: boolean } = {}): PinoLogger {
  const consoleLevel = (config.logLevel === 'debug' ? 'debug' : LEVEL_ORDER[config.logLevel]! > LEVEL_ORDER.warn! ? config.logLevel : 'warn') as Level | 'silent';
  const streams: pino.StreamEntry[] = [];
  if (consoleLevel !== 'silent') streams.push({ level: consoleLevel as Level, stream: consoleStream() });
  const file = options.file !== false && config.logLevel !== 'silent' ? openLogFile(config) : null;
  if (file) streams.push({ level: config.logLevel as Level, stream: file });
  const lowest = streams.length ? streams.map((s) => s.level as Level).sort((a, b) => LEVEL_ORDER[a]! - LEVEL_ORDER[b]!)[0]! : 'silent';
  return pino(
    { level: lowest, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'marquee' } },
    pino.multistream(streams),
  );
}
