// Start-up's first contact with a configured database server. A server that is not up yet
// (booting with the machine, restarting) is waited for; a server that answers and refuses
// (wrong password, unknown database) is not: that will not fix itself, so it ends start-up at
// once with a sentence saying what to change.
import mysql from 'mysql2/promise';
import { accessProblem, isUnreachable } from './errors';
import type { DbTarget } from './target';

/** An expected failure whose message is one plain sentence for a person: no stack trace. */
export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError';
}

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
}

export function whereIs(target: DbTarget): string {
  return target.socketPath ? `the socket ${target.socketPath}` : `${target.host ?? '127.0.0.1'}:${target.port ?? 3306}`;
}

const RUNTIME_GRANT = (db: string, user: string) => `GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON \`${db}\`.* TO '${user}'@'%'`;

/** DDL and routine statements: these need the admin (migrate) account, not the runtime one. */
const MIGRATION_COMMANDS = /^(create|alter|drop|index|references|trigger|create routine|alter routine|create view|super)\b/i;

/**
 * One sentence (what is wrong, then what to do) for a refusal by the database server, or null
 * when `err` is not one. The sentence names the account and database, never the password.
 */
export function explainRefusal(err: unknown, target: DbTarget): string | null {
  const problem = accessProblem(err);
  if (!problem) return null;
  const where = whereIs(target);
  const user = target.user;
  const db = target.database;
  switch (problem) {
    case 'password':
      return `The database server at ${where} refused user "${user}": wrong password, or no such user. Fix the user and password in MARQUEE_DB_URL, or create the account (see "Database accounts" in the README).`;
    case 'host':
      return `The database server at ${where} does not let user "${user}" connect from this machine. Create the account for this host (for example '${user}'@'%'), or fix MARQUEE_DB_URL.`;
    case 'locked':
      return `The database account "${user}" at ${where} is locked. An administrator must unlock it (ALTER USER '${user}'@'%' ACCOUNT UNLOCK).`;
    case 'unknown-database':
      return `The database "${db}" does not exist on the server at ${where}. Create it (CREATE DATABASE \`${db}\`;) or fix the database name in MARQUEE_DB_URL.`;
    case 'database-access':
      return `User "${user}" may not use the database "${db}" at ${where}. Grant it (${RUNTIME_GRANT(db, user)};) or fix the database name in MARQUEE_DB_URL.`;
    case 'privilege': {
      const message = (err as DriverError).message ?? '';
      const denied = /^(.+?) command denied/i.exec(message)?.[1]?.trim();
      const what = denied ? `the ${denied.toUpperCase()} privilege` : /SUPER/i.test(message) ? 'the SUPER privilege' : 'a privilege';
      if ((err as DriverError).errno === 1419 || /log_bin_trust_function_creators/i.test(message)) {
        return `The database server at ${where} has binary logging on and user "${user}" lacks SUPER, so it may not create Marquee's routines. Set log_bin_trust_function_creators=1 in the server's configuration (or SET GLOBAL log_bin_trust_function_creators = 1) and run \`npx marquee migrate\` again.`;
      }
      if (denied && MIGRATION_COMMANDS.test(denied)) {
        return `User "${user}" lacks ${what} on "${db}", which applying migrations needs. Run \`npx marquee migrate\` once with an admin account (see "Database accounts" in the README), or grant the migration privileges to this one.`;
      }
      return `User "${user}" lacks ${what} on "${db}", which serving needs. Grant it: ${RUNTIME_GRANT(db, user)};`;
    }
  }
}

/** Why a connection attempt failed, in a few words, for the waiting lines and the final sentence. */
export function unreachableReason(err: unknown): string {
  const e = err as DriverError;
  switch (e?.code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'host name not found';
    case 'ETIMEDOUT': return 'no answer (timed out)';
    case 'EHOSTUNREACH': case 'ENETUNREACH': return 'host unreachable';
    case 'ENOENT': return 'no socket there';
    case 'ER_CON_COUNT_ERROR': return 'too many connections';
    default: return e?.code ? e.code.toLowerCase().replace(/_/g, ' ') : 'not answering';
  }
}

export interface WaitOptions {
  /** Give up after this long; 0 tries once. */
  seconds: number;
  /** Told every few seconds while waiting (a line for the console). */
  onWaiting?: (line: string) => void;
  /** Between attempts; 1 s unless a test wants it sooner. */
  intervalMs?: number;
  /** How often onWaiting hears about it. */
  reportEveryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once a session can be opened on `target`; throws DatabaseStartupError with the
 * sentence to print when the server refuses, or when it stayed unreachable for `seconds`.
 */
export async function waitForDatabase(target: DbTarget, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const interval = options.intervalMs ?? 1000;
  const reportEvery = options.reportEveryMs ?? 5000;
  let lastReport = started - reportEvery; // the first failure is reported at once
  for (;;) {
    try {
      const conn = await mysql.createConnection({ ...target, connectTimeout: Math.min(5000, Math.max(1000, deadline - Date.now())) });
      await conn.end().catch(() => undefined);
      return;
    } catch (err) {
      const refusal = explainRefusal(err, target);
      if (refusal) throw new DatabaseStartupError(refusal);
      if (!isUnreachable(err) && !(err as DriverError)?.code) throw err;
      const reason = unreachableReason(err);
      const now = Date.now();
      if (now >= deadline) {
        const waited = Math.round((now - started) / 1000);
        throw new DatabaseStartupError(
          `The database server at ${whereIs(target)} is not reachable (${reason}${waited > 0 ? `; waited ${waited} s` : ''}). ` +
            'Start it, or fix the host and port in MARQUEE_DB_URL; MARQUEE_DB_WAIT_SECONDS sets how long to wait.',
        );
      }
      if (now - lastReport >= reportEvery) {
        lastReport = now;
        const left = Math.max(0, Math.round((deadline - now) / 1000));
        options.onWaiting?.(`Waiting for the database server at ${whereIs(target)} (${reason}); giving up in ${left} s.`);
      }
      await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
    }
  }
}
