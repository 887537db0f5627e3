// Which database a command used, in one line, and the warning for a token made where no serve
// runs: a second terminal without serve's MARQUEE_DATA_DIR otherwise quietly makes a fresh
// embedded database and a token that no serve accepts (issue 24).
import path from 'node:path';
import { defaultDataDir, type Config } from '../config';
import type { EmbeddedServer } from '../db/embedded-server';
import { parseDbUrl } from '../db/target';
import { whereIs } from '../db/wait';

const shellWord = (text: string) => (/^[\w/.,:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

export function databaseLine(config: Pick<Config, 'dbUrl' | 'dataDir'>, embedded: EmbeddedServer | null): string {
  if (config.dbUrl) {
    const target = parseDbUrl(config.dbUrl);
    return `Database: "${target.database}" at ${whereIs(target)} as "${target.user}" (MARQUEE_DB_URL)`;
  }
  const where = `embedded at ${path.join(config.dataDir, 'mariadb')}`;
  if (!embedded) return `Database: ${where}`;
  if (!embedded.owned) return `Database: ${where}, running (another Marquee on this machine started it)`;
  return `Database: ${where}, ${embedded.created ? 'created empty just now and ' : ''}started for this command`;
}

/**
 * What to put before a command so that it reaches this process's database: the data directory
 * when it is not the default one; with MARQUEE_DB_URL, a reminder (its password is not printed).
 */
export function sameDatabasePrefix(config: Pick<Config, 'dbUrl' | 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (config.dbUrl) return '';
  return path.resolve(config.dataDir) === path.resolve(defaultDataDir(env)) ? '' : `MARQUEE_DATA_DIR=${shellWord(config.dataDir)} `;
}

/** For `token …` against an embedded database that no serve is running on: probably not the one meant. */
export function noServeWarning(config: Pick<Config, 'dataDir'>, embedded: EmbeddedServer | null): string | null {
  if (!embedded?.owned) return null;
  return [
    `Warning: no Marquee serve is running on the embedded database in ${config.dataDir}${embedded.created ? ' (it was created empty just now)' : ''}.`,
    'A token made here works only for a serve started with this same data directory. If your serve is running,',
    'run this command with the MARQUEE_DATA_DIR (or MARQUEE_DB_URL) it was started with; its start-up banner shows the command.',
  ].join('\n');
}
