// Structured logs (pino). Personal data never reaches them: phone fields are redacted
// wherever they appear, and request bodies are not logged.
import pino, { type Logger as PinoLogger } from 'pino';
import type { Config } from './config';

export const REDACTED_PATHS = ['phoneNo', '*.phoneNo', '*.*.phoneNo', 'phone_no', '*.phone_no', 'req.headers.authorization'];

export function createLogger(level: Config['logLevel']): PinoLogger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'marquee' } });
}

export type { PinoLogger };
