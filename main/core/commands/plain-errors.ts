// Expected failures of a command, as one sentence for the person at the terminal: what is
// wrong and what to do. Anything not recognised here is a bug and keeps its stack trace.
import { MarqueeError } from '../../common/errors';
import { BackupError } from '../backup/errors';
import { ConfigError, type Config } from '../config';
import { EmbeddedServerError } from '../db/embedded-server';
import { accessProblem, isUnreachable } from '../db/errors';
import { MigrationError } from '../db/migrate';
import { parseDbUrl } from '../db/target';
import { DatabaseStartupError, explainRefusal, unreachableReason, whereIs } from '../db/wait';

interface SystemError {
  code?: string;
  errno?: number | string;
  syscall?: string;
  port?: number;
  address?: string;
  message?: string;
}

function explainListen(err: SystemError, config: Config): string | null {
  if (err.syscall !== 'listen' && err.syscall !== 'bind') return null;
  const port = err.port ?? config.httpPort;
  const host = err.address ?? config.httpHost;
  switch (err.code) {
    case 'EADDRINUSE':
      return `Port ${port} is in use on ${host} (another Marquee or another program listens there). Stop that one, or set MARQUEE_HTTP_PORT to a free port.`;
    case 'EACCES':
      return `This user may not listen on port ${port} (ports below 1024 need extra rights). Set MARQUEE_HTTP_PORT to 1024 or above, for example 8443.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine, so Marquee cannot listen there. Set MARQUEE_HTTP_HOST to one of its addresses, or 0.0.0.0 for all.`;
    default:
      return null;
  }
}

/** The sentence to print for an expected failure, or null for a bug (print it whole). */
export function explainFailure(err: unknown, config: Config | null): string | null {
  if (
    err instanceof ConfigError || err instanceof EmbeddedServerError || err instanceof MigrationError ||
    err instanceof DatabaseStartupError || err instanceof BackupError
  ) {
    return err.message;
  }
  if (err instanceof MarqueeError) return err.message;
  if (!err || typeof err !== 'object') return null;
  if (config) {
    const listen = explainListen(err as SystemError, config);
    if (listen) return listen;
  }
  // A driver error after the first contact (a migration statement, a query of `token`).
  if (config?.dbUrl && (accessProblem(err) || isUnreachable(err))) {
    const target = parseDbUrl(config.dbUrl);
    return explainRefusal(err, target) ?? `The database server at ${whereIs(target)} stopped answering (${unreachableReason(err)}). Check that it runs, then try again.`;
  }
  if (!config?.dbUrl && accessProblem(err)) return 'The embedded database refused Marquee. Its data directory may belong to another installation; see MARQUEE_DATA_DIR.';
  return null;
}
