// The embedded default: with no MARQUEE_DB_URL, Marquee runs a private MariaDB/MySQL server
// from the binaries installed on the machine, on a Unix socket with networking off, its data
// directory under Marquee's data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, openSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DbTarget } from './target';
import { quoteDatabaseName } from './target';
import { silentLogger, type Logger } from '../log';

export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError';
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin', '/usr/bin', '/usr/local/bin'];

function findExecutable(names: string[]): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export interface ServerBinary {
  server: string;
  flavour: 'mariadb' | 'mysql';
}

export function findServerBinary(): ServerBinary {
  const server = findExecutable(['mariadbd', 'mysqld']);
  if (!server) {
    throw new EmbeddedServerError(
      'No MariaDB or MySQL server is installed, and MARQUEE_DB_URL is not set. ' +
        'Install one (Debian/Ubuntu: sudo apt-get install mariadb-server), ' +
        'or point Marquee at an existing server with MARQUEE_DB_URL=mysql://user:pass@host:3306/marquee.',
    );
  }
  const version = spawnSync(server, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return { server, flavour: /mariadb/i.test(version) ? 'mariadb' : 'mysql' };
}

const runningAsRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function socketPathFor(dir: string): string {
  const inDir = path.join(dir, 'mysqld.sock');
  // Unix socket paths are limited to ~107 bytes; long data directories get a hashed /tmp name.
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return path.join(os.tmpdir(), `marquee-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.sock`);
}

function initialize(binary: ServerBinary, dataDir: string, log: Logger): void {
  const staging = `${dataDir}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log.info({ dataDir }, 'initializing the embedded database (first run)');
  let result;
  if (binary.flavour === 'mariadb') {
    const installer = findExecutable(['mariadb-install-db', 'mysql_install_db']);
    if (!installer) {
      throw new EmbeddedServerError('mariadb-install-db was not found; install the mariadb-server package.');
    }
    result = spawnSync(
      installer,
      [
        '--no-defaults',
        `--datadir=${staging}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--skip-name-resolve',
        ...(runningAsRoot() ? ['--user=root'] : []),
      ],
      { encoding: 'utf8' },
    );
  } else {
    result = spawnSync(
      binary.server,
      ['--no-defaults', '--initialize-insecure', `--datadir=${staging}`, ...(runningAsRoot() ? ['--user=root'] : [])],
      { encoding: 'utf8' },
    );
  }
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new EmbeddedServerError(
      `Could not initialize the embedded database in ${dataDir}:\n${(result.stderr || result.stdout || '').slice(-2000)}`,
    );
  }
  // Atomic: a crash during initialization leaves no half-made data directory behind.
  renameSync(staging, dataDir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function ownsDataDir(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return false;
  }
}

async function canConnect(socketPath: string): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ socketPath, user: 'root', password: '', connectTimeout: 1000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface EmbeddedServer {
  target: DbTarget;
  /** False when another live process already ran this data directory's server and we attached to it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Marquee's data directory; the server's files live in `<dir>/mariadb`. */
  dataDir: string;
  database?: string;
  logger?: Logger;
  /** Extra server options (e.g. for benchmarks). */
  extraArgs?: string[];
}

export async function startEmbeddedServer(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.logger ?? silentLogger;
  const database = options.database ?? 'marquee';
  const binary = findServerBinary();
  const dir = path.join(path.resolve(options.dataDir), 'mariadb');
  const dataDir = path.join(dir, 'data');
  const socketPath = socketPathFor(dir);
  const pidFile = path.join(dir, 'mysqld.pid');
  const errorLog = path.join(dir, 'server.log');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(path.join(dataDir, 'mysql'))) initialize(binary, dataDir, log);

  const target: DbTarget = { socketPath, user: 'root', password: '', database };
  const ensureDatabase = async () => {
    const conn = await mysql.createConnection({ socketPath, user: 'root', password: '' });
    try {
      await conn.query(`CREATE DATABASE IF NOT EXISTS ${quoteDatabaseName(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await conn.end();
    }
  };

  const previous = readPid(pidFile);
  if (previous !== null && isAlive(previous) && ownsDataDir(previous, dataDir)) {
    if (await canConnect(socketPath)) {
      log.info({ pid: previous }, 'embedded database already running; attaching to it');
      await ensureDatabase();
      return { target, owned: false, stop: async () => undefined };
    }
  } else {
    // A crash left these behind: the server refuses to start over a stale socket.
    rmSync(pidFile, { force: true });
    rmSync(socketPath, { force: true });
  }

  const logFd = openSync(errorLog, 'a');
  const child: ChildProcess = spawn(
    binary.server,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${socketPath}`,
      `--pid-file=${pidFile}`,
      '--skip-networking',
      `--log-error=${errorLog}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--max-connections=500',
      '--innodb-buffer-pool-size=64M',
      '--skip-log-bin',
      ...(binary.flavour === 'mysql' ? ['--mysqlx=OFF'] : []),
      ...(runningAsRoot() ? ['--user=root'] : []),
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = code;
      resolve();
    });
  });

  const deadline = Date.now() + 60_000;
  while (!(await canConnect(socketPath))) {
    if (exited !== undefined) {
      let tail = '';
      try {
        tail = readFileSync(errorLog, 'utf8').slice(-1500);
      } catch {
        /* no log yet */
      }
      throw new EmbeddedServerError(`The embedded database server exited while starting (code ${exited}). Its log says:\n${tail}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmbeddedServerError(`The embedded database server did not become ready within 60 s; see ${errorLog}.`);
    }
    await sleep(100);
  }
  await ensureDatabase();
  log.info({ socketPath }, 'embedded database ready');

  let stopping: Promise<void> | null = null;
  return {
    target,
    owned: true,
    stop() {
      stopping ??= (async () => {
        if (exited !== undefined) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exitPromise;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
