import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { gad7 } from './gad7.js';

describe('GAD-7 scoring', () => {
  it('scores all-zero as 0, minimal, complete', () => {
    const result = scoreAnswers(gad7, allAt(gad7, 0));
    expect(result).toMatchObject({ total: 0, band: 'minimal', complete: true, prorated: false, flags: [] });
  });

  it('scores all-maximum as 21 (7 items × 3), severe, probable GAD', () => {
    const result = scoreAnswers(gad7, allAt(gad7, 3));
    expect(result).toMatchObject({ total: 21, band: 'severe', complete: true, flags: [] });
  });

  it('adds the items: 3+2+2+1+0+1+2 = 11, moderate', () => {
    const result = scoreAnswers(gad7, [3, 2, 2, 1, 0, 1, 2]);
    expect(result).toMatchObject({ total: 11, band: 'moderate', subscales: {} });
  });

  it('leaves a form with a missing item unscored (no prorating rule in Spitzer 2006)', () => {
    const result = scoreAnswers(gad7, answersWith(gad7, { '4': null }, 3));
    expect(result).toMatchObject({ total: null, band: null, complete: false, prorated: false, flags: [] });
    expect(result.answers['4']).toBeNull();
  });

  // Bands from Spitzer 2006: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe; each cut from both sides.
  it.each([
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
  ])('total %i is %s', (total, band) => {
    expect(scoreAnswers(gad7, answersTotalling(gad7, total)).band).toBe(band);
  });

  // GAD-7 raises no flags: its ≥ 10 cut-off (Spitzer 2006) is the start of the moderate band.
  it.each([
    [9, []],
    [10, []],
    [21, []],
  ])('total %i raises flags %j', (total, flags) => {
    expect(scoreAnswers(gad7, answersTotalling(gad7, total)).flags).toEqual(flags);
  });
});
