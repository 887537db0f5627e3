// Where a command's logs go. The console stays quiet: warnings and errors only, as short human
// lines on a terminal and as JSON lines when stderr is not one (systemd, a pipe, a log
// shipper). Everything at MARQUEE_LOG_LEVEL (default info: request lines, migrations, sweeps)
// also goes to <data dir>/marquee.log. MARQUEE_LOG_LEVEL=debug brings it all to the console.
import { mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream, type Level, type Logger as PinoLogger } from 'pino';
import type { Config } from '../config';
import { REDACTED_PATHS } from '../log';

export const LOG_FILE = 'marquee.log';
/** Past this size the file is moved to marquee.log.1 at the next start (one old file kept). */
const ROTATE_BYTES = 20 * 1024 * 1024;

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

function openLogFile(dataDir: string): DestinationStream | null {
  try {
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, LOG_FILE);
    try {
      if (statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`);
    } catch {
      /* no file yet */
    }
    // Written asynchronously: a line per request must not cost a synchronous write on the
    // request path (issue 14). Lines written while one write is in flight go out together;
    // pino flushes what is pending when the process exits.
    return pino.destination({ dest: file, sync: false });
  } catch {
    return null; // a read-only data directory must not stop the box office; the console still speaks
  }
}

/** The logger of a long-running command (serve): quiet console, full file. */
export function createCommandLogger(config: Pick<Config, 'logLevel' | 'dataDir'>, options: { file?: boolean } = {}): PinoLogger {
  const consoleLevel = (config.logLevel === 'debug' ? 'debug' : LEVEL_ORDER[config.logLevel]! > LEVEL_ORDER.warn! ? config.logLevel : 'warn') as Level | 'silent';
  const streams: pino.StreamEntry[] = [];
  if (consoleLevel !== 'silent') streams.push({ level: consoleLevel as Level, stream: consoleStream() });
  const file = options.file !== false && config.logLevel !== 'silent' ? openLogFile(config.dataDir) : null;
  if (file) streams.push({ level: config.logLevel as Level, stream: file });
  const lowest = streams.length ? streams.map((s) => s.level as Level).sort((a, b) => LEVEL_ORDER[a]! - LEVEL_ORDER[b]!)[0]! : 'silent';
  return pino(
    { level: lowest, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'marquee' } },
    pino.multistream(streams),
  );
}
