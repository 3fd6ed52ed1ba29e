import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { hama } from './hama.js';

describe('HAM-A scoring', () => {
  it('scores all-zero as 0, mild', () => {
    const result = scoreAnswers(hama, allAt(hama, 0));
    expect(result).toMatchObject({ total: 0, band: 'mild', subscales: { psychic: 0, somatic: 0 }, flags: [] });
  });

  it('scores all-maximum as 56 (14 × 4), severe; psychic 28 (7 × 4), somatic 28', () => {
    const result = scoreAnswers(hama, allAt(hama, 4));
    expect(result).toMatchObject({ total: 56, band: 'severe', subscales: { psychic: 28, somatic: 28 } });
  });

  it('splits psychic (items 1–6, 14) from somatic (items 7–13)', () => {
    // Psychic: items 1–6 at 2 and item 14 at 3 = 15. Somatic: items 7–13 at 1 = 7. Total 22.
    const psychic = { '1': 2, '2': 2, '3': 2, '4': 2, '5': 2, '6': 2, '14': 3 };
    const result = scoreAnswers(hama, answersWith(hama, psychic, 1));
    expect(result).toMatchObject({ total: 22, band: 'mild to moderate', subscales: { psychic: 15, somatic: 7 } });
  });

  it('leaves a form with a missing item unscored; only the subscale holding it is null', () => {
    const result = scoreAnswers(hama, answersWith(hama, { '14': null }, 1));
    expect(result).toMatchObject({
      total: null,
      band: null,
      complete: false,
      subscales: { psychic: null, somatic: 7 },
    });
  });

  // Bands ≤17 mild, 18–24 mild to moderate, 25–30 moderate to severe, >30 severe; each cut from both sides.
  it.each([
    [17, 'mild'],
    [18, 'mild to moderate'],
    [24, 'mild to moderate'],
    [25, 'moderate to severe'],
    [30, 'moderate to severe'],
    [31, 'severe'],
  ])('total %i is %s', (total, band) => {
    expect(scoreAnswers(hama, answersTotalling(hama, total)).band).toBe(band);
  });
});
