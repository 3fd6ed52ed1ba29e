import { describe, expect, it } from 'vitest';
import { scoreAnswers } from '../score.js';
import { getInstrument } from '../registry.js';
import { anxietyVas } from './anxiety-vas.js';

describe('anxiety check-in, past 24 hours (a tracking measure, not a diagnostic instrument)', () => {
  it('says so in its name and description, and rates 0–100', () => {
    expect(anxietyVas).toMatchObject({
      id: 'anxiety-vas',
      validated: false,
      licence: 'not-validated',
      totalMin: 0,
      totalMax: 100,
    });
    expect(anxietyVas.name).toContain('a tracking measure, not a diagnostic instrument');
    expect(anxietyVas.questionnaire.description).toContain('A tracking measure, not a diagnostic instrument');
    expect(getInstrument('anxiety-vas')).toBe(anxietyVas);
  });

  it('asks about the past 24 hours in its own item text, with both ends labelled', () => {
    const item = anxietyVas.questionnaire.item[0];
    expect(item?.text).toMatch(/^Over the past 24 hours, how anxious have you felt\?/);
    expect(item?.answerOption).toHaveLength(101);
    expect(item?.answerOption[0]?.valueCoding.display).toBe('0 — not anxious at all');
    expect(item?.answerOption[100]?.valueCoding.display).toBe('100 — the most anxious I can imagine');
  });

  it('counts a 50% drop as response and has no remission or reliable-change threshold', () => {
    expect([anxietyVas.responseFraction, anxietyVas.remissionMax, anxietyVas.reliableChange]).toEqual([
      0.5,
      null,
      null,
    ]);
    expect(anxietyVas.source).toContain('doi:10.1038/npp.2017.194');
  });

  it.each([0, 37, 100])('scores a rating of %i as itself, with no band and no flag', (rating) => {
    expect(scoreAnswers(anxietyVas, [rating])).toMatchObject({ total: rating, band: null, flags: [], complete: true });
  });

  it('leaves a missing rating unscored', () => {
    expect(scoreAnswers(anxietyVas, [null])).toMatchObject({ total: null, complete: false });
  });
});
