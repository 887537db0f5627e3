// Structured logs (pino). Personal data never reaches them: phone fields are redacted
// wherever they appear, and request bodies are not logged.
import pino, { type Logger as PinoLogger } from 'pino';
import type { Config } from './config';

/** What the core logs through: pino in production, nothing in tests that do not care. */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export const REDACTED_PATHS = ['phoneNo', '*.phoneNo', '*.*.phoneNo', 'phone_no', '*.phone_no', 'req.headers.authorization'];

export function createLogger(level: Config['logLevel']): PinoLogger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'marquee' } });
}

export type { PinoLogger };
