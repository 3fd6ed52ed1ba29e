import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { minispin } from './minispin.js';

describe('Mini-SPIN scoring', () => {
  it('scores all-zero as 0 with no flags', () => {
    expect(scoreAnswers(minispin, allAt(minispin, 0))).toMatchObject({ total: 0, band: null, flags: [] });
  });

  it('scores all-maximum as 12 (3 × 4), probable SAD', () => {
    expect(scoreAnswers(minispin, allAt(minispin, 4))).toMatchObject({ total: 12, flags: ['probable-sad'] });
  });

  it('leaves a form with a missing item unscored', () => {
    const result = scoreAnswers(minispin, answersWith(minispin, { '2': null }, 4));
    expect(result).toMatchObject({ total: null, complete: false, flags: [] });
  });

  // Probable generalized SAD at ≥ 6 (Connor 2001).
  it.each([
    [5, []],
    [6, ['probable-sad']],
  ])('total %i raises flags %j', (total, flags) => {
    expect(scoreAnswers(minispin, answersTotalling(minispin, total)).flags).toEqual(flags);
  });
});
