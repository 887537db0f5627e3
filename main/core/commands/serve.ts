// `marquee serve`: the box office without Electron — database, migrations, expiry sweep, the
// HTTPS listener and the web UIs — until SIGINT or SIGTERM.
import path from 'node:path';
import { startCore } from '../app';
import type { Config } from '../config';
import type { Logger } from '../log';
import { checkListenerConfig, startListener } from '../http/listener';
import { TLS_FILES } from '../tls/certificates';

export async function serveCommand(config: Config, logger: Logger): Promise<void> {
  checkListenerConfig(config);
  const core = await startCore(config, { logger });
  let listener;
  try {
    listener = await startListener(core, { logger });
  } catch (err) {
    await core.close();
    throw err;
  }
  const lines = [`Listening on ${listener.url}`, `  Kiosk:    ${listener.lanUrl}/kiosk/`, `  Manager:  ${listener.lanUrl}/manager/`];
  if (listener.fingerprint) {
    lines.push(
      `  Certificate SHA-256 fingerprint: ${listener.fingerprint}`,
      config.tlsCertFile
        ? `  Certificate: ${config.tlsCertFile}`
        : `  LAN devices trust this server by installing its CA: ${path.join(config.dataDir, 'tls', TLS_FILES.ca)}`,
    );
  }
  lines.push('  Device tokens: marquee token create --role kiosk|viewer|manager --label "Lobby kiosk"', '  Stop with Ctrl+C.');
  console.log(lines.join('\n'));

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log(`${signal}: finishing requests in flight, then stopping.`);
  // A second signal means "now": do not make an operator wait on a stuck request.
  const impatient = () => process.exit(130);
  process.once('SIGINT', impatient);
  process.once('SIGTERM', impatient);
  await listener.close();
  await core.close();
  console.log('Stopped.');
  process.off('SIGINT', impatient);
  process.off('SIGTERM', impatient);
}
