import { describe, expect, it } from 'vitest';
import { parseCsv } from '../stats/csv.js';
import { formatCell, formatCsv, readTextCell } from './csv.js';

describe('CSV cells', () => {
  it('quotes what needs quoting and joins lists with ";"', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(35.5)).toBe('35.5');
    expect(formatCell(true)).toBe('true');
    expect(formatCell(['gad', 'ptsd'])).toBe('gad;ptsd');
    expect(formatCell('said "stop", then slept')).toBe('"said ""stop"", then slept"');
    expect(formatCell('two\nlines')).toBe('"two\nlines"');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(' padded ')).toBe('" padded "'); // a spreadsheet would trim the spaces
  });

  it('defuses text a spreadsheet would run as a formula, and reads it back unchanged', () => {
    for (const text of [
      '=HYPERLINK("http://x")',
      '+1 555 0100',
      '-2 points',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
      'calm;=1+1',
      'calm,=1+1',
      ' =1+1',
      '\u00A0\u00A0+1',
    ]) {
      const cell = formatCell(text);
      expect(cell.replace(/^"|"$/g, '').replace(/""/g, '"').startsWith("'")).toBe(true);
      const [record] = parseCsv(`${cell}\n`);
      expect(readTextCell(record?.fields[0] ?? '')).toBe(text);
    }
    expect(readTextCell("'plain")).toBe("'plain"); // an apostrophe before ordinary text is the text's own
  });

  it('writes a file that the CSV reader reads back field for field', () => {
    const rows = [
      ['P-1', 'Ada, "A"', null, ['gad']],
      ['P-2', '', 70.5, []],
    ] as const;
    const text = formatCsv(['label', 'name', 'weight_kg', 'conditions'], rows);
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['label', 'name', 'weight_kg', 'conditions'],
      ['P-1', 'Ada, "A"', '', 'gad'],
      ['P-2', '', '70.5', ''],
    ]);
  });
});
