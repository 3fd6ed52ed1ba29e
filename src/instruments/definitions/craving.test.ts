import { describe, expect, it } from 'vitest';
import { scoreAnswers } from '../score.js';
import { craving } from './craving.js';

describe('craving rating (not a validated instrument)', () => {
  it('says so in its name', () => {
    expect(craving).toMatchObject({ validated: false, licence: 'not-validated', totalMin: 0, totalMax: 10 });
    expect(craving.name).toContain('not a validated instrument');
  });

  it.each([
    [0, []],
    [6, []],
    [7, ['craving-high']],
    [10, ['craving-high']],
  ])('rating %i raises flags %j', (rating, flags) => {
    expect(scoreAnswers(craving, [rating])).toMatchObject({ total: rating, band: null, flags });
  });

  it('leaves a missing rating unscored', () => {
    expect(scoreAnswers(craving, [null])).toMatchObject({ total: null, complete: false, flags: [] });
  });
});
