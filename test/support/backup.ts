// Helpers for the backup tests: the built `marquee` command, and a database read whole (every
// base table, every row, by primary key) so two states can be compared row for row.
import { execFile } from 'node:child_process';
import path from 'node:path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import type { DbTarget } from '../../main/core/db/target';
import { repoRoot } from './processes';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/marquee.js …` with the environment given (on top of the test's own). */
export function runMarquee(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'marquee.js'), ...args],
      { cwd: repoRoot, env: { ...process.env, MARQUEE_TIMEZONE: 'UTC', ...env }, timeout: timeoutMs, maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** table → primary key (joined) → the row as JSON. */
export type DatabaseState = Map<string, Map<string, string>>;

const cell = (value: unknown) => (value instanceof Date ? value.toISOString() : Buffer.isBuffer(value) ? value.toString('hex') : value);

export async function readDatabase(target: DbTarget): Promise<DatabaseState> {
  const conn = await mysql.createConnection({ ...target, timezone: 'Z', supportBigNumbers: true, bigNumberStrings: true });
  try {
    const [tables] = await conn.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    );
    const state: DatabaseState = new Map();
    for (const { name } of tables) {
      const [keys] = await conn.query<RowDataPacket[]>(
        `SELECT COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`,
        [name],
      );
      const [rows] = await conn.query<RowDataPacket[]>(`SELECT * FROM \`${String(name)}\``);
      const byKey = new Map<string, string>();
      for (const row of rows) {
        const json = JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(v)])));
        byKey.set(keys.length ? keys.map((k) => String(row[k.c as string])).join('|') : json, json);
      }
      state.set(String(name), byKey);
    }
    return state;
  } finally {
    await conn.end();
  }
}

/** The rows of `table` parsed back, keyed as in the state. */
export function rowsOf(state: DatabaseState, table: string): Map<string, Record<string, unknown>> {
  return new Map([...(state.get(table) ?? new Map<string, string>())].map(([k, json]) => [k, JSON.parse(json) as Record<string, unknown>]));
}

/** The last line of a command's stdout (where backup prints its file). */
export const lastLine = (text: string) => text.trimEnd().split('\n').pop()!.trim();
