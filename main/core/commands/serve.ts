// `marquee serve`: the box office without Electron — database, migrations, expiry sweep, the
// HTTPS listener and the web UIs — until SIGINT, SIGTERM or SIGHUP.
import path from 'node:path';
import { startCore } from '../app';
import type { Config } from '../config';
import { parseDbUrl } from '../db/target';
import { waitForDatabase } from '../db/wait';
import { checkListenerConfig, startListener } from '../http/listener';
import { TLS_FILES } from '../tls/certificates';
import { LOG_FILE, createCommandLogger } from './console-log';
import { tokenCreateHints } from './hint';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function serveCommand(config: Config): Promise<number> {
  checkListenerConfig(config);
  const logger = createCommandLogger(config);
  // A configured server may still be starting (the machine just booted): wait for it rather
  // than fail; a refusal (password, unknown database) ends start-up at once with its sentence.
  if (config.dbUrl) {
    await waitForDatabase(parseDbUrl(config.dbUrl), { seconds: config.dbWaitSeconds, onWaiting: (line) => console.error(line) });
  }
  const core = await startCore(config, { logger });
  let listener;
  try {
    listener = await startListener(core, { logger });
  } catch (err) {
    await core.close();
    throw err;
  }
  const lines = [
    `Listening on ${listener.url}`,
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
  lines.push(
    '  Device tokens, one per device:',
    ...tokenCreateHints().map((hint) => `    ${hint}`),
    `  Log: ${path.join(config.dataDir, LOG_FILE)}`,
    '  Stop with Ctrl+C.',
  );
  console.log(lines.join('\n'));

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of STOP_SIGNALS) process.once(s, resolve);
  });
  console.log(`${signal}: finishing requests in flight, then stopping.`);
  // A second signal means "now": do not make an operator wait on a stuck request. The embedded
  // database is still told to stop on the way out (embedded-server.ts, process 'exit').
  const impatient = () => process.exit(130);
  for (const s of STOP_SIGNALS) process.once(s, impatient);
  await listener.close();
  await core.close();
  console.log('Stopped.');
  for (const s of STOP_SIGNALS) process.off(s, impatient);
  return 0;
}
