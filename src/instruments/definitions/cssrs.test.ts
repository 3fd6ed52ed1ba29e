import { describe, expect, it } from 'vitest';
import { OnsetError } from '../../shared/errors.js';
import { scoreAnswers } from '../score.js';
import { cssrs } from './cssrs.js';

const Y = 1;
const N = 0;
const _ = null; // left out by skip logic, or not answered

/** Screener answers in item order 1, 2, 3, 4, 5, 6, 6b. */
const screener = (...answers: (number | null)[]): (number | null)[] => answers;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof OnsetError) return error.problems.map((p) => `${p.field}: ${p.reason}`);
  }
  return [];
}

describe('C-SSRS screener', () => {
  it('has items 1–6 and 6b with 1–6 counted, total 0–6', () => {
    expect(cssrs.items.map((item) => item.linkId)).toEqual(['1', '2', '3', '4', '5', '6', '6b']);
    expect([cssrs.totalMin, cssrs.totalMax]).toEqual([0, 6]);
  });

  it('all no (3–5 and 6b skipped): total 0, risk none, no flags', () => {
    const result = scoreAnswers(cssrs, screener(N, N, _, _, _, N, _));
    expect(result).toMatchObject({ total: 0, band: 'none', complete: true, flags: [] });
  });

  it('all yes: total 6 (6b not counted), risk high', () => {
    const result = scoreAnswers(cssrs, screener(Y, Y, Y, Y, Y, Y, Y));
    expect(result).toMatchObject({ total: 6, band: 'high', complete: true, flags: ['risk-high'] });
  });

  it.each([
    ['yes to 1 only', screener(Y, N, _, _, _, N, _), 1, 'low'],
    ['yes to 2, no to 3–5', screener(N, Y, N, N, N, N, _), 1, 'low'],
    ['yes to 3', screener(Y, Y, Y, N, N, N, _), 3, 'moderate'],
    ['lifetime behaviour only (6 yes, 6b no)', screener(N, N, _, _, _, Y, N), 1, 'moderate'],
    ['yes to 4', screener(Y, Y, N, Y, N, N, _), 3, 'high'],
    ['yes to 5', screener(Y, Y, N, N, Y, N, _), 3, 'high'],
    ['behaviour within 3 months (6 and 6b yes)', screener(N, N, _, _, _, Y, Y), 1, 'high'],
  ])('%s: total %i, risk %s', (_label, answers, total, risk) => {
    const result = scoreAnswers(cssrs, answers);
    expect(result).toMatchObject({ total, band: risk, complete: true, flags: [`risk-${risk}`] });
  });

  it('refuses answers to 3–5 when 2 is no, naming each item', () => {
    expect(problemsOf(() => scoreAnswers(cssrs, screener(Y, N, N, Y, _, N, _)))).toEqual([
      'answers.3: is skipped when item 2 is no (0); leave it out',
      'answers.4: is skipped when item 2 is no (0); leave it out',
    ]);
  });

  it('refuses 6b when 6 is no', () => {
    expect(problemsOf(() => scoreAnswers(cssrs, screener(N, N, _, _, _, N, N)))).toEqual([
      'answers.6b: is skipped when item 6 is no (0); leave it out',
    ]);
  });

  it('refuses a value other than 0 or 1', () => {
    expect(problemsOf(() => scoreAnswers(cssrs, screener(2, N, _, _, _, N, _)))).toEqual([
      'answers.1: 2 is outside 0–1',
    ]);
  });

  it('is incomplete when an asked question is unanswered, but still raises the risk it already shows', () => {
    const result = scoreAnswers(cssrs, screener(Y, Y, N, _, Y, N, _));
    expect(result).toMatchObject({ total: null, band: null, complete: false, flags: ['risk-high'] });
  });

  it('is incomplete when 6 is yes and 6b is unanswered (at least moderate)', () => {
    const result = scoreAnswers(cssrs, screener(N, N, _, _, _, Y, _));
    expect(result).toMatchObject({ total: null, band: null, complete: false, flags: ['risk-moderate'] });
  });

  it('accepts a record by linkId, leaving skipped questions out', () => {
    const result = scoreAnswers(cssrs, { '1': Y, '2': N, '6': Y, '6b': N });
    expect(result).toMatchObject({ total: 2, band: 'moderate', complete: true });
  });
});
