// `marquee serve` as a child process for tests (the HTTP tests here and the renderer's
// Playwright e2e tests): a fresh database behind a TCP proxy the test can cut, a temporary
// data directory, port 0, and an HTTPS client that trusts the server's own CA — never one
// that skips verification. Needs `npm run build` first (npm test does it).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../main/common/operations';
import { createToken } from '../../main/core/auth/tokens';
import { formatDbUrl, type DbTarget } from '../../main/core/db/target';
import { spkiSha256Base64 } from '../../main/core/tls/certificates';
import { createTestDatabase, type TestDatabase } from './db';
import { testPairingKeyFile } from './pairing-key';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { SOCKET_LIMITS } from '../../main/core/http/connections';
import { SERVE_ENV, SERVE_NODE_ARGS } from '../../bin/serve-node-args.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MARQUEE = path.join(ROOT, 'bin', 'marquee.js');
const BUILT_CLI = path.join(ROOT, 'dist', 'main', 'cli.js');

export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed body, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
}

export interface HttpsClient {
  /**
   * `body`: a string or bytes are sent as they are (Content-Type application/json unless
   * `headers` says otherwise); anything else is sent as JSON; undefined sends no body.
   */
  request(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<HttpsAnswer>;
  close(): void;
}

export interface HttpsClientOptions {
  maxSockets?: number;
  /** The source address of every request (e.g. 127.0.0.7), so the server sees this client as its own device. */
  localAddress?: string;
}

export function createHttpsClient(baseUrl: string, caCertPem: string, options: HttpsClientOptions = {}): HttpsClient {
  // Idle sockets are dropped after 4 s, before the server closes them at 5 s
  // (SOCKET_LIMITS.keepAliveMs): a request sent on a socket the server is closing at that very
  // moment would fail as "socket hang up" although the server did nothing wrong.
  const agent = new https.Agent({ ca: caCertPem, keepAlive: true, maxSockets: options.maxSockets ?? 16, timeout: SOCKET_LIMITS.keepAliveMs - 1_000 });
  return {
    request(method, requestPath, body, token, headers = {}) {
      const payload =
        body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const allHeaders: Record<string, string> = {
        ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...lower,
      };
      return new Promise<HttpsAnswer>((resolve, reject) => {
        const req = https.request(new URL(requestPath, baseUrl), { method, agent, headers: allHeaders, timeout: 30_000, localAddress: options.localAddress }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
          });
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${requestPath}: no answer within 30 s`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  dataDir: string;
  caCertPem: string;
  serverCertPem: string;
  /** What the process printed so far (stdout and stderr, the last 200 KB). */
  output(): string;
  /** SIGTERM, then wait for the exit (SIGKILL after 20 s); resolves to the exit code. Removes a data directory it made. */
  stop(): Promise<number | null>;
  /** SIGKILL on purpose (fault tests): no "exited unexpectedly" report. */
  kill(): void;
}

function ensureBuilt(): void {
  if (!existsSync(BUILT_CLI)) throw new Error('marquee is not built: run `npm run build` first (npm test does).');
}

/** Starts `node <serve flags> bin/marquee.js serve` (with serve's environment settings) on 127.0.0.1, port 0, and waits for its "Listening on" line. */
export async function spawnServe(options: { dbUrl: string; dataDir?: string; env?: Record<string, string> }): Promise<ServeProcess> {
  ensureBuilt();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'marquee-serve-'));
  const child = spawn(process.execPath, [...SERVE_NODE_ARGS, MARQUEE, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...SERVE_ENV,
      MARQUEE_DB_URL: options.dbUrl,
      MARQUEE_DATA_DIR: dataDir,
      MARQUEE_HTTP_HOST: '127.0.0.1',
      MARQUEE_HTTP_PORT: '0',
      MARQUEE_TIMEZONE: 'UTC',
      MARQUEE_PAIRING_KEY_FILE: testPairingKeyFile(),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (!stopping) console.error(`[test] marquee serve (pid ${child.pid}) exited unexpectedly with code ${code}:\n${output.slice(-4000)}`);
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`marquee serve did not start within 60 s:\n${output.slice(-4000)}`)), 60_000);
    const onData = () => {
      const m = /^Listening on (https?:\/\/\S+)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`marquee serve exited with code ${code} before listening:\n${output.slice(-4000)}`));
    });
  });
  const port = Number(new URL(url).port);
  const tlsDir = path.join(dataDir, 'tls');
  const https = url.startsWith('https:');
  return {
    child,
    pid: child.pid!,
    baseUrl: `${https ? 'https' : 'http'}://127.0.0.1:${port}`,
    dataDir,
    caCertPem: https ? readFileSync(path.join(tlsDir, 'ca.pem'), 'utf8') : '',
    serverCertPem: https ? readFileSync(path.join(tlsDir, 'server.pem'), 'utf8') : '',
    output: () => output,
    kill() {
      stopping = true;
      child.kill('SIGKILL');
    },
    async stop() {
      stopping = true;
      let code = child.exitCode;
      if (child.exitCode === null && child.signalCode === null) {
        // A test that already sent SIGTERM is waiting for the graceful stop: a second signal
        // would mean "now" to serve and turn that stop into an abort.
        if (!child.killed) child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        code = await exited;
        clearTimeout(killer);
      }
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** `marquee token create` against `dbUrl`; returns the token (the last line it prints). */
export function createTokenWithCli(dbUrl: string, role: Role, label: string, env: Record<string, string> = {}): Promise<string> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [MARQUEE, 'token', 'create', '--role', role, '--label', label],
      { cwd: ROOT, env: { ...process.env, MARQUEE_DB_URL: dbUrl, MARQUEE_TIMEZONE: 'UTC', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`marquee token create failed: ${err.message}\n${stderr}`));
        else resolve(stdout.trimEnd().split('\n').pop()!.trim());
      },
    );
  });
}

export interface ServeHandle {
  /** https://127.0.0.1:<port> */
  baseUrl: string;
  caCertPem: string;
  /** Base64 SHA-256 of the server certificate's SubjectPublicKeyInfo (chromium --ignore-certificate-errors-spki-list). */
  spkiSha256Base64: string;
  /** The database URL as the server sees it (through the proxy). */
  dbUrl: string;
  /** The test database itself, for direct checks. */
  database: TestDatabase;
  serve: ServeProcess;
  /**
   * A device token of `role`, minted in this process on the test database (createToken, what
   * `marquee token create` runs) rather than by the CLI: the CLI costs a Node start and a schema
   * check, over 2 s of CPU a token; its own path is tested with createTokenWithCli.
   */
  token(role: Role, label?: string): Promise<string>;
  request(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<HttpsAnswer>;
  cutDatabase(): void;
  restoreDatabase(): void;
  /** The same as cutDatabase / restoreDatabase, awaitable (the e2e suite's names). */
  stopDb(): Promise<void>;
  startDb(): Promise<void>;
  close(): Promise<void>;
}

function viaProxy(target: DbTarget, proxy: TcpProxy): string {
  const { socketPath: _socket, ...rest } = target;
  return formatDbUrl({ ...rest, host: proxy.host, port: proxy.port });
}

export async function startServe(options: { env?: Record<string, string>; capacity?: number } = {}): Promise<ServeHandle> {
  ensureBuilt();
  const database = await createTestDatabase();
  const proxy = await startTcpProxy(
    database.target.socketPath ? { socketPath: database.target.socketPath } : { host: database.target.host!, port: database.target.port! },
  );
  const dbUrl = viaProxy(database.target, proxy);
  const env = { ...(options.capacity !== undefined ? { MARQUEE_CAPACITY: String(options.capacity) } : {}), ...options.env };
  let serve: ServeProcess;
  try {
    serve = await spawnServe({ dbUrl, env });
  } catch (err) {
    await proxy.close();
    await database.drop();
    throw err;
  }
  const client = createHttpsClient(serve.baseUrl, serve.caCertPem);
  let tokens = 0;
  return {
    baseUrl: serve.baseUrl,
    caCertPem: serve.caCertPem,
    spkiSha256Base64: spkiSha256Base64(serve.serverCertPem),
    dbUrl,
    database,
    serve,
    token: async (role, label) => (await createToken(database.db, role, label ?? `test ${role} ${++tokens}`)).token,
    request: (method, requestPath, body, token, headers) => client.request(method, requestPath, body, token, headers),
    cutDatabase: () => proxy.cut(),
    restoreDatabase: () => proxy.restore(),
    stopDb: async () => proxy.cut(),
    startDb: async () => proxy.restore(),
    async close() {
      client.close();
      const code = await serve.stop();
      if (code !== 0) console.error(`[test] marquee serve exited with code ${code}:\n${serve.output().slice(-4000)}`);
      await proxy.close();
      await database.drop();
    },
  };
}
