// Where the database is: parsed from a mysql:// URL. `?socket=/path` selects a Unix socket
// (the embedded default uses one; networking is off there).

export interface DbTarget {
  host?: string;
  port?: number;
  socketPath?: string;
  user: string;
  password: string;
  database: string;
}

export function parseDbUrl(url: string): DbTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('The database URL is not a URL; expected mysql://user:pass@host:3306/marquee.');
  }
  if (u.protocol !== 'mysql:') throw new Error('The database URL must start with mysql://');
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'marquee';
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new Error('The database name in the URL may use letters, digits and _ only.');
  }
  const socketPath = u.searchParams.get('socket') ?? undefined;
  const target: DbTarget = {
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database,
  };
  if (socketPath) target.socketPath = socketPath;
  else {
    target.host = u.hostname || '127.0.0.1';
    target.port = u.port ? Number(u.port) : 3306;
  }
  return target;
}

export function formatDbUrl(t: DbTarget): string {
  const auth = `${encodeURIComponent(t.user)}${t.password ? `:${encodeURIComponent(t.password)}` : ''}`;
  if (t.socketPath) return `mysql://${auth}@localhost/${t.database}?socket=${encodeURIComponent(t.socketPath)}`;
  return `mysql://${auth}@${t.host ?? '127.0.0.1'}:${t.port ?? 3306}/${t.database}`;
}

/** A database name is an identifier we interpolate into DDL, so it is checked, never escaped. */
export function quoteDatabaseName(name: string): string {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `\`${name}\``;
}
