// What `marquee serve` prints once it listens: where, on which database, and the three steps
// from nothing to a working box office, in the order a person takes them (issue 24): a manager
// token, the manager page, then kiosks and doors paired from there with a 6-digit code.
import path from 'node:path';
import type { Config } from '../config';
import type { EmbeddedServer } from '../db/embedded-server';
import type { ListenerHandle } from '../http/listener';
import { METRICS_PATH } from '../http/metrics-route';
import { TLS_FILES } from '../tls/certificates';
import { LOG_FILE } from './console-log';
import { databaseLine, sameDatabasePrefix } from './database-line';
import { tokenCreateHint } from './hint';

export function startBanner(config: Config, listener: Pick<ListenerHandle, 'url' | 'lanUrl' | 'fingerprint'>, embedded: EmbeddedServer | null): string[] {
  const lines = [
    `Listening on ${listener.url}`,
    `  ${databaseLine(config, embedded)}`,
    `  Kiosk:    ${listener.lanUrl}/kiosk/`,
    `  Manager:  ${listener.lanUrl}/manager/`,
    `  Door:     ${listener.lanUrl}/door/`,
  ];
  if (listener.fingerprint) {
    lines.push(
      `  Certificate SHA-256 fingerprint: ${listener.fingerprint}`,
      config.tlsCertFile
        ? `  Certificate: ${config.tlsCertFile}`
        : `  LAN devices trust this server by installing its CA: ${path.join(config.dataDir, 'tls', TLS_FILES.ca)}`,
    );
  }
  const sameDatabase = config.dbUrl ? '   (with the MARQUEE_DB_URL this serve has)' : '';
  lines.push(
    '  Getting started:',
    `    1. Make a manager token, in another terminal:  ${sameDatabasePrefix(config)}${tokenCreateHint('manager')}${sameDatabase}`,
    `    2. Open the manager page and paste the token:  ${listener.lanUrl}/manager/`,
    '    3. Pair kiosks and doors there: "Devices & server" → "Pair a device" shows a 6-digit code to type on each device.',
    `  Metrics:  ${listener.lanUrl}${METRICS_PATH} (a manager or viewer token, or MARQUEE_METRICS_TOKEN)`,
    `  Log: ${path.join(config.dataDir, LOG_FILE)}`,
    '  Stop with Ctrl+C.',
  );
  return lines;
}
