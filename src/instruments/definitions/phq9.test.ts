import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { phq9 } from './phq9.js';

describe('PHQ-9 scoring', () => {
  it('scores all-zero as 0, minimal, with no flags', () => {
    expect(scoreAnswers(phq9, allAt(phq9, 0))).toMatchObject({ total: 0, band: 'minimal', complete: true, flags: [] });
  });

  it('scores all-maximum as 27 (9 items × 3), severe, with item 9 positive', () => {
    const result = scoreAnswers(phq9, allAt(phq9, 3));
    expect(result).toMatchObject({ total: 27, band: 'severe', flags: ['suicidality-item-positive'] });
  });

  it('leaves a form with a missing item unscored (Kroenke 2001 defines no prorating)', () => {
    const result = scoreAnswers(phq9, answersWith(phq9, { '1': null }, 2));
    expect(result).toMatchObject({ total: null, band: null, complete: false, prorated: false });
  });

  // Bands from Kroenke 2001: 0–4, 5–9, 10–14, 15–19, 20–27; each cut from both sides. answersTotalling
  // fills items from item 1, so item 9 stays 0 below 25 and no flag interferes.
  it.each([
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately severe'],
    [19, 'moderately severe'],
    [20, 'severe'],
  ])('total %i is %s', (total, band) => {
    const result = scoreAnswers(phq9, answersTotalling(phq9, total));
    expect(result).toMatchObject({ total, band, flags: [] });
  });

  it('flags item 9 above 0 even when the rest is all zero', () => {
    const result = scoreAnswers(phq9, answersWith(phq9, { '9': 1 }));
    expect(result).toMatchObject({ total: 1, band: 'minimal', flags: ['suicidality-item-positive'] });
  });

  it('does not flag item 9 at 0', () => {
    expect(scoreAnswers(phq9, answersWith(phq9, { '9': 0 }, 3)).flags).toEqual([]);
  });

  it('flags item 9 even when another item is missing', () => {
    const result = scoreAnswers(phq9, answersWith(phq9, { '3': null, '9': 2 }));
    expect(result).toMatchObject({ total: null, complete: false, flags: ['suicidality-item-positive'] });
  });
});
