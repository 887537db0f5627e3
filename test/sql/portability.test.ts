// sql/ must run on MySQL 8.0+ as well as MariaDB 10.6+ (tests run on MariaDB only, so this
// check stands in for MySQL): no MariaDB-only syntax, no DEFINER, explicit collations.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { findSqlDir } from '../../main/core/db/migrate';

const MARIADB_ONLY: Array<[RegExp, string]> = [
  [/\bCREATE\s+OR\s+REPLACE\b/i, 'CREATE OR REPLACE (use DROP … IF EXISTS + CREATE)'],
  [/\bRETURNING\b/i, 'RETURNING'],
  [/\bSEQUENCE\b/i, 'sequences'],
  [/\bDEFINER\s*=/i, 'DEFINER='],
  [/\bADD\s+(COLUMN\s+)?IF\s+NOT\s+EXISTS\b/i, 'ADD COLUMN IF NOT EXISTS'],
  [/\bCREATE\s+(UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\b/i, 'CREATE INDEX IF NOT EXISTS'],
  [/\bDROP\s+(COLUMN|INDEX)\s+IF\s+EXISTS\b/i, 'DROP COLUMN/INDEX IF EXISTS'],
  [/\bCREATE\s+TRIGGER\s+IF\s+NOT\s+EXISTS\b/i, 'CREATE TRIGGER IF NOT EXISTS'],
  [/\bWAIT\s+\d+|\bNOWAIT\b/i, 'WAIT n / NOWAIT'],
  // JSON_TABLE is in both (MySQL 8.0.4, MariaDB 10.6): the party's items use it.
  [/\bJSON_DETAILED\b|\bJSON_LOOSE\b|\bJSON_EXISTS\b/i, 'MariaDB JSON functions'],
  [/\bSYSTEM\s+VERSIONING\b/i, 'system versioning'],
  [/\bINET6\b|\bUUID\s+NOT\b/i, 'MariaDB-only types'],
  [/\butf8mb3\b|\butf8\b(?!mb4)/i, 'utf8/utf8mb3 (use utf8mb4)'],
];

const dir = findSqlDir();
const routineFiles = readdirSync(path.join(dir, 'routines')).filter((f) => f.endsWith('.sql')).map((f) => `routines/${f}`);
const files = [...readdirSync(dir).filter((f) => f.endsWith('.sql')), ...routineFiles];
const withoutComments = (file: string) => readFileSync(path.join(dir, file), 'utf8').replace(/--[^\n]*/g, '');

test('there are migrations to check', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test.each(files)('%s uses no MariaDB-only syntax', (file) => {
  const text = withoutComments(file);
  for (const [pattern, what] of MARIADB_ONLY) expect(pattern.test(text), `${file} uses ${what}`).toBe(false);
  for (const table of text.match(/CREATE TABLE[\s\S]*?\)\s*ENGINE[^;]*;/gi) ?? []) {
    expect(table, `${file}: every table names InnoDB, utf8mb4 and a collation`).toMatch(/ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_\w+/);
  }
});

// A string parameter, variable or return type without its own character set and collation takes
// the database's default, and comparing it with a column of another collation is an error; CAST
// to CHAR likewise takes the session's. MySQL 8 and MariaDB both accept CHARACTER SET … COLLATE …
// on routine parameters and DECLAREd variables.
const STRING_TYPE = /\b(?:VAR)?CHAR\b\s*(?:\(\s*\d+\s*\))?|\b(?:TINY|MEDIUM|LONG)?TEXT\b|\bENUM\s*\([^)]*\)/gi;

test.each(routineFiles)('%s: every string type names its CHARACTER SET and COLLATE', (file) => {
  const text = withoutComments(file);
  for (const match of text.matchAll(STRING_TYPE)) {
    const after = text.slice(match.index + match[0].length);
    expect(after, `${file}: "${match[0]}" at offset ${match.index}`).toMatch(/^\s+CHARACTER\s+SET\s+\w+\s+COLLATE\s+\w+/i);
  }
});

test('the string-type check finds what it must (so that passing means something)', () => {
  const sample = 'IN p_a VARCHAR(16), IN p_b CHAR(64) CHARACTER SET ascii COLLATE ascii_bin, DECLARE v TEXT; CAST(x AS CHAR)';
  expect([...sample.matchAll(STRING_TYPE)].map((m) => m[0])).toEqual(['VARCHAR(16)', 'CHAR(64)', 'TEXT', 'CHAR']);
});

// With binary logging on, a stored function must say it is DETERMINISTIC, NO SQL or READS SQL DATA
// (error 1418 otherwise); procedures and triggers have no such rule. No routine names a DEFINER
// or needs SUPER (test/main/core/db/binlog.test.ts runs them on a --log-bin server).
test.each(routineFiles)('%s: a function declares itself safe for binary logging', (file) => {
  const text = withoutComments(file);
  const fn = /CREATE\s+FUNCTION[\s\S]*?RETURNS\s+\w+(?:\([^)]*\))?([\s\S]*?)(?:\bRETURN\b|\bBEGIN\b)/i.exec(text);
  if (!fn) return;
  const characteristics = fn[1]!.replace(/\bNOT\s+DETERMINISTIC\b/gi, '');
  expect(characteristics, file).toMatch(/\bDETERMINISTIC\b|\bNO\s+SQL\b|\bREADS\s+SQL\s+DATA\b/i);
});
