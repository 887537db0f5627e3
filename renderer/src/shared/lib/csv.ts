// CSV for the manager's downloads (sales report, roster): RFC 4180 quoting, CRLF line ends, and
// a byte-order mark so a spreadsheet opens accented names correctly. Runs anywhere.
//
// Guest names are typed by the public on a kiosk, so no cell may reach a spreadsheet as a
// formula (OWASP "CSV injection"), whichever separator the spreadsheet splits on: many locales
// split on `;`, not `,`. Hence:
// - every cell holding a separator (`,` `;` tab), a quote or a line break is quoted, so it stays
//   one cell for a spreadsheet that splits on either;
// - text that starts like a formula (= + - @ tab CR, or their full-width forms, also after
//   spaces) gets a leading apostrophe, and so does such a start right after a separator or a
//   line break inside the cell, where a spreadsheet splitting on the other separator (which
//   does not see our quotes there) would start a cell;
// - values that are clearly data — numbers and phone numbers such as -3 or +442079460958 —
//   keep their text and are quoted instead of defused.

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

const FORMULA = '=+\\-@＝＋－＠';
const FORMULA_START = new RegExp(`^(?:[\\t\\r]|\\s*[${FORMULA}])`);
/** A separator or line break, then spaces or quotes, then a formula start: where another split would begin a cell. */
const FORMULA_AFTER_BREAK = new RegExp(`([,;\\t\\r\\n])([\\s"]*)(?=[${FORMULA}])`, 'g');
/** A number or a phone number: an optional sign, digits (grouped by spaces), an optional fraction. */
const PLAIN_NUMBER = /^[+-]?\d(?:[\d ]*\d)?(?:[.,]\d+)?$/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

function defused(text: string): { text: string; quote: boolean } {
  if (PLAIN_NUMBER.test(text)) return { text, quote: /^[+-]/.test(text) };
  const inside = text.replace(FORMULA_AFTER_BREAK, "$1$2'");
  return FORMULA_START.test(inside) ? { text: `'${inside}`, quote: true } : { text: inside, quote: false };
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const { text, quote } = typeof value === 'string' ? defused(value) : { text: String(value), quote: false };
  return quote || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers `text` as a file download from the page (a Blob URL; no server round trip). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
