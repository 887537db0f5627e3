// `marquee service unit`: a systemd unit that runs `marquee serve` as a dedicated user, restarts
// it after a crash, and gives it nothing beyond its data directory and the network (README,
// "Running as a service"). Printed, not installed: the operator reads it and places it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SERVE_ENV, SERVE_NODE_ARGS } from '../../../bin/serve-node-args.mjs';
import { CLI } from './hint';

export interface UnitOptions {
  user: string;
  dataDir: string;
  envFile: string;
  /** The node binary and bin/marquee.js the unit starts. */
  node: string;
  marquee: string;
}

/** bin/marquee.js of this installation, from dist/main/cli.js (or main/core/commands/ under tsx). */
export function installedMarquee(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'bin', 'marquee.js');
    if (existsSync(candidate)) return candidate;
  }
  return path.resolve('bin', 'marquee.js');
}

/** systemd's quoting for a word of ExecStart or Environment. */
const quoted = (word: string) => (/^[\w/.,:@%+=-]+$/.test(word) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`);

const inHome = (p: string) => /^\/(home|root|run\/user)(\/|$)/.test(p);

export function serviceUnit(o: UnitOptions): string {
  const stateDir = /^\/var\/lib\/([^/]+)$/.exec(o.dataDir)?.[1];
  const root = path.dirname(path.dirname(o.marquee));
  // ProtectHome hides /home and /root; a Node or a checkout there must stay readable.
  const homeNeeded = inHome(o.node) || inHome(o.marquee);
  const execStart = [o.node, ...SERVE_NODE_ARGS, o.marquee, 'serve'].map(quoted).join(' ');
  return `# Marquee box office: \`marquee serve\` as a systemd service (made by \`${CLI} service unit\`).
# Install:
#   sudo useradd --system --home-dir ${o.dataDir} --shell /usr/sbin/nologin ${o.user}
#   ${CLI} service unit | sudo tee /etc/systemd/system/marquee.service
#   sudo systemctl daemon-reload && sudo systemctl enable --now marquee
#   journalctl -u marquee        # the start-up banner: how to make the manager token
# Settings (MARQUEE_DB_URL, MARQUEE_METRICS_TOKEN, …) go in ${o.envFile}, mode 0600.
# Make tokens as the service's user, on its data directory:
#   sudo -u ${o.user} MARQUEE_DATA_DIR=${o.dataDir} ${quoted(o.node)} ${quoted(o.marquee)} token create --role manager --label "Box office desk"
${homeNeeded ? `# Marquee (or Node) lives under a home directory (${root}): ${o.user} must be able to read it there;\n# /opt/marquee is the usual place.\n` : ''}
[Unit]
Description=Marquee box office (HTTPS API, kiosk, door and manager pages)
Wants=network-online.target
After=network-online.target mariadb.service mysql.service

[Service]
Type=simple
User=${o.user}
Group=${o.user}
Environment=MARQUEE_DATA_DIR=${quoted(o.dataDir)}
${Object.entries(SERVE_ENV).map(([k, v]) => `Environment=${k}=${quoted(v)}`).join('\n')}
EnvironmentFile=-${o.envFile}
WorkingDirectory=${quoted(o.dataDir)}
ExecStart=${execStart}
${stateDir ? `StateDirectory=${stateDir}\nStateDirectoryMode=0700\n` : ''}UMask=0077
Restart=on-failure
RestartSec=5
# serve finishes requests in flight and stops its embedded database itself: SIGTERM goes to
# serve alone, and only what is still running after the timeout is killed.
KillMode=mixed
TimeoutStopSec=60
LimitNOFILE=65536

# Hardening: nothing but the data directory is writable, no privileges to gain or keep.
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${quoted(o.dataDir)}
ProtectHome=${homeNeeded ? 'read-only' : 'yes'}
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
RemoveIPC=yes
CapabilityBoundingSet=
AmbientCapabilities=
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
# AF_NETLINK: listing the machine's addresses for the certificate and the banner.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK

[Install]
WantedBy=multi-user.target
`;
}

const USAGE = `Usage: ${CLI} service unit [--user marquee] [--data-dir /var/lib/marquee] [--env-file /etc/marquee/marquee.env]`;

export function serviceCommand(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: 'string' }, 'data-dir': { type: 'string' }, 'env-file': { type: 'string' } },
    });
  } catch (err) {
    console.error(`marquee service: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.positionals[0] !== 'unit' || parsed.positionals.length > 1) {
    console.error(`marquee service: which one? Only "unit" exists.\n${USAGE}`);
    return 2;
  }
  const user = parsed.values.user ?? 'marquee';
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) {
    console.error(`marquee service: --user must be a system user name such as marquee (got "${user}").`);
    return 2;
  }
  const dataDir = parsed.values['data-dir'] ?? '/var/lib/marquee';
  const envFile = parsed.values['env-file'] ?? '/etc/marquee/marquee.env';
  for (const [flag, value] of [['--data-dir', dataDir], ['--env-file', envFile]] as const) {
    if (!path.isAbsolute(value) || /[\n\r]/.test(value)) {
      console.error(`marquee service: ${flag} must be an absolute path (got "${value}").`);
      return 2;
    }
  }
  process.stdout.write(serviceUnit({ user, dataDir: path.normalize(dataDir), envFile, node: process.execPath, marquee: installedMarquee() }));
  return 0;
}
