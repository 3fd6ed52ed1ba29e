import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defuseFormula, restoreFormula } from './csv-guard.js';

describe('the CSV formula guard', () => {
  const starts: [string, string][] = [
    ['=', '=HYPERLINK("http://x")'],
    ['+', '+1 555 0100'],
    ['-', '-2 points'],
    ['@', '@SUM(A1)'],
    ['a tab', '\t=1+1'],
    ['a carriage return', '\r=1+1'],
    ['a full-width ＝', '＝HYPERLINK("http://x")'],
    ['a full-width ＋', '＋1'],
    ['a full-width －', '－1'],
    ['a full-width ＠', '＠SUM(A1)'],
  ];
  for (const [what, text] of starts) {
    it(`guards a cell starting with ${what}`, () => {
      expect(defuseFormula(text)).toBe(`'${text}`);
      expect(restoreFormula(defuseFormula(text))).toBe(text);
    });
  }

  const inside: [string, string][] = [
    [';=', 'calm;=cmd|"/c calc"!A1'],
    [',=', 'calm,=1+1'],
    ['; =', 'calm; =1+1'],
    ['；＝ (full-width)', 'calm；＝1+1'],
    [',＝', 'calm,＝1'],
  ];
  for (const [what, text] of inside) {
    it(`guards a cell holding ${what}, where another separator would start a formula cell`, () => {
      expect(defuseFormula(text)).toBe(`'${text}`);
      expect(restoreFormula(defuseFormula(text))).toBe(text);
    });
  }

  it('leaves ordinary text alone, and an apostrophe before ordinary text is the text’s own', () => {
    for (const text of ['P-1', 'nausea, then sleep', 'a = b', '3-4 hours', "'plain", ''])
      expect(defuseFormula(text)).toBe(text);
    expect(restoreFormula("'plain")).toBe("'plain");
  });

  it('guards text that starts with an apostrophe before a formula, so it reads back unchanged', () => {
    expect(defuseFormula("'=1")).toBe("''=1");
    expect(restoreFormula("''=1")).toBe("'=1");
  });

  it('reads back every text exactly as it was', () => {
    const alphabet = fc.constantFrom(
      "'",
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '＝',
      '＋',
      '－',
      '＠',
      ';',
      ',',
      '；',
      '，',
      ' ',
      'a',
      '1',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((chars) => chars.join('')),
        (text) => restoreFormula(defuseFormula(text)) === text,
      ),
      { numRuns: 2000, seed: 20261202 },
    );
  });
});
