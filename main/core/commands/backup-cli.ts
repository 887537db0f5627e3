// The arguments of `marquee backup [--to DIR]` and `marquee restore FILE [--force]`, kept out of
// cli.ts so that file stays a table of commands.
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import { createLogger } from '../log';
import { CLI } from './hint';

export async function backupCommands(config: Config, command: 'backup' | 'restore', args: string[]): Promise<number> {
  const usage = (message: string) => {
    console.error(`marquee ${command}: ${message}\nUsage: ${CLI} backup [--to DIR] · ${CLI} restore FILE [--force]`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, force: { type: 'boolean' } } });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { positionals, values } = parsed;
  if (command === 'backup') {
    if (positionals.length || values.force) return usage('it takes only --to DIR.');
    if (values.to !== undefined && values.to.trim() === '') return usage('--to needs a folder.');
    const { backupCommand } = await import('./backup');
    return backupCommand(config, createLogger('warn'), values.to);
  }
  if (positionals.length !== 1 || values.to !== undefined) return usage('which backup file? Give exactly one.');
  const { restoreCommand } = await import('./restore');
  return restoreCommand(config, createLogger('warn'), positionals[0]!, values.force === true);
}
