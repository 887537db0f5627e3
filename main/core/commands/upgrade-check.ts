// `marquee doctor`'s answer to "may I upgrade now, and what would it do?" (docs/ARCHITECTURE.md,
// "Upgrading a live cluster"): what this build's `migrate` would apply, which live serves would
// be drained for it and whether they serve on afterwards or refuse until restarted, and what
// makes it unsafe right now (a migration or drain under way, a node not synced, serves too old
// to answer the roll call).
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { clusterNodeState } from '../db/cluster';
import { DRAIN_LEASE, liveServes } from '../db/drain';
import { loadMigrationPlan, schemaStatus, type MigrationPlan } from '../db/migrate';
import { contractChecksum } from '../db/routine-contract';
import type { Check } from './doctor';
import { CLI } from './hint';

const ER_NO_SUCH_TABLE = 1146;

async function optionalRows(conn: Connection, sql: string, params: unknown[] = []): Promise<RowDataPacket[] | null> {
  try {
    return (await conn.query<RowDataPacket[]>(sql, params))[0];
  } catch (err) {
    if ((err as { errno?: number }).errno === ER_NO_SUCH_TABLE) return null;
    throw err;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function upgradeCheck(conn: Connection, plan: MigrationPlan = loadMigrationPlan()): Promise<Check> {
  const status = await schemaStatus(conn, plan);
  const label = 'Upgrade';
  if (status.aheadVersioned.length || status.changedVersioned.length) {
    return { label, ok: 'info', neededToServe: false, detail: 'this build cannot migrate this database (see Schema above)' };
  }
  const serves = await liveServes(conn);
  const servesText = serves.length
    ? `${plural(serves.length, 'live serve')} (${serves.map((s) => `${s.serveId} build ${s.build} ${s.state}`).join('; ')})`
    : 'no live serve';
  if (status.upToDate) return { label, ok: 'info', neededToServe: false, detail: `nothing to apply with this build; ${servesText}` };

  // What it would do.
  const byName = new Map(plan.routines.map((r) => [r.name, r]));
  const replaced = status.staleRoutines.filter((n) => byName.has(n)).map((n) => byName.get(n)!);
  const dropped = status.staleRoutines.filter((n) => !byName.has(n));
  const work = [
    status.pendingVersioned.length && `apply ${status.pendingVersioned.join(', ')}`,
    replaced.length && `replace ${replaced.map((r) => `${r.kind.toLowerCase()} ${r.routine}`).join(', ')}`,
    dropped.length && `drop ${dropped.join(', ')}`,
  ].filter(Boolean).join(', ');
  const contracts = new Map(((await optionalRows(conn, 'SELECT name, contract FROM marquee_routine_contract')) ?? []).map((r) => [String(r.name), String(r.contract)]));
  const contractChanges = replaced.filter((r) => r.kind !== 'TRIGGER' && contracts.get(r.name) !== contractChecksum(r)).map((r) => r.routine);
  const afterwards = status.pendingVersioned.length || contractChanges.length || dropped.length
    ? `serves of the running build then refuse requests (503) until restarted with this build (${[
        ...(status.pendingVersioned.length ? ['new migrations'] : []),
        ...(contractChanges.length ? [`parameters of ${contractChanges.join(', ')} may change`] : []),
        ...(dropped.length ? ['routines dropped'] : []),
      ].join('; ')}): restart them one at a time, the first with MARQUEE_MIGRATE=auto migrates`
    : 'serves of the running build serve on with the new routines (their contracts are unchanged)';

  // Why not right now.
  const problems: string[] = [];
  const leases = await optionalRows(conn, 'SELECT name, holder FROM marquee_lease WHERE name IN (?, ?) AND holder IS NOT NULL AND expires_at > UTC_TIMESTAMP(3)', ['migrate', DRAIN_LEASE]);
  for (const l of leases ?? []) problems.push(`a ${l.name === DRAIN_LEASE ? 'drain' : 'migration'} by ${String(l.holder)} is under way`);
  const node = await clusterNodeState(async (sql) => (await conn.query<RowDataPacket[]>(sql))[0]);
  if (node && !node.ready) problems.push(`this cluster node is ${node.state} (${node.status}), not Synced in the Primary component`);
  const rollCall = await optionalRows(conn, 'SELECT 1 FROM marquee_serve LIMIT 1');
  const migratedBefore = (await optionalRows(conn, 'SELECT 1 FROM marquee_migration LIMIT 1'))?.length;
  if (rollCall === null && migratedBefore) {
    problems.push(
      'serves of the running version cannot be drained (it predates live upgrades)' +
        (node ? ': on a cluster stop them before migrating, or the DDL may stall every node' : ''),
    );
  }
  const doing = `would ${work}, holding the database work of ${servesText} while the DDL runs (about a second); ${afterwards}`;
  if (problems.length) {
    return {
      label, ok: false, neededToServe: false, detail: `not safe now: ${problems.join('; ')}. It ${doing}`,
      fix: 'Wait for the migration under way to end or the node to sync; stop serves too old to be drained (README, "Running on a cluster"); ' +
        `then run \`${CLI} doctor\` again.`,
    };
  }
  return { label, ok: true, neededToServe: false, detail: `safe now: \`${CLI} migrate\` ${doing}` };
}
