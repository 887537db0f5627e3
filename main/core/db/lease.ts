// Leases: "only one process at a time does X" across every Marquee instance, on one server or on
// any nodes of a Galera cluster. A lease is a row of marquee_lease (made by the migrator, see
// migrate.ts) naming its holder until an expiry by the database clock. A row, not GET_LOCK:
// Galera certifies row writes against every node's, so two nodes cannot both take the row,
// while GET_LOCK only locks on the node it was taken on. A holder that dies loses the lease at
// its expiry; nothing has to clean up after it.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ResultSetHeader } from 'mysql2/promise';

/** Runs one autocommitted statement (retrying deadlocks / certification conflicts). */
export type Exec = (sql: string, params: unknown[]) => Promise<ResultSetHeader>;

/** A name for this process in lease rows: host, pid and a random part (two holders in one process differ). */
export function leaseHolderName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(0, 120);
}

/** Takes lease `name`, or renews it when `holder` has it; false while another holder's lease runs. */
export async function takeLease(exec: Exec, name: string, holder: string, seconds: number): Promise<boolean> {
  const result = await exec(
    `UPDATE marquee_lease SET holder = ?, expires_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND
      WHERE name = ? AND (holder = ? OR holder IS NULL OR expires_at <= UTC_TIMESTAMP(3))`,
    [holder, seconds, name, holder],
  );
  return result.affectedRows === 1;
}

/** Gives lease `name` back at once (no-op unless `holder` has it). */
export async function releaseLease(exec: Exec, name: string, holder: string): Promise<void> {
  await exec('UPDATE marquee_lease SET holder = NULL, expires_at = UTC_TIMESTAMP(3) WHERE name = ? AND holder = ?', [name, holder]);
}
