import { describe, expect, it } from 'vitest';
import { allAt, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { urinary } from './urinary.js';

describe('urinary symptom check (not a validated instrument)', () => {
  it('says so in its name and definition', () => {
    expect(urinary).toMatchObject({ validated: false, licence: 'not-validated' });
    expect(urinary.name).toContain('not a validated instrument');
    expect(urinary.questionnaire.description).toContain('Not a validated instrument');
  });

  it('scores all-zero as 0 with no flags', () => {
    expect(scoreAnswers(urinary, allAt(urinary, 0))).toMatchObject({ total: 0, band: null, flags: [] });
  });

  it('scores all-maximum as 15 (5 × 3) and flags it', () => {
    expect(scoreAnswers(urinary, allAt(urinary, 3))).toMatchObject({ total: 15, flags: ['urinary-moderate-or-worse'] });
  });

  it('does not flag mild symptoms only (all items 1: total 5)', () => {
    expect(scoreAnswers(urinary, allAt(urinary, 1))).toMatchObject({ total: 5, flags: [] });
  });

  it('flags one moderate symptom (blood in urine = 2)', () => {
    expect(scoreAnswers(urinary, answersWith(urinary, { '4': 2 })).flags).toEqual(['urinary-moderate-or-worse']);
  });

  it('flags a moderate symptom even when another item is missing (a safety prompt never waits)', () => {
    const result = scoreAnswers(urinary, answersWith(urinary, { '1': null, '3': 2 }));
    expect(result).toMatchObject({ total: null, complete: false, flags: ['urinary-moderate-or-worse'] });
  });
});
