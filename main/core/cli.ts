// The `marquee` command line (docs/ARCHITECTURE.md): serve · migrate · doctor · backup · restore · token · help · --version.
// Expected failures end as one sentence on stderr (commands/plain-errors.ts), never a stack trace.
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config';
import { CLI, tokenCreateHint } from './commands/hint';
import { explainFailure } from './commands/plain-errors';
import { createLogger } from './log';
import { VERSION } from './version';

const USAGE = `Marquee ${VERSION}: the box office of a small movie theatre.

Usage: ${CLI} <command>

  serve                                 run the box office headless: database, sweep, HTTPS API, web UIs
  migrate                               apply database migrations and exit
  doctor                                check the configured database and say what to fix
  backup [--to DIR]                     back up the database now; prints the file's path last
  restore FILE [--force]                restore a backup into an empty database (--force: replace its contents)
  token create --role R --label L       make a device token (R: kiosk, viewer or manager); printed last
  token list                            list device tokens
  token revoke --id N                   revoke a device token at once
  service unit [--user U] [--data-dir D] print a systemd unit running serve as a hardened service
  help                                  this text
  --version                             print the version

Example: ${tokenCreateHint('kiosk')}
Configuration comes from MARQUEE_* environment variables; see the README.`;

let config: Config | null = null;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    console.log(VERSION);
    return 0;
  }
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  config = loadConfig();
  switch (command) {
    case 'migrate': {
      const { migrateCommand } = await import('./commands/migrate');
      await migrateCommand(config, createLogger('warn'));
      return 0;
    }
    case 'serve': {
      const { serveCommand } = await import('./commands/serve');
      return serveCommand(config);
    }
    case 'doctor': {
      const { doctorCommand } = await import('./commands/doctor');
      return doctorCommand(config);
    }
    case 'backup':
    case 'restore': {
      const { backupCommands } = await import('./commands/backup-cli');
      return backupCommands(config, command, rest);
    }
    case 'token': {
      const { tokenCommand } = await import('./commands/token');
      let parsed;
      try {
        parsed = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { role: { type: 'string' }, label: { type: 'string' }, id: { type: 'string' } },
        });
      } catch (err) {
        console.error(`marquee token: ${(err as Error).message}\nSee: ${CLI} help`);
        return 2;
      }
      return tokenCommand(config, createLogger('warn'), parsed.positionals[0], parsed.values);
    }
    case 'service': {
      const { serviceCommand } = await import('./commands/service');
      return serviceCommand(rest);
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
    const sentence = explainFailure(err, config);
    // A bug keeps its stack trace: that is what a bug report needs.
    console.error(sentence ? `marquee: ${sentence}` : err);
    process.exitCode = 1;
  },
);
