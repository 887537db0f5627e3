// What a serve of an older build relies on in the routines it calls: their names and parameter
// lists (and a function's return type) — its contract. A routine's body may change under a
// running serve (a new rule, a changed trigger: callers see neither); a changed contract, a
// routine gone, or a versioned migration the serve does not know means that serve must stop
// writing until it is restarted with the new build (docs/ARCHITECTURE.md, "Upgrading a live
// cluster"). The migrator records each applied routine's contract in marquee_routine_contract,
// so a serve compares texts made by the same function on both sides, never the server's own
// rendering of a type.
import { createHash } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { MigrationPlan, Routine } from './migrate';

const HEAD = /CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\s+`?\w+`?\s*\(/i;

/** The routine's parameter list (and RETURNS type), normalised; null for a trigger. */
export function contractText(routine: Routine): string | null {
  if (routine.kind === 'TRIGGER') return null;
  const create = routine.statements.map((st) => st.replace(/--[^\n]*/g, '')).find((st) => HEAD.test(st));
  if (!create) return null;
  const head = HEAD.exec(create)!;
  let depth = 1;
  let end = head.index + head[0].length;
  for (; end < create.length && depth > 0; end++) {
    if (create[end] === '(') depth++;
    else if (create[end] === ')') depth--;
  }
  const params = create.slice(head.index + head[0].length, end - 1);
  const returns = routine.kind === 'FUNCTION' ? (/^\s*RETURNS\s+([^\n]*)/i.exec(create.slice(end))?.[1] ?? '') : '';
  const normal = (text: string) => text.replace(/`/g, '').replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1').trim().toLowerCase();
  return `${routine.kind.toLowerCase()}(${normal(params)})${returns ? ` returns ${normal(returns)}` : ''}`;
}

export function contractChecksum(routine: Routine): string | null {
  const text = contractText(routine);
  return text === null ? null : createHash('sha256').update(text).digest('hex');
}

/** One fingerprint of a build's sql/ (every file's checksum), to tell builds apart in marquee_serve. */
export function buildFingerprint(plan: MigrationPlan): string {
  const hash = createHash('sha256');
  for (const m of [...plan.versioned, ...plan.routines]) hash.update(`${m.name}=${m.checksum}\n`);
  return hash.digest('hex').slice(0, 12);
}

const ER_NO_SUCH_TABLE = 1146;

async function readMap(conn: Connection, sql: string): Promise<Map<string, string>> {
  try {
    const [rows] = await conn.query<RowDataPacket[]>(sql);
    return new Map(rows.map((r) => [String(r.name), String(r.value)]));
  } catch (err) {
    if ((err as { errno?: number }).errno === ER_NO_SUCH_TABLE) return new Map();
    throw err;
  }
}

/**
 * Why a serve of `plan`'s build may not write to this database as it is now, or null when it may:
 * the database has versioned migrations the build lacks, or lacks ones it has, or a procedure or
 * function it has is missing there or has another contract.
 */
export async function incompatibility(conn: Connection, plan: MigrationPlan): Promise<string | null> {
  const recorded = await readMap(conn, 'SELECT name, checksum AS value FROM marquee_migration');
  const contracts = await readMap(conn, 'SELECT name, contract AS value FROM marquee_routine_contract');
  const known = new Set(plan.versioned.map((m) => m.name));
  const ahead = [...recorded.keys()].filter((n) => !n.startsWith('routines/') && !known.has(n)).sort();
  if (ahead.length) return `the database was migrated by a newer Marquee (${ahead.join(', ')})`;
  const behind = plan.versioned.filter((m) => !recorded.has(m.name)).map((m) => m.name);
  if (behind.length) return `the database lacks ${behind.join(', ')}`;
  const changed = plan.routines.filter((r) => {
    if (r.kind === 'TRIGGER' || recorded.get(r.name) === r.checksum) return false;
    return !recorded.has(r.name) || contracts.get(r.name) !== contractChecksum(r);
  });
  if (changed.length) return `${changed.map((r) => `${r.kind.toLowerCase()} ${r.routine}`).join(', ')} changed its parameters or is gone`;
  return null;
}
