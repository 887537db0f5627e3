// The database server's own client programs, which backup and restore run: mariadb-dump (or
// mysqldump) for a consistent snapshot, mariadb (or mysql) to load one back. Their connection
// settings go in an option file readable by this user only, never on the command line, where
// every user of the machine could read the password in the process list.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DbTarget } from '../db/target';
import { BackupError } from './errors';

const SEARCH_DIRS = ['/usr/bin', '/usr/local/bin', '/usr/local/mysql/bin', '/opt/homebrew/bin'];

export interface ClientTool {
  path: string;
  /** The first line of its --version, for the manifest. */
  version: string;
  /** Oracle's mysqldump writes GTID statements a restore elsewhere cannot run. */
  flavour: 'mariadb' | 'mysql';
}

function findTool(names: string[], purpose: string): ClientTool {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (!existsSync(candidate)) continue;
      const version = (spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout ?? '').trim().split('\n')[0] ?? name;
      return { path: candidate, version, flavour: /mariadb/i.test(version) ? 'mariadb' : 'mysql' };
    }
  }
  throw new BackupError(
    `${names.join(' or ')} was not found, and Marquee ${purpose} with it. ` +
      'Install the database client programs (Debian/Ubuntu: sudo apt-get install mariadb-client), then try again.',
  );
}

export const findDumpTool = () => findTool(['mariadb-dump', 'mysqldump'], 'makes its backups');
export const findLoadTool = () => findTool(['mariadb', 'mysql'], 'restores backups');

/** A value in an option file: double-quoted, with the escapes the client's option parser reads. */
function optionValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * Writes a [client] option file (mode 0600, in a private temporary folder) for `target`, runs
 * `work` with its path, then removes it. Passed as --defaults-file, the tools read only it, so a
 * my.cnf on the machine cannot point them at another server.
 */
export async function withOptionFile<T>(target: DbTarget, work: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-client-'));
  const file = path.join(dir, 'client.cnf');
  const lines = ['[client]', `user=${optionValue(target.user)}`, `password=${optionValue(target.password)}`];
  if (target.socketPath) lines.push(`socket=${optionValue(target.socketPath)}`, 'protocol=SOCKET');
  else lines.push(`host=${optionValue(target.host ?? '127.0.0.1')}`, `port=${target.port ?? 3306}`, 'protocol=TCP');
  lines.push('default-character-set=utf8mb4');
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  try {
    return await work(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How a client tool ended: its exit and the end of what it said on stderr. */
export interface ToolExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Spawns a tool with stdin/stdout piped; `exited` gives its exit with the last 4 KB of stderr. */
export function spawnTool(tool: ClientTool, args: string[]) {
  const child = spawn(tool.path, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4096);
  });
  const exited = new Promise<ToolExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr: stderr.trim() }));
  });
  return { child, exited };
}
