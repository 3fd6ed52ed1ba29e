import { describe, expect, it } from 'vitest';
import { allAt, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { cadss6 } from './cadss6.js';

describe('CADSS-6 scoring', () => {
  it('scores all-zero as 0, with no band (none published)', () => {
    expect(scoreAnswers(cadss6, allAt(cadss6, 0))).toMatchObject({ total: 0, band: null, complete: true, flags: [] });
  });

  it('scores all-maximum as 24 (6 × 4)', () => {
    expect(scoreAnswers(cadss6, allAt(cadss6, 4))).toMatchObject({ total: 24, band: null });
  });

  it('adds the six items: 1+0+2+0+3+1 = 7', () => {
    expect(scoreAnswers(cadss6, [1, 0, 2, 0, 3, 1]).total).toBe(7);
  });

  it('leaves a form with a missing item unscored', () => {
    expect(scoreAnswers(cadss6, answersWith(cadss6, { '6': null }, 2))).toMatchObject({ total: null, complete: false });
  });

  it('labels items neutrally with the CADSS item they come from', () => {
    expect(cadss6.items.map((item) => item.text)).toEqual([
      'Item 1 (CADSS item 1)',
      'Item 2 (CADSS item 2)',
      'Item 3 (CADSS item 6)',
      'Item 4 (CADSS item 7)',
      'Item 5 (CADSS item 15)',
      'Item 6 (CADSS item 22)',
    ]);
  });
});
