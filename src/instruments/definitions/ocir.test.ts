import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { ocir } from './ocir.js';

describe('OCI-R scoring', () => {
  it('scores all-zero as 0 with six zero subscales', () => {
    const result = scoreAnswers(ocir, allAt(ocir, 0));
    expect(result).toMatchObject({ total: 0, band: null, complete: true, flags: [] });
    expect(Object.values(result.subscales)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('scores all-maximum as 72 (18 × 4), each subscale 12 (3 × 4), probable OCD', () => {
    const result = scoreAnswers(ocir, allAt(ocir, 4));
    expect(result).toMatchObject({ total: 72, flags: ['probable-ocd'] });
    expect(Object.values(result.subscales)).toEqual([12, 12, 12, 12, 12, 12]);
  });

  it('sums each subscale from its three items', () => {
    // Hoarding 1,7,13 = 4+3+2 = 9; checking 2,8,14 = 1 each = 3; washing 5,11,17 = 0+0+4 = 4; total 16.
    const answers = { '1': 4, '7': 3, '13': 2, '2': 1, '8': 1, '14': 1, '17': 4 };
    const result = scoreAnswers(ocir, answersWith(ocir, answers));
    expect(result.total).toBe(16);
    expect(result.subscales).toEqual({
      hoarding: 9,
      checking: 3,
      ordering: 0,
      neutralizing: 0,
      washing: 4,
      obsessing: 0,
    });
  });

  it('leaves a form with a missing item unscored; its subscale is null', () => {
    const result = scoreAnswers(ocir, answersWith(ocir, { '18': null }, 2));
    expect(result).toMatchObject({ total: null, complete: false, flags: [] });
    expect(result.subscales).toMatchObject({ obsessing: null, washing: 6 });
  });

  // Probable OCD at ≥ 21 (Foa 2002).
  it.each([
    [20, []],
    [21, ['probable-ocd']],
  ])('total %i raises flags %j', (total, flags) => {
    expect(scoreAnswers(ocir, answersTotalling(ocir, total)).flags).toEqual(flags);
  });
});
