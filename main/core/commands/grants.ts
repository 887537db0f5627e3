// What an account may do in one database, read from its SHOW GRANTS lines (MariaDB and MySQL
// print the same shape). Used by `marquee doctor` to tell a runtime account (DML + EXECUTE)
// from an admin one (DDL, routines, triggers) and to name what is missing.

/** What `marquee serve` needs on its database. */
export const SERVE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'EXECUTE'] as const;
/** What `marquee migrate` needs besides (tables with foreign keys, routines, triggers). */
export const MIGRATE_PRIVILEGES = ['CREATE', 'ALTER', 'DROP', 'INDEX', 'REFERENCES', 'CREATE ROUTINE', 'ALTER ROUTINE', 'TRIGGER'] as const;

/** Everything ALL PRIVILEGES stands for that we ever ask about. */
const ALL = new Set<string>([...SERVE_PRIVILEGES, ...MIGRATE_PRIVILEGES, 'SUPER']);

export interface Grants {
  /** Privileges on *.* or on a database pattern matching ours. */
  database: Set<string>;
  /** Privileges on *.* only (SUPER lives there). */
  global: Set<string>;
  /** Routines of ours the account may EXECUTE one by one (lower case). */
  executableRoutines: Set<string>;
  /** Whether some privileges are granted per table (not judged here: reported as such). */
  perTable: boolean;
  /** Roles granted to the account (their grants show only when the role is active). */
  roles: string[];
}

/** `name` with backticks removed and doubled backticks undone. */
function unquote(identifier: string): string {
  const trimmed = identifier.trim();
  if (trimmed.startsWith('`') && trimmed.endsWith('`')) return trimmed.slice(1, -1).replace(/``/g, '`');
  if (trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1);
  return trimmed;
}

/** A GRANT's database name is a LIKE pattern: `_` and `%` are wildcards unless escaped with `\`. */
export function databasePatternMatches(pattern: string, database: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) regex += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') regex += '.*';
    else if (c === '_') regex += '.';
    else regex += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${regex}$`, 'i').test(database);
}

/** Splits "SELECT, INSERT (a, b), UPDATE" into names, dropping column lists. */
function privilegeNames(list: string): string[] {
  return list
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((p) => p.trim().toUpperCase().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** Splits `db`.`table` or `db`.* into its two parts, respecting backticks. */
function splitObject(object: string): [string, string] {
  let inQuote = false;
  for (let i = 0; i < object.length; i++) {
    if (object[i] === '`') inQuote = !inQuote;
    else if (object[i] === '.' && !inQuote) return [object.slice(0, i), object.slice(i + 1)];
  }
  return [object, ''];
}

export function parseGrants(lines: string[], database: string): Grants {
  const grants: Grants = { database: new Set(), global: new Set(), executableRoutines: new Set(), perTable: false, roles: [] };
  for (const line of lines) {
    const m = /^GRANT\s+(.+?)\s+ON\s+(?:(PROCEDURE|FUNCTION)\s+)?(\S+)\s+TO\s+/i.exec(line.trim());
    if (!m) {
      const role = /^GRANT\s+(.+?)\s+TO\s+/i.exec(line.trim());
      if (role && !/\bON\b/i.test(role[1]!)) grants.roles.push(...role[1]!.split(',').map((r) => unquote(r.trim())));
      continue;
    }
    const names = privilegeNames(m[1]!);
    const expanded = names.some((n) => n === 'ALL' || n === 'ALL PRIVILEGES') ? [...ALL] : names;
    const [dbPart, objectPart] = splitObject(m[3]!);
    const isGlobal = dbPart === '*' && objectPart === '*';
    const ours = isGlobal || (dbPart !== '*' && databasePatternMatches(unquote(dbPart), database));
    if (!ours) continue;
    if (m[2]) {
      if (expanded.includes('EXECUTE')) grants.executableRoutines.add(unquote(objectPart).toLowerCase());
      continue;
    }
    if (objectPart !== '*') {
      grants.perTable = true;
      continue;
    }
    for (const p of expanded) grants.database.add(p);
    if (isGlobal) for (const p of expanded) grants.global.add(p);
  }
  return grants;
}

/** Privileges from `wanted` the account lacks on its database; EXECUTE also counts when granted per routine for all of `procedures`. */
export function missing(grants: Grants, wanted: readonly string[], procedures: string[] = []): string[] {
  return wanted.filter((p) => {
    if (grants.database.has(p)) return false;
    if (p === 'EXECUTE' && procedures.length > 0 && procedures.every((r) => grants.executableRoutines.has(r.toLowerCase()))) return false;
    return true;
  });
}
