// Words the backup and restore commands share.
import type { Config } from '../config';
import type { DbTarget } from '../db/target';

export function databaseInWords(config: Pick<Config, 'dbUrl' | 'dataDir'>, target: DbTarget): string {
  if (!config.dbUrl) return `the embedded database in ${config.dataDir}`;
  return `the database ${target.database} on ${target.socketPath ?? `${target.host}:${target.port}`}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
