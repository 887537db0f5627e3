// A real 3-node MariaDB Galera cluster for the cluster suite: three `mariadbd` on loopback
// ports of their own (random free ports), data under one temporary directory, rsync state
// transfer. Node 1 bootstraps the cluster (--wsrep-new-cluster); nodes 2 and 3 join it and
// receive their data by SST. Every node is stopped by its pid; one node can be killed -9 and
// restarted (it rejoins by IST or SST).
//
// Rsync SST fails when the servers run as root (the joiner's rsync daemon drops to `nobody`,
// which cannot write the data directory), so as root the nodes run as the `mysql` user and the
// temporary directory belongs to it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { formatDbUrl } from '../../main/core/db/target';

const PROVIDER_CANDIDATES = ['/usr/lib/galera/libgalera_smm.so', '/usr/lib/libgalera_smm.so', '/usr/lib64/galera-4/libgalera_smm.so', '/usr/lib/galera-4/libgalera_smm.so'];

function findExecutable(names: string[]): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/usr/local/sbin'];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export interface GaleraTools {
  server: string;
  installer: string;
  provider: string;
}

/** What this machine has for a Galera cluster, or why it cannot run one. */
export function findGaleraTools(): { tools: GaleraTools } | { missing: string } {
  const server = findExecutable(['mariadbd']);
  const installer = findExecutable(['mariadb-install-db']);
  const provider = PROVIDER_CANDIDATES.find((p) => existsSync(p));
  const missing = [
    !server && 'mariadbd (package mariadb-server)',
    !installer && 'mariadb-install-db (package mariadb-server)',
    !provider && 'libgalera_smm.so (package galera-4)',
    !findExecutable(['rsync']) && 'rsync (package rsync)',
    !findExecutable(['ss', 'lsof']) && 'ss or lsof (package iproute2), used by the rsync state transfer',
    !findExecutable(['wsrep_sst_rsync']) && 'wsrep_sst_rsync (package mariadb-server)',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length) return { missing: missing.join(', ') };
  return { tools: { server: server!, installer: installer!, provider: provider! } };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface GaleraNode {
  /** 1-based, as operators number them. */
  index: number;
  /** The client port on 127.0.0.1. */
  port: number;
  /** mysql://root@127.0.0.1:<port>/<database> */
  url(database: string): string;
  pid: number | null;
}

export interface NodeState {
  ready: boolean;
  state: string;
  clusterSize: number;
  status: string;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  /** The server's version string, e.g. 10.11.19-MariaDB-0+deb12u1, and the provider's. */
  versions: { server: string; provider: string };
  /** Where the start-up time went, e.g. "install-db 3.1 s, bootstrap 4.0 s, joiners 12.2 s". */
  startup: string;
  /** A plain connection to node i (1-based). */
  connect(index: number, database?: string): Promise<mysql.Connection>;
  state(index: number): Promise<NodeState>;
  /** SIGKILL node i: no shutdown, no goodbye to the cluster. */
  kill(index: number): Promise<void>;
  /** Start node i again; resolves when the cluster is back to 3 Synced nodes (its duration in ms). */
  restart(index: number): Promise<number>;
  /** Waits until every running node sees `size` members and is Synced. */
  waitSynced(size: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** The node's error log, for failure messages. */
  log(index: number): string;
}

interface NodePorts {
  client: number;
  group: number;
  ist: number;
  sst: number;
}

interface RunningNode {
  index: number;
  ports: NodePorts;
  dir: string;
  datadir: string;
  socket: string;
  cnf: string;
  errorLog: string;
  child: ChildProcess | null;
  exited: Promise<void>;
}

const runningAsRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function mysqlIds(): { uid: number; gid: number } | null {
  const id = spawnSync('id', ['-u', 'mysql'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'mysql'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function chownTree(target: string, ids: { uid: number; gid: number } | null): void {
  if (!ids) return;
  spawnSync('chown', ['-R', `${ids.uid}:${ids.gid}`, target]);
  chownSync(target, ids.uid, ids.gid);
}

function nodeConfig(node: RunningNode, all: NodePorts[], tools: GaleraTools, asUser: string | null): string {
  const { ports } = node;
  const members = all.map((p) => `127.0.0.1:${p.group}`).join(',');
  // A defaults file rather than flags: the SST scripts read the node's settings from it.
  return `[mysqld]
${asUser ? `user=${asUser}\n` : ''}datadir=${node.datadir}
socket=${node.socket}
tmpdir=${path.join(node.dir, 'tmp')}
pid-file=${path.join(node.dir, 'mariadbd.pid')}
log-error=${node.errorLog}
port=${ports.client}
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
max-connections=400
innodb-buffer-pool-size=64M
innodb-log-file-size=48M
innodb-flush-log-at-trx-commit=2
default-storage-engine=InnoDB
binlog-format=ROW
innodb-autoinc-lock-mode=2
wsrep-on=ON
wsrep-provider=${tools.provider}
wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:${ports.group};ist.recv_addr=127.0.0.1:${ports.ist};gcache.size=64M;gcs.fc_limit=64;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT3S;evs.install_timeout=PT3S"
wsrep-cluster-name=marquee_test
wsrep-cluster-address=gcomm://${members}
wsrep-node-name=node${node.index}
wsrep-node-address=127.0.0.1:${ports.group}
wsrep-node-incoming-address=127.0.0.1:${ports.client}
wsrep-sst-receive-address=127.0.0.1:${ports.sst}
wsrep-sst-method=rsync
wsrep-slave-threads=2
`;
}

export async function startGaleraCluster(options: { size?: number; seedJoiners?: boolean } = {}): Promise<GaleraCluster> {
  const found = findGaleraTools();
  if ('missing' in found) throw new Error(`Cannot start a Galera cluster: missing ${found.missing}.`);
  const { tools } = found;
  const size = options.size ?? 3;
  const ids = runningAsRoot() ? mysqlIds() : null;
  if (runningAsRoot() && !ids) throw new Error('Running as root but there is no `mysql` user to run the Galera nodes as (rsync SST fails as root).');
  const asUser = ids ? 'mysql' : null;

  const base = mkdtempSync(path.join(os.tmpdir(), 'marquee-galera-'));
  const allPorts: NodePorts[] = [];
  const used = new Set<number>();
  const unique = async () => {
    for (;;) {
      const p = await freePort();
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
  };
  for (let i = 0; i < size; i++) allPorts.push({ client: await unique(), group: await unique(), ist: await unique(), sst: await unique() });

  const nodes: RunningNode[] = allPorts.map((ports, i) => {
    const dir = path.join(base, `node${i + 1}`);
    mkdirSync(dir);
    return {
      index: i + 1,
      ports,
      dir,
      datadir: path.join(dir, 'data'),
      socket: path.join(dir, 'mariadbd.sock'),
      cnf: path.join(dir, 'my.cnf'),
      errorLog: path.join(dir, 'error.log'),
      child: null,
      exited: Promise.resolve(),
    };
  });
  for (const node of nodes) {
    mkdirSync(node.datadir);
    // A private tmpdir: the shared /tmp sees other processes' clean-ups (install-db failed on one).
    mkdirSync(path.join(node.dir, 'tmp'));
    writeFileSync(node.cnf, nodeConfig(node, allPorts, tools, asUser));
  }
  // Only the bootstrap node needs system tables; joiners get everything by SST.
  const first = nodes[0]!;
  chownTree(base, ids);
  const installStarted = Date.now();
  const install = spawnSync(
    tools.installer,
    [`--defaults-file=${first.cnf}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--wsrep-on=OFF', ...(asUser ? [`--user=${asUser}`] : [])],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed:\n${install.stdout}\n${install.stderr}`);
  }
  chownTree(base, ids);

  const logOf = (n: RunningNode) => (existsSync(n.errorLog) ? readFileSync(n.errorLog, 'utf8') : '(no error log)');

  const launch = (node: RunningNode, bootstrap: boolean) => {
    const child = spawn(tools.server, [`--defaults-file=${node.cnf}`, ...(bootstrap ? ['--wsrep-new-cluster'] : [])], { stdio: 'ignore' });
    node.child = child;
    node.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  };

  const connectNode = (node: RunningNode, database?: string) =>
    mysql.createConnection({ host: '127.0.0.1', port: node.ports.client, user: 'root', password: '', database, connectTimeout: 3000 });

  const stateOf = async (node: RunningNode): Promise<NodeState> => {
    const conn = await connectNode(node);
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_size', 'wsrep_cluster_status')",
      );
      const v = new Map(rows.map((r) => [String(r.Variable_name), String(r.Value)]));
      return {
        ready: v.get('wsrep_ready') === 'ON',
        state: v.get('wsrep_local_state_comment') ?? '?',
        clusterSize: Number(v.get('wsrep_cluster_size') ?? 0),
        status: v.get('wsrep_cluster_status') ?? '?',
      };
    } finally {
      await conn.end().catch(() => undefined);
    }
  };

  const running = () => nodes.filter((n) => n.child && n.child.exitCode === null && n.child.signalCode === null);

  const waitSynced = async (want: number, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const states = await Promise.all(running().map((n) => stateOf(n).catch((e: Error) => ({ error: e.message }))));
      last = JSON.stringify(states);
      if (states.length >= want && states.every((s) => 'ready' in s && s.ready && s.state === 'Synced' && s.clusterSize === want)) return;
      for (const n of nodes) {
        if (n.child && n.child.exitCode !== null) throw new Error(`Galera node ${n.index} exited (code ${n.child.exitCode}):\n${logOf(n).slice(-3000)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`Galera cluster not ${want}×Synced within ${timeoutMs / 1000} s: ${last}\n${nodes.map((n) => `--- node ${n.index}\n${logOf(n).slice(-2000)}`).join('\n')}`);
      }
      await sleep(300);
    }
  };

  const stopNode = async (node: RunningNode, signal: NodeJS.Signals) => {
    const child = node.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await node.exited;
    clearTimeout(killer);
  };

  const stop = async () => {
    // Joiners first, the last one standing last, so none waits on a partner that is gone.
    for (const node of [...nodes].reverse()) await stopNode(node, 'SIGTERM');
    rmSync(base, { recursive: true, force: true });
  };

  const timings: string[] = [`install-db ${((Date.now() - installStarted) / 1000).toFixed(1)} s`];
  const mark = (what: string, since: number) => timings.push(`${what} ${((Date.now() - since) / 1000).toFixed(1)} s`);
  try {
    let since = Date.now();
    launch(first, true);
    await waitSynced(1, 60_000);
    mark('bootstrap', since);
    since = Date.now();
    // root@localhost (socket) exists; clients connect over TCP to 127.0.0.1 with name
    // resolution off, so give root that host too.
    const admin = await mysql.createConnection({ socketPath: first.socket, user: 'root', password: '' });
    await admin.query("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''");
    await admin.query("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
    await admin.end();
    if (options.seedJoiners ?? true) {
      // A full rsync SST per joiner costs ~20 s here, one donor at a time. For a test cluster
      // the joiners start from a copy of the stopped bootstrap node instead (same state UUID
      // and seqno: they join without a transfer). Each node's own identity (gvwstate.dat) and
      // write-set cache stay out of the copy. A restarted node still rejoins by IST or SST.
      await stopNode(first, 'SIGTERM');
      for (const node of nodes.slice(1)) {
        rmSync(node.datadir, { recursive: true, force: true });
        const copy = spawnSync('cp', ['-a', first.datadir, node.datadir]);
        if (copy.status !== 0) throw new Error(`copying the seed data directory failed: ${copy.stderr}`);
        for (const own of ['gvwstate.dat', 'galera.cache']) rmSync(path.join(node.datadir, own), { force: true });
      }
      launch(first, true);
      await waitSynced(1, 60_000);
    }
    for (const node of nodes.slice(1)) launch(node, false);
    await waitSynced(size, 180_000);
    mark('joiners', since);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  let versions: { server: string; provider: string };
  try {
    const conn = await connectNode(first);
    const [[server], [provider]] = [
      (await conn.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v'))[0],
      (await conn.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'wsrep_provider_version'"))[0],
    ];
    await conn.end();
    versions = { server: String(server?.v), provider: String(provider?.Value) };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  return {
    nodes: nodes.map((n) => ({
      index: n.index,
      port: n.ports.client,
      url: (database: string) => formatDbUrl({ host: '127.0.0.1', port: n.ports.client, user: 'root', password: '', database }),
      get pid() {
        return n.child?.pid ?? null;
      },
    })),
    versions,
    startup: timings.join(', '),
    connect: (index, database) => connectNode(nodes[index - 1]!, database),
    state: (index) => stateOf(nodes[index - 1]!),
    async kill(index) {
      await stopNode(nodes[index - 1]!, 'SIGKILL');
    },
    async restart(index) {
      const node = nodes[index - 1]!;
      const started = Date.now();
      launch(node, false);
      await waitSynced(size, 180_000);
      return Date.now() - started;
    },
    waitSynced,
    stop,
    log: (index) => logOf(nodes[index - 1]!),
  };
}
