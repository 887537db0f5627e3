// Counts the rows of each table in a dump as it streams past, so the manifest says what the file
// itself holds (the dump's snapshot is its own transaction; a count taken beside it would be of
// another moment). mariadb-dump writes a table's rows as extended INSERTs,
// `INSERT INTO `t` VALUES (…),(…);` — on one line (mysqldump, older mariadb-dump) or one row a
// line (mariadb-dump 10.11) — with strings in single quotes and backslash escapes (a line break
// in a value is written as \n) and binary values as hex (--hex-blob). A row is a parenthesis
// opened outside any string at depth 0; the statement ends at the `;` outside any string.
import { Transform } from 'node:stream';

const INSERT_PREFIX = /^INSERT INTO `((?:[^`]|``)+)` VALUES\s$/;
/** A line that starts an INSERT declares it within its first few hundred bytes. */
const PREFIX_LOOKAHEAD = 256;

const NEWLINE = 0x0a;
const QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN = 0x28;
const CLOSE = 0x29;
const SEMICOLON = 0x3b;

export class DumpRowCounter extends Transform {
  readonly rows = new Map<string, number>();
  private mode: 'line-start' | 'skip-line' | 'values' = 'line-start';
  private head: number[] = [];
  private table = '';
  private depth = 0;
  private inString = false;
  private escaped = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    for (const byte of chunk) this.step(byte);
    done(null, chunk);
  }

  private step(byte: number): void {
    if (this.mode === 'skip-line') {
      if (byte === NEWLINE) this.mode = 'line-start';
      return;
    }
    if (this.mode === 'line-start') {
      this.head.push(byte);
      const text = Buffer.from(this.head).toString('utf8');
      const match = INSERT_PREFIX.exec(text);
      if (match) {
        this.table = match[1]!.replace(/``/g, '`');
        this.mode = 'values';
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
        this.head = [];
      } else if (byte === NEWLINE) {
        this.head = [];
      } else if (!'INSERT INTO `'.startsWith(text.slice(0, 13)) || this.head.length > PREFIX_LOOKAHEAD) {
        this.head = [];
        this.mode = 'skip-line';
      }
      return;
    }
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (byte === BACKSLASH) this.escaped = true;
      else if (byte === QUOTE) this.inString = false;
      return;
    }
    if (byte === QUOTE) this.inString = true;
    else if (byte === OPEN) {
      if (this.depth === 0) this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
      this.depth++;
    } else if (byte === CLOSE) this.depth--;
    else if (byte === SEMICOLON && this.depth === 0) this.mode = 'skip-line';
  }
}
