import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { lsas } from './lsas.js';

describe('LSAS scoring', () => {
  it('has 48 ratings: fear 1f–24f, then avoidance 1a–24a', () => {
    expect(lsas.items.map((item) => item.linkId).slice(22, 26)).toEqual(['23f', '24f', '1a', '2a']);
    expect(lsas.items).toHaveLength(48);
  });

  it('scores all-zero as 0, none', () => {
    const result = scoreAnswers(lsas, allAt(lsas, 0));
    expect(result).toMatchObject({
      total: 0,
      band: 'none',
      subscales: { fear: 0, avoidance: 0, performance: 0, social: 0 },
    });
  });

  it('scores all-maximum as 144 (48 × 3): fear 72, avoidance 72, performance 78 (13 × 2 × 3), social 66 (11 × 2 × 3)', () => {
    const result = scoreAnswers(lsas, allAt(lsas, 3));
    expect(result).toMatchObject({
      total: 144,
      band: 'probable generalized social anxiety',
      subscales: { fear: 72, avoidance: 72, performance: 78, social: 66 },
    });
  });

  it('counts both the fear and the avoidance rating of a situation to its subscale', () => {
    // Situation 1 (performance): fear 3, avoidance 1. Situation 5 (social): fear 2, avoidance 2.
    // Fear 3+2 = 5; avoidance 1+2 = 3; performance 3+1 = 4; social 2+2 = 4; total 8.
    const result = scoreAnswers(lsas, answersWith(lsas, { '1f': 3, '1a': 1, '5f': 2, '5a': 2 }));
    expect(result).toMatchObject({ total: 8, subscales: { fear: 5, avoidance: 3, performance: 4, social: 4 } });
  });

  it('leaves a form with a missing rating unscored; subscales holding it are null', () => {
    // Situation 5 avoidance missing: avoidance and social are null; fear 24 × 1 = 24; performance 13 × 2 × 1 = 26.
    const result = scoreAnswers(lsas, answersWith(lsas, { '5a': null }, 1));
    expect(result).toMatchObject({
      total: null,
      complete: false,
      subscales: { fear: 24, avoidance: null, performance: 26, social: null },
    });
  });

  // Cut-offs 30 and 60 (Mennin 2002); each from both sides.
  it.each([
    [29, 'none'],
    [30, 'probable social anxiety'],
    [59, 'probable social anxiety'],
    [60, 'probable generalized social anxiety'],
  ])('total %i is %s', (total, band) => {
    expect(scoreAnswers(lsas, answersTotalling(lsas, total)).band).toBe(band);
  });
});
