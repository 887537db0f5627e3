// `marquee serve`: the box office without Electron — database, migrations, expiry sweep, the
// HTTPS listener and the web UIs — until SIGINT, SIGTERM or SIGHUP.
import { startCore } from '../app';
import type { Config } from '../config';
import { parseDbUrl } from '../db/target';
import { waitForDatabase } from '../db/wait';
import { checkListenerConfig, startListener } from '../http/listener';
import { startBanner } from './banner';
import { createCommandLogger } from './console-log';

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
  const lines = startBanner(config, listener, core.embedded);
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
