// The embedded default: with no MARQUEE_DB_URL, Marquee runs a private MariaDB/MySQL server
// from the binaries installed on the machine, on a Unix socket with networking off, its data
// directory under Marquee's data directory. Marquee supervises it: a server that dies is
// started again with back-off; a server is never left running when Marquee stops, and one left
// by a Marquee that was killed outright is stopped cleanly at the next start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, openSync, closeSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DbTarget } from './target';
import { quoteDatabaseName } from './target';
import { silentLogger, type Logger } from '../log';
import { SERVE_ENV } from '../../../bin/serve-node-args.mjs';

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

function initialize(binary: ServerBinary, dataDir: string, tmpDir: string, log: Logger): void {
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
        // Passed on to the bootstrap server (an option the installer does not know is the server's).
        `--tmpdir=${tmpDir}`,
      ],
      { encoding: 'utf8' },
    );
  } else {
    result = spawnSync(
      binary.server,
      ['--no-defaults', '--initialize-insecure', `--datadir=${staging}`, `--tmpdir=${tmpDir}`, ...(runningAsRoot() ? ['--user=root'] : [])],
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

/**
 * The environment the database server starts with: serve's, without the allocator settings its
 * launcher adds for Node (bin/serve-node-args.mjs), which are no advice for mariadbd's threads.
 */
export function databaseServerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const own = { ...env };
  for (const name of Object.keys(SERVE_ENV)) delete own[name];
  return own;
}

/**
 * The server's command line, run under the batch scheduling policy where Linux's `chrt` is
 * there (it execs the server: same pid, nothing else changes). Serve's single request loop and
 * this server share the machine's cores, and every booking's statement wakes one of the
 * server's threads; under the normal policy that thread may take the core from the loop that
 * woke it, and every request in flight, cached reads included, waits. A batch thread waits for
 * the loop's time slice instead and still gets its full share of the CPU. Measured (issue 25,
 * README "Measuring"): with other work on the machine, keyed bookings over HTTPS were faster in
 * 10 of 10 paired rounds; on a quiet machine no difference showed. An operator's own server can
 * be given the same policy (docs/ARCHITECTURE.md, "The embedded server").
 */
function batchScheduled(server: string, args: string[]): [string, string[]] {
  const chrt = usableChrt();
  return chrt ? [chrt, ['--batch', '0', server, ...args]] : [server, args];
}

let chrtFound: string | null | undefined;

/** `chrt`, if it is there and may set the policy here (a sandbox may forbid it): tried once. */
function usableChrt(): string | null {
  if (chrtFound === undefined) {
    const chrt = process.platform === 'linux' ? findExecutable(['chrt']) : null;
    chrtFound = chrt && spawnSync(chrt, ['--batch', '0', 'true']).status === 0 ? chrt : null;
  }
  return chrtFound;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie answers kill(0) until its parent reaps it; it is gone all the same.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
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

/** What /health says about the embedded server (absent with MARQUEE_DB_URL). */
export interface EmbeddedStatus {
  /** running: ours and up · restarting: died, being started again · attached: another live process owns it · stopped */
  state: 'running' | 'restarting' | 'attached' | 'stopped';
  /** Unexpected exits since this process started it. */
  restarts: number;
  /** The last unexpected exit: when (ISO 8601) and how. */
  lastExit: { at: string; code: number | null; signal: string | null } | null;
}

export interface EmbeddedServer {
  target: DbTarget;
  /** False when another live process already ran this data directory's server and we attached to it. */
  owned: boolean;
  /** True when this start initialised the data directory: a new, empty database. */
  created: boolean;
  /** Marquee's data directory (the server's files are in its mariadb/). */
  dataDir: string;
  status(): EmbeddedStatus;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Marquee's data directory; the server's files live in `<dir>/mariadb`. */
  dataDir: string;
  database?: string;
  logger?: Logger;
  /** Extra server options (e.g. for benchmarks). */
  extraArgs?: string[];
  /** First restart delay after an unexpected exit, doubled per failed attempt (default 1 s, at most 30 s). */
  restartDelayMs?: number;
}

const MAX_RESTART_DELAY_MS = 30_000;
/** A server that stayed up this long starts the back-off from the beginning again. */
const STABLE_AFTER_MS = 60_000;
const STOP_GRACE_MS = 30_000;

/** The servers this process supervises, by data directory: a second start for the same one cooperates. */
const supervisors = new Map<string, Supervisor>();

interface Paths {
  dataDir: string;
  socketPath: string;
  pidFile: string;
  ownerFile: string;
  errorLog: string;
  /**
   * The server's own temporary directory. A MariaDB server deletes every "#sql*" file in its
   * tmpdir when it starts: with the shared /tmp, one embedded server starting (another serve's,
   * a test's) removed another's temporary tables mid-initialization ("Error on delete of
   * '/tmp/#sql-temptable-…'").
   */
  tmpDir: string;
}

/** Waits until `pid` is gone (it is not our child, so there is no exit event). */
async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

class Supervisor {
  state: EmbeddedStatus['state'] = 'stopped';
  restarts = 0;
  lastExit: EmbeddedStatus['lastExit'] = null;
  private child: ChildProcess | null = null;
  private childExited: Promise<void> = Promise.resolve();
  private startedAt = 0;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private restarting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  // On any exit of this process (an uncaught error, process.exit, a second Ctrl+C) the server
  // is told to stop too: a clean shutdown it finishes on its own, with every commit flushed.
  private readonly onProcessExit = () => this.child?.kill('SIGTERM');

  constructor(
    private readonly binary: ServerBinary,
    private readonly paths: Paths,
    private readonly args: string[],
    private readonly log: Logger,
    private readonly restartDelayMs: number,
  ) {}

  /** Starts the server and waits until it accepts connections. */
  async launch(): Promise<void> {
    const { pidFile, socketPath, errorLog, ownerFile } = this.paths;
    // A crash left these behind: the server refuses to start over a stale socket.
    rmSync(pidFile, { force: true });
    rmSync(socketPath, { force: true });
    // The server's log may quote statements with guests' data: private like Marquee's own.
    const logFd = openSync(errorLog, 'a', 0o600);
    const [command, args] = batchScheduled(this.binary.server, this.args);
    const child = spawn(command, args, { stdio: ['ignore', logFd, logFd], env: databaseServerEnv() });
    closeSync(logFd);
    writeFileSync(ownerFile, `${process.pid}\n`);
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    this.child = child;
    this.childExited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        exited = { code, signal };
        if (this.child === child) this.child = null;
        resolve();
        if (this.state === 'running' && !this.stopping) this.onUnexpectedExit(code, signal);
      });
    });
    process.once('exit', this.onProcessExit);

    const deadline = Date.now() + 60_000;
    while (!(await canConnect(socketPath))) {
      if (exited !== undefined) {
        let tail = '';
        try {
          tail = readFileSync(errorLog, 'utf8').slice(-1500);
        } catch {
          /* no log yet */
        }
        throw new EmbeddedServerError(`The embedded database server exited while starting (code ${exited.code}). Its log says:\n${tail}`);
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new EmbeddedServerError(`The embedded database server did not become ready within 60 s; see ${errorLog}.`);
      }
      await sleep(100);
    }
    this.startedAt = Date.now();
    this.state = 'running';
  }

  private onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): void {
    process.off('exit', this.onProcessExit);
    this.restarts++;
    this.lastExit = { at: new Date().toISOString(), code, signal };
    if (Date.now() - this.startedAt > STABLE_AFTER_MS) this.failures = 0;
    this.state = 'restarting';
    this.scheduleRestart(code, signal);
  }

  private scheduleRestart(code: number | null, signal: NodeJS.Signals | null): void {
    const delay = Math.min(MAX_RESTART_DELAY_MS, this.restartDelayMs * 2 ** this.failures);
    this.log.error(
      { code, signal, restartInMs: delay, restarts: this.restarts, errorLog: this.paths.errorLog },
      'embedded database server exited unexpectedly; restarting it',
    );
    this.timer = setTimeout(() => {
      this.timer = null;
      this.restarting = this.restart().finally(() => {
        this.restarting = null;
      });
    }, delay);
    // A command that has finished its work is not kept alive just to restart the server.
    this.timer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    // Someone else (another Marquee on this data directory) started it meanwhile: theirs now.
    const other = readPid(this.paths.pidFile);
    if (other !== null && isAlive(other) && ownsDataDir(other, this.paths.dataDir)) {
      this.log.warn({ pid: other }, 'embedded database server was started by another process; no longer supervising it');
      this.retire('attached');
      return;
    }
    try {
      await this.launch();
      this.log.warn({ restarts: this.restarts }, 'embedded database server restarted');
    } catch (err) {
      process.off('exit', this.onProcessExit);
      this.failures++;
      this.log.error({ err: (err as Error).message }, 'embedded database server failed to restart');
      if (!this.stopping) this.scheduleRestart(null, null);
    }
  }

  /** Hands the data directory over without stopping anything (another start took it over). */
  retire(state: EmbeddedStatus['state']): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state = state;
    this.stopping ??= Promise.resolve();
    if (supervisors.get(this.paths.dataDir) === this) supervisors.delete(this.paths.dataDir);
  }

  status(): EmbeddedStatus {
    return { state: this.state, restarts: this.restarts, lastExit: this.lastExit };
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await this.restarting;
      const child = this.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await this.childExited;
        clearTimeout(killer);
      }
      process.off('exit', this.onProcessExit);
      rmSync(this.paths.ownerFile, { force: true });
      this.state = 'stopped';
      if (supervisors.get(this.paths.dataDir) === this) supervisors.delete(this.paths.dataDir);
    })();
    return this.stopping;
  }
}

export async function startEmbeddedServer(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.logger ?? silentLogger;
  const database = options.database ?? 'marquee';
  const binary = findServerBinary();
  const dir = path.join(path.resolve(options.dataDir), 'mariadb');
  const paths: Paths = {
    dataDir: path.join(dir, 'data'),
    socketPath: socketPathFor(dir),
    pidFile: path.join(dir, 'mysqld.pid'),
    // Which Marquee process started the server: a live owner is attached to, a dead one's server is an orphan.
    ownerFile: path.join(dir, 'owner.pid'),
    errorLog: path.join(dir, 'server.log'),
    tmpDir: path.join(dir, 'tmp'),
  };
  const { dataDir, socketPath, pidFile } = paths;
  mkdirSync(dir, { recursive: true });
  mkdirSync(paths.tmpDir, { recursive: true, mode: 0o700 });
  const created = !existsSync(path.join(dataDir, 'mysql'));
  if (created) initialize(binary, dataDir, paths.tmpDir, log);
  const marqueeDir = path.resolve(options.dataDir);

  const target: DbTarget = { socketPath, user: 'root', password: '', database };
  const ensureDatabase = async () => {
    const conn = await mysql.createConnection({ socketPath, user: 'root', password: '' });
    try {
      await conn.query(`CREATE DATABASE IF NOT EXISTS ${quoteDatabaseName(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await conn.end();
    }
  };
  const attached = (): EmbeddedServer => ({
    target,
    owned: false,
    created,
    dataDir: marqueeDir,
    status: () => ({ state: 'attached', restarts: 0, lastExit: null }),
    stop: async () => undefined,
  });

  // This process already supervises this directory: share a running server; take over one
  // that is waiting to be restarted (the caller wants it now).
  const mine = supervisors.get(dataDir);
  if (mine?.state === 'running' && (await canConnect(socketPath))) {
    await ensureDatabase();
    return attached();
  }
  mine?.retire('stopped');

  const previous = readPid(pidFile);
  if (previous !== null && isAlive(previous) && ownsDataDir(previous, dataDir)) {
    const owner = readPid(paths.ownerFile);
    if (owner !== null && isAlive(owner) && (await canConnect(socketPath))) {
      log.info({ pid: previous, owner }, 'embedded database already running; attaching to it');
      await ensureDatabase();
      return attached();
    }
    // Its Marquee is gone (killed outright): stop the orphan cleanly, then run our own.
    log.warn({ pid: previous }, 'stopping the embedded database server left running by a Marquee that was killed');
    try {
      process.kill(previous, 'SIGTERM');
    } catch {
      /* gone already */
    }
    if (!(await waitGone(previous, STOP_GRACE_MS))) {
      try {
        process.kill(previous, 'SIGKILL');
      } catch {
        /* gone already */
      }
      await waitGone(previous, 5_000);
    }
  }

  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${socketPath}`,
    `--pid-file=${pidFile}`,
    '--skip-networking',
    `--log-error=${paths.errorLog}`,
    `--tmpdir=${paths.tmpDir}`,
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--max-connections=500',
    '--innodb-buffer-pool-size=64M',
    '--skip-log-bin',
    ...(binary.flavour === 'mysql' ? ['--mysqlx=OFF'] : []),
    ...(runningAsRoot() ? ['--user=root'] : []),
    ...(options.extraArgs ?? []),
  ];
  const supervisor = new Supervisor(binary, paths, args, log, options.restartDelayMs ?? 1000);
  supervisors.set(dataDir, supervisor);
  try {
    await supervisor.launch();
    await ensureDatabase();
  } catch (err) {
    await supervisor.stop();
    throw err;
  }
  log.info({ socketPath }, 'embedded database ready');
  return { target, owned: true, created, dataDir: marqueeDir, status: () => supervisor.status(), stop: () => supervisor.stop() };
}
