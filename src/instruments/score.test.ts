import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { gad7 } from './definitions/gad7.js';
import { lsas } from './definitions/lsas.js';
import { allAt, answersWith } from './fixtures.js';
import { scoreAnswers } from './score.js';
import type { InstrumentDefinition } from './types.js';

function refusal(run: () => unknown): OnsetError {
  try {
    run();
  } catch (error) {
    if (error instanceof OnsetError) return error;
    throw error;
  }
  throw new Error('expected an OnsetError');
}

/** A GAD-7 variant whose (hypothetical) manual allows one missing item, to exercise prorating. */
const gad7Prorated: InstrumentDefinition = {
  ...gad7,
  prorating: { maxMissing: 1, note: 'test: one item may be missing' },
};

describe('scoreAnswers', () => {
  it('takes the instrument by id as well as by definition', () => {
    expect(scoreAnswers('gad7', [3, 2, 2, 1, 0, 1, 2])).toEqual(scoreAnswers(gad7, [3, 2, 2, 1, 0, 1, 2]));
  });

  it('gives the same result for an array in item order and a record by linkId', () => {
    const record = { '1': 3, '2': 2, '3': 2, '4': 1, '5': 0, '6': 1, '7': 2 };
    expect(scoreAnswers(gad7, record)).toEqual(scoreAnswers(gad7, [3, 2, 2, 1, 0, 1, 2]));
  });

  it('returns every answer by linkId in item order, null for missing', () => {
    const result = scoreAnswers(gad7, { '1': 1, '3': undefined, '7': 0 });
    expect(Object.entries(result.answers)).toEqual([
      ['1', 1],
      ['2', null],
      ['3', null],
      ['4', null],
      ['5', null],
      ['6', null],
      ['7', 0],
    ]);
  });

  it('refuses an unknown instrument id, naming it and the known ids', () => {
    const error = refusal(() => scoreAnswers('gad8', []));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('"gad8"');
    expect(error.message).toContain('gad7, phq9, pcl5');
  });

  it('refuses a value outside the item range, naming the item and the range', () => {
    const error = refusal(() => scoreAnswers(gad7, [0, 0, 4, 0, 0, 0, 0]));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('answers.3: 4 is outside 0–3');
  });

  it('collects every problem before refusing', () => {
    const error = refusal(() => scoreAnswers(gad7, { '1': -1, '2': 1.5, '9': 0, '3': 'x' as unknown as number }));
    expect(error.problems.map((p) => `${p.field}: ${p.reason}`)).toEqual([
      'answers.9: unknown item for gad7 (items 1–7)',
      'answers.1: -1 is outside 0–3',
      'answers.2: 1.5 is not a whole number; allowed 0–3',
      'answers.3: "x" is not a number; allowed 0–3, or null when missing',
    ]);
  });

  it('refuses an array of the wrong length, naming answers', () => {
    const error = refusal(() => scoreAnswers(gad7, [1, 1, 1]));
    expect(error.message).toBe('answers: expected 7 values for gad7 (items 1–7 in order), got 3');
  });

  it('names LSAS items by their fear/avoidance linkIds', () => {
    const error = refusal(() => scoreAnswers(lsas, answersWith(lsas, { '24a': 4, '25f': 0 })));
    expect(error.message).toBe(
      'answers.25f: unknown item for lsas (items 1f–24f, 1a–24a); answers.24a: 4 is outside 0–3',
    );
  });

  it('refuses answers that are neither an array nor a record', () => {
    expect(refusal(() => scoreAnswers(gad7, 7 as unknown as number[])).message).toBe(
      'answers: must be an array in item order or an object keyed by linkId',
    );
  });

  describe('prorating, where a definition allows it', () => {
    it('prorates one missing item: mean of the six answered × 7, rounded (3+3+3+2+2+2 = 15 → 15 × 7 / 6 = 17.5 → 18)', () => {
      const result = scoreAnswers(gad7Prorated, [3, 3, 3, 2, 2, 2, null]);
      expect(result).toMatchObject({ total: 18, band: 'severe', complete: true, prorated: true, flags: [] });
    });

    it('does not prorate more missing items than the manual allows', () => {
      const result = scoreAnswers(gad7Prorated, [3, 3, 3, 2, 2, null, null]);
      expect(result).toMatchObject({ total: null, complete: false, prorated: false });
    });

    it('does not mark a complete form as prorated', () => {
      expect(scoreAnswers(gad7Prorated, allAt(gad7, 1))).toMatchObject({ total: 7, prorated: false, complete: true });
    });
  });
});
