// The CSV writer read back the way a spreadsheet reads a file: an RFC 4180 parser (quotes only
// at the start of a cell mean anything) splitting on `,` and, as many locales do, on `;`.
import { describe, expect, test } from 'vitest';
import { csvCell, toCsv } from '../../../renderer/src/shared/lib/csv';

/** Rows of cells, as a spreadsheet splitting on `separator` sees `text` (BOM dropped). */
function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let atCellStart = true;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (c === separator) {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i++;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += c;
      atCellStart = false;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** What a spreadsheet would run: a cell starting (after spaces) with = + - @, tab or CR, or a full-width = + - @. */
const runsAsFormula = (cell: string) => /^(?:[\t\r]|\s*[=+\-@＝＋－＠])/.test(cell);
/** What the writer lets through unchanged: numbers and phone numbers. */
const plainNumber = (cell: string) => /^[+-]?\d(?:[\d ]*\d)?(?:[.,]\d+)?$/.test(cell);

/** Names and values typed by the public or found in real data. */
const DATA = ['Muñoz, José', 'say "hi"', 'two\nlines', 'O\'Brien', 'a;b', 'Zoë 王小明', '', '62.5', '3,5', '•••• 99'];
const NUMBERS = ['+442079460958', '-3', '+34 600 111 333', '-0.25'];
const ATTACKS = [
  '=1+1', '+1+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1',
  '  =HYPERLINK("http://evil")', '"=1+1"', 'a;=1+1;b', 'a,=1+1,b', 'a;"=1+1";b', 'line\n=1+1', 'x\r\n@A1', 'a; -2+3', '＝1+1', '=HYPERLINK("x")',
];

describe('CSV cells', () => {
  const rows = [...DATA, ...NUMBERS, ...ATTACKS].map((value, i) => ({ id: i + 1, before: 'a;b', value, after: -3 }));
  const file = toCsv(rows, [
    { header: 'Id', value: (r) => r.id },
    { header: 'Before; with separator', value: (r) => r.before },
    { header: 'Value', value: (r) => r.value },
    { header: 'After', value: (r) => r.after },
  ]);

  test('split on `,` (the file`s own separator): one row per value, data and numbers kept exactly', () => {
    const parsed = parseCsv(file, ',');
    expect(parsed).toHaveLength(rows.length + 1);
    expect(parsed[0]).toEqual(['Id', 'Before; with separator', 'Value', 'After']);
    parsed.slice(1).forEach((cells, i) => {
      expect(cells, JSON.stringify(rows[i]!.value)).toHaveLength(4);
      expect(cells[0]).toBe(String(i + 1));
      expect(cells[1]).toBe('a;b');
      expect(cells[3]).toBe('-3');
    });
    const values = parsed.slice(1).map((cells) => cells[2]!);
    expect(values.slice(0, DATA.length + NUMBERS.length)).toEqual([...DATA, ...NUMBERS]);
    // Attacks are defused by an apostrophe where a cell could begin, their text otherwise kept.
    values.slice(DATA.length + NUMBERS.length).forEach((cell, i) => {
      expect(cell.replace(/'/g, '')).toBe(ATTACKS[i]!.replace(/'/g, ''));
      expect(runsAsFormula(cell), cell).toBe(false);
    });
  });

  for (const separator of [',', ';'] as const) {
    test(`split on \`${separator}\`: no cell runs as a formula, only numbers start with a sign`, () => {
      const cells = parseCsv(file, separator).flat();
      expect(cells.length).toBeGreaterThan(rows.length);
      const formulas = cells.filter((cell) => runsAsFormula(cell) && !plainNumber(cell));
      expect(formulas).toEqual([]);
    });
  }

  test('numbers that start with a sign are quoted, never prefixed; other data is left alone', () => {
    expect(csvCell('+442079460958')).toBe('"+442079460958"');
    expect(csvCell('-3')).toBe('"-3"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(62.5)).toBe('62.5');
    expect(csvCell('600 111 222')).toBe('600 111 222');
    expect(csvCell('•••• 99')).toBe('•••• 99');
    expect(csvCell(null)).toBe('');
  });

  test('a cell with either separator, a quote or a line break is quoted; formulas get an apostrophe', () => {
    expect(csvCell('a;=1+1;b')).toBe(`"a;'=1+1;b"`);
    expect(csvCell('Muñoz, José')).toBe('"Muñoz, José"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(toCsv([{ n: 'A', v: 1 }], [{ header: 'Name', value: (r) => r.n }, { header: 'Value', value: (r) => r.v }])).toBe('\uFEFFName,Value\r\nA,1\r\n');
  });
});
