// The `marquee` command line (README; docs/ARCHITECTURE.md): serve · migrate · token create|list|revoke.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { EmbeddedServerError } from './db/embedded-server';
import { MigrationError } from './db/migrate';
import { createLogger } from './log';
import { migrateCommand } from './commands/migrate';

const USAGE = `Usage: marquee <command>

  serve                                 run the box office headless: database, sweep, HTTPS API, web UIs
  migrate                               apply database migrations and exit
  token create --role R --label L       make a device token (R: kiosk | viewer | manager); printed last
  token list                            list device tokens
  token revoke --id N                   revoke a device token at once

Configuration comes from MARQUEE_* environment variables; see the README.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const logger = createLogger(command === 'serve' ? config.logLevel : 'warn');
  switch (command) {
    case 'migrate':
      await migrateCommand(config, logger);
      return 0;
    case 'serve': {
      const { serveCommand } = await import('./commands/serve');
      await serveCommand(config, logger);
      return 0;
    }
    case 'token': {
      const { tokenCommand } = await import('./commands/token');
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { role: { type: 'string' }, label: { type: 'string' }, id: { type: 'string' } },
      });
      return tokenCommand(config, logger, positionals[0], values);
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof EmbeddedServerError || err instanceof MigrationError;
    console.error(known ? `marquee: ${(err as Error).message}` : err);
    process.exitCode = 1;
  },
);
