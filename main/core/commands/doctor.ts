// `marquee doctor`: checks the configured database the way an operator would, one line per
// check (✔ holds, ✘ does not, · for information) and, under each ✘, what to do. Exits 0 when
// everything `serve` needs holds; what only `migrate` needs is reported without failing.
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import type { Config } from '../config';
import { startEmbeddedServer, type EmbeddedServer } from '../db/embedded-server';
import { loadMigrations, schemaStatus } from '../db/migrate';
import type { DbTarget } from '../db/target';
import { parseDbUrl } from '../db/target';
import { explainRefusal, unreachableReason, whereIs } from '../db/wait';
import { VERSION } from '../version';
import { MIGRATE_PRIVILEGES, SERVE_PRIVILEGES, missing, parseGrants } from './grants';
import { CLI } from './hint';
import { databaseLine } from './database-line';
import { tlsChecks } from './tls-checks';
import { upgradeCheck } from './upgrade-check';

export interface Check {
  label: string;
  /** true ✔, false ✘, 'warn' ! (act soon, nothing fails yet), 'info' for facts that need no action. */
  ok: boolean | 'info' | 'warn';
  detail: string;
  fix?: string;
  /** A ✘ here stops `serve` (exit 1); otherwise it only matters to `migrate`. */
  neededToServe: boolean;
}

/** Beyond this the database's clock and ours disagree enough to matter for show times. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const MIN_VERSIONS = { mariadb: [10, 6], mysql: [8, 0] } as const;

async function rows(conn: Connection, sql: string): Promise<RowDataPacket[]> {
  const [result] = await conn.query<RowDataPacket[]>(sql);
  return result;
}

function versionCheck(version: string, comment: string): Check {
  const flavour = /mariadb/i.test(version) || /mariadb/i.test(comment) ? 'mariadb' : 'mysql';
  const [major = 0, minor = 0] = (/^(\d+)\.(\d+)/.exec(version)?.slice(1) ?? []).map(Number);
  const [wantMajor, wantMinor] = MIN_VERSIONS[flavour];
  const supported = major > wantMajor || (major === wantMajor && minor >= wantMinor);
  const name = `${flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} ${version.replace(/-.*$/, '')}${comment ? ` (${comment})` : ''}`;
  return supported
    ? { label: 'Server', ok: true, detail: name, neededToServe: true }
    : {
        label: 'Server', ok: false, detail: `${name} is older than Marquee supports`, neededToServe: true,
        fix: 'Use MariaDB 10.6 or later, or MySQL 8.0 or later.',
      };
}

/** The procedures serve calls (functions and triggers run with their definer's rights). */
function procedureNames(): string[] {
  const names = new Set<string>();
  for (const m of loadMigrations()) {
    for (const s of m.statements) {
      const p = /CREATE\s+PROCEDURE\s+`?(\w+)`?/i.exec(s);
      if (p) names.add(p[1]!);
    }
  }
  return [...names];
}

async function databaseChecks(conn: Connection, target: DbTarget, config: Config, migrationAccount: boolean): Promise<Check[]> {
  const checks: Check[] = [];
  const [server] = await rows(conn, 'SELECT VERSION() AS version, @@version_comment AS comment, CURRENT_USER() AS account');
  checks.push(versionCheck(String(server!.version), String(server!.comment ?? '')));

  // Schema: what this build would apply, without applying it.
  const status = await schemaStatus(conn);
  if (status.upToDate) {
    checks.push({ label: 'Schema', ok: true, detail: 'up to date with this build', neededToServe: true });
  } else {
    const parts = [
      status.pendingVersioned.length ? `${status.pendingVersioned.length} migration(s) not applied (${status.pendingVersioned.join(', ')})` : '',
      status.staleRoutines.length ? `routines out of date (${status.staleRoutines.join(', ')})` : '',
      status.changedVersioned.length ? `applied migration(s) changed since (${status.changedVersioned.join(', ')})` : '',
      status.aheadVersioned.length ? `migrated by a newer Marquee (${status.aheadVersioned.join(', ')} unknown to this build)` : '',
    ].filter(Boolean);
    checks.push({
      label: 'Schema', ok: false, detail: parts.join('; '), neededToServe: true,
      fix: status.aheadVersioned.length
        ? 'Upgrade this Marquee to the version that migrated the database (a database is never downgraded).'
        : status.changedVersioned.length && !status.pendingVersioned.length
        ? 'This build does not match the database: restore the original migration files (applied migrations are never edited).'
        : `Run \`${CLI} migrate\` with an admin account (MARQUEE_DB_URL pointing at it), then start serve again.`,
    });
  }

  // A live upgrade: safe right now, and what it would do to the serves running.
  checks.push(await upgradeCheck(conn));

  const [charset] = await rows(
    conn,
    'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
  );
  checks.push({
    label: 'Database default', ok: 'info', neededToServe: false,
    detail: `${charset?.cs ?? '?'} / ${charset?.co ?? '?'} (any works: Marquee's tables and routines set their own)`,
  });

  // Privileges, as SHOW GRANTS states them for this session's account.
  const grantLines = (await rows(conn, 'SHOW GRANTS')).map((r) => String(Object.values(r)[0]));
  const grants = parseGrants(grantLines, target.database);
  const account = String(server!.account);
  const roleNote = grants.roles.length ? ` (roles: ${grants.roles.join(', ')}; only active ones are counted)` : '';
  const tableNote = grants.perTable ? ' (some privileges are granted per table; only database-wide ones are counted)' : '';
  const lackServe = missing(grants, SERVE_PRIVILEGES, procedureNames());
  checks.push(
    lackServe.length === 0
      ? { label: 'Privileges to serve', ok: true, detail: `${account} has ${SERVE_PRIVILEGES.join(', ')} on \`${target.database}\``, neededToServe: true }
      : {
          label: 'Privileges to serve', ok: false, neededToServe: true,
          detail: `${account} lacks ${lackServe.join(', ')} on \`${target.database}\`${roleNote}${tableNote}`,
          fix: `As an admin: GRANT ${SERVE_PRIVILEGES.join(', ')} ON \`${target.database}\`.* TO ${account.replace(/^(.*)@(.*)$/, "'$1'@'$2'")};`,
        },
  );
  const lackMigrate = missing(grants, MIGRATE_PRIVILEGES);
  checks.push(
    lackMigrate.length === 0
      ? { label: 'Privileges to migrate', ok: true, detail: `${account} can apply migrations (${MIGRATE_PRIVILEGES.join(', ')})`, neededToServe: false }
      : {
          label: 'Privileges to migrate', ok: migrationAccount ? false : 'info', neededToServe: false,
          detail: `${account} lacks ${lackMigrate.join(', ')}: a runtime account, it cannot apply migrations${roleNote}`,
          fix: `Apply migrations with an admin account (\`${CLI} migrate\`), and run serve with MARQUEE_MIGRATE=off on this one.`,
        },
  );

  // Binary logging: creating functions and triggers then needs SUPER or the server's trust.
  const [binlog] = await rows(conn, 'SELECT @@log_bin AS logBin, @@log_bin_trust_function_creators AS trusted');
  const logBin = Number(binlog!.logBin) === 1;
  const trusted = Number(binlog!.trusted) === 1;
  const hasSuper = grants.global.has('SUPER');
  if (!logBin) checks.push({ label: 'Binary logging', ok: true, detail: 'off', neededToServe: false });
  else if (trusted || hasSuper) {
    checks.push({ label: 'Binary logging', ok: true, neededToServe: false, detail: `on; ${trusted ? 'log_bin_trust_function_creators=1' : `${account} has SUPER`}, so migrations can create routines` });
  } else {
    checks.push({
      label: 'Binary logging', ok: lackMigrate.length === 0 ? false : 'info', neededToServe: false,
      detail: `on, log_bin_trust_function_creators=0 and ${account} lacks SUPER: migrations cannot create Marquee's functions and triggers`,
      fix: 'Set log_bin_trust_function_creators=1 in the server configuration ([mariadbd] or [mysqld] section), or SET GLOBAL log_bin_trust_function_creators = 1; or migrate with an account that has SUPER.',
    });
  }

  // Galera: a node that is not synced in the primary component refuses or delays writes.
  const wsrep = await rows(conn, "SHOW VARIABLES LIKE 'wsrep_on'");
  if (!wsrep.length || String(wsrep[0]!.Value).toUpperCase() !== 'ON') {
    checks.push({ label: 'Galera (wsrep)', ok: 'info', detail: 'not a cluster node', neededToServe: false });
  } else {
    const status = Object.fromEntries((await rows(conn, "SHOW STATUS LIKE 'wsrep_%'")).map((r) => [String(r.Variable_name).toLowerCase(), String(r.Value)]));
    const ready = status.wsrep_ready === 'ON' && status.wsrep_cluster_status === 'Primary' && status.wsrep_local_state_comment === 'Synced';
    const detail = `ready ${status.wsrep_ready ?? '?'}, cluster ${status.wsrep_cluster_status ?? '?'} of ${status.wsrep_cluster_size ?? '?'} node(s), this node ${status.wsrep_local_state_comment ?? '?'}`;
    checks.push(
      ready
        ? { label: 'Galera (wsrep)', ok: true, detail, neededToServe: true }
        : { label: 'Galera (wsrep)', ok: false, detail, neededToServe: true, fix: 'Wait for this node to rejoin and sync with the primary component, or point MARQUEE_DB_URL at a synced node.' },
    );
  }

  // Clocks: the database decides expiry, this machine shows the times.
  const before = Date.now();
  const [clock] = await rows(conn, 'SELECT UNIX_TIMESTAMP(NOW(6)) AS t');
  const after = Date.now();
  const skew = Number(clock!.t) - (before + after) / 2000;
  const skewText = `${Math.abs(skew).toFixed(1)} s ${skew >= 0 ? 'ahead of' : 'behind'} this machine`;
  checks.push(
    Math.abs(skew) <= CLOCK_TOLERANCE_SECONDS
      ? { label: 'Clock', ok: true, detail: `the database is ${skewText}`, neededToServe: true }
      : {
          label: 'Clock', ok: false, detail: `the database is ${skewText}: show times and expiry would disagree with the screens`, neededToServe: true,
          fix: 'Synchronise both machines with NTP (for example `timedatectl set-ntp true` on each).',
        },
  );

  const [zone] = await rows(conn, 'SELECT @@global.time_zone AS global, @@system_time_zone AS system');
  const serverZone = String(zone!.global) === 'SYSTEM' ? `SYSTEM (${String(zone!.system)})` : String(zone!.global);
  checks.push({
    label: 'Time zone', ok: true, neededToServe: true,
    detail: `server ${serverZone}; Marquee's sessions use UTC (+00:00) whatever it is; show times are shown in ${config.timeZone} (MARQUEE_TIMEZONE)`,
  });
  return checks;
}

function print(checks: Check[]): void {
  for (const c of checks) {
    const mark = c.ok === 'info' ? '·' : c.ok === 'warn' ? '!' : c.ok ? '✔' : '✘';
    console.log(`${mark} ${c.label}: ${c.detail}`);
    if ((c.ok === false || c.ok === 'warn') && c.fix) console.log(`    fix: ${c.fix}`);
  }
}

export async function doctorCommand(config: Config): Promise<number> {
  let embedded: EmbeddedServer | null = null;
  let target: DbTarget;
  if (config.dbUrl) {
    target = parseDbUrl(config.dbUrl);
  } else {
    embedded = await startEmbeddedServer({ dataDir: config.dataDir });
    target = embedded.target;
  }
  console.log(`Marquee ${VERSION} doctor`);
  console.log(databaseLine(config, embedded));
  try {
    let conn: Connection;
    const started = Date.now();
    try {
      conn = await mysql.createConnection({ ...target, connectTimeout: 5000, multipleStatements: false });
    } catch (err) {
      const refusal = explainRefusal(err, target);
      print([{
        label: 'Reachable', ok: false, neededToServe: true,
        detail: refusal ?? `no connection to ${whereIs(target)} (${unreachableReason(err)})`,
        ...(refusal ? {} : { fix: 'Start the database server, or fix the host and port in MARQUEE_DB_URL.' }),
      }]);
      console.log('Not ready to serve: fix the problem above and run doctor again.');
      return 1;
    }
    try {
      await conn.query("SET time_zone = '+00:00'");
      const checks: Check[] = [{ label: 'Reachable', ok: true, detail: `connected in ${Date.now() - started} ms`, neededToServe: true }];
      checks.push(...(await databaseChecks(conn, target, config, config.migrate !== 'off')));
      checks.push(...tlsChecks(config));
      print(checks);
      const blocking = checks.filter((c) => c.ok === false && c.neededToServe);
      const other = checks.filter((c) => c.ok === false && !c.neededToServe);
      if (blocking.length) {
        console.log(`Not ready to serve: ${blocking.length} problem(s) above (✘) need fixing.`);
        return 1;
      }
      const warnings = checks.filter((c) => c.ok === 'warn').length;
      console.log(
        (other.length ? 'Ready to serve. The ✘ above matters only when applying migrations.' : 'Ready to serve.') +
          (warnings ? ` ${warnings} warning(s) (!) above want attention soon.` : ''),
      );
      return 0;
    } finally {
      await conn.end().catch(() => undefined);
    }
  } finally {
    await embedded?.stop();
  }
}
