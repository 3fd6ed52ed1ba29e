import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { ybocs } from './ybocs.js';

describe('Y-BOCS scoring', () => {
  it('scores all-zero as 0, subclinical', () => {
    const result = scoreAnswers(ybocs, allAt(ybocs, 0));
    expect(result).toMatchObject({ total: 0, band: 'subclinical', subscales: { obsessions: 0, compulsions: 0 } });
  });

  it('scores all-maximum as 40 (10 × 4), extreme; obsessions 20, compulsions 20', () => {
    const result = scoreAnswers(ybocs, allAt(ybocs, 4));
    expect(result).toMatchObject({ total: 40, band: 'extreme', subscales: { obsessions: 20, compulsions: 20 } });
  });

  it('splits obsessions (items 1–5) from compulsions (items 6–10)', () => {
    // Obsessions 4+3+2+1+0 = 10; compulsions 0+0+1+1+1 = 3; total 13, mild (8–15).
    const result = scoreAnswers(ybocs, [4, 3, 2, 1, 0, 0, 0, 1, 1, 1]);
    expect(result).toMatchObject({ total: 13, band: 'mild', subscales: { obsessions: 10, compulsions: 3 } });
  });

  it('leaves a form with a missing item unscored; only its subscale is null', () => {
    const result = scoreAnswers(ybocs, answersWith(ybocs, { '6': null }, 2));
    expect(result).toMatchObject({ total: null, complete: false, subscales: { obsessions: 10, compulsions: null } });
  });

  // Bands 0–7, 8–15, 16–23, 24–31, 32–40 (Goodman 1989); each cut from both sides.
  it.each([
    [7, 'subclinical'],
    [8, 'mild'],
    [15, 'mild'],
    [16, 'moderate'],
    [23, 'moderate'],
    [24, 'severe'],
    [31, 'severe'],
    [32, 'extreme'],
  ])('total %i is %s', (total, band) => {
    expect(scoreAnswers(ybocs, answersTotalling(ybocs, total)).band).toBe(band);
  });

  it('carries the OCD consensus thresholds: response 35%, remission ≤ 12 (Mataix-Cols 2016)', () => {
    expect(ybocs).toMatchObject({ responseFraction: 0.35, remissionMax: 12, licence: 'structure-only' });
  });
});
