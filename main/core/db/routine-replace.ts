// How a changed routine is re-applied while serves keep running (docs/ARCHITECTURE.md, "Migrations").
// Between a DROP and its CREATE, a booking would find no marquee_book (an error) or, worse, insert
// a ticket while no capacity trigger exists. MariaDB replaces a routine in one statement
// (CREATE OR REPLACE, holding the table's exclusive metadata lock for a trigger: writers wait and
// then fire the new one). MySQL has no OR REPLACE for routines, so there a trigger's DROP + CREATE
// run under LOCK TABLES … WRITE, as its manual advises; a procedure or function still has a moment
// without a definition there, which a call sees as an error, never as a broken rule.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { Routine } from './migrate';

export type ReplaceStrategy = 'create-or-replace' | 'locked-drop-create';

const LEADING_COMMENTS = String.raw`^((?:--[^\n]*\n|\s)*)`;
const DROP_STATEMENT = new RegExp(`${LEADING_COMMENTS}DROP\\s+`, 'i');
const CREATE_KEYWORD = new RegExp(`${LEADING_COMMENTS}CREATE\\s+`, 'i');
const TRIGGER_TABLE = /\bON\s+`?(\w+)`?\s+FOR\s+EACH\s+ROW\b/i;

export async function replaceStrategyFor(conn: Connection): Promise<ReplaceStrategy> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT VERSION() AS version');
  return /mariadb/i.test(String(row?.version)) ? 'create-or-replace' : 'locked-drop-create';
}

export interface Replacement {
  /** Held WRITE-locked around the statements, or null. */
  lockTable: string | null;
  statements: string[];
}

/** The statements that put `routine` in place of its older self, without a gap. */
export function replacementFor(routine: Routine, strategy: ReplaceStrategy): Replacement {
  if (strategy === 'create-or-replace') {
    return {
      lockTable: null,
      statements: routine.statements
        .filter((statement) => !DROP_STATEMENT.test(statement))
        .map((statement) => statement.replace(CREATE_KEYWORD, '$1CREATE OR REPLACE ')),
    };
  }
  if (routine.kind !== 'TRIGGER') return { lockTable: null, statements: routine.statements };
  const table = routine.statements.map((statement) => TRIGGER_TABLE.exec(statement)?.[1]).find((name) => name !== undefined);
  if (table === undefined) throw new Error(`sql/${routine.name}: no "ON <table> FOR EACH ROW" in its CREATE TRIGGER`);
  return { lockTable: table, statements: routine.statements };
}
