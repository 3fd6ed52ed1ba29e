import { describe, expect, it } from 'vitest';
import type { ReliefEnding } from '../forecast/index.js';
import { baselineOf, endingWithin, reliableTrend } from './dashboard.service.js';
import { DAY_MS } from '../shared/time.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('relief likely ending within N days', () => {
  const ending = (medianEndInDays: number): ReliefEnding => ({
    patientId: 'p',
    dose: 2,
    doseAt: NOW - 3 * DAY_MS,
    medianEndAt: NOW + medianEndInDays * DAY_MS,
    nextSessionFrom: NOW - DAY_MS,
    nextSessionTo: NOW + 6 * DAY_MS,
    basis: 'patient',
  });

  it('lists a predicted end within N days of now, ahead or passed, and none further either way', () => {
    expect(endingWithin(ending(3), NOW, 3)).toEqual({
      withinDays: 3,
      dose: 2,
      predictedEndAt: '2026-03-04T12:00:00.000Z',
      windowFrom: '2026-02-28T12:00:00.000Z',
      windowTo: '2026-03-07T12:00:00.000Z',
      basis: 'patient',
    });
    expect(endingWithin(ending(-3), NOW, 3)?.predictedEndAt).toBe('2026-02-26T12:00:00.000Z');
    expect(endingWithin(ending(-3.01), NOW, 3)).toBeNull();
    expect(endingWithin(ending(-120), NOW, 3)).toBeNull();
    expect(endingWithin(ending(3.01), NOW, 3)).toBeNull();
    expect(endingWithin(ending(6), NOW, 7)).not.toBeNull();
  });
});

describe('the trend of the latest score: reliable change from baseline (GAD-7: R = 4, docs/outcomes.md)', () => {
  const baseline = { total: 17, at: '2026-01-05T09:00:00.000Z' };
  const gad7 = (total: number, at = '2026-02-01T09:00:00.000Z'): { instrument: string; total: number; at: string } => ({
    instrument: 'gad7',
    total,
    at,
  });

  it('is better from 4 points below baseline, worse from 4 above, and the same in between', () => {
    expect(reliableTrend(gad7(13), baseline)).toEqual({ trend: 'better', baseline: 17 });
    expect(reliableTrend(gad7(14), baseline).trend).toBe('same');
    expect(reliableTrend(gad7(17), baseline).trend).toBe('same');
    expect(reliableTrend(gad7(20), baseline).trend).toBe('same');
    expect(reliableTrend(gad7(21), { ...baseline, total: 17 }).trend).toBe('worse');
  });

  it('calls a patient back at a severe baseline "same", however low the score before was (1 → 17 from 17)', () => {
    // The score before this one (1) no longer decides: the baseline does.
    expect(reliableTrend(gad7(17), baseline).trend).toBe('same');
    expect(reliableTrend(gad7(17), { total: 5, at: baseline.at }).trend).toBe('worse');
  });

  it('has no trend without a baseline, for the baseline itself, or for an instrument without a threshold', () => {
    expect(reliableTrend(gad7(3), null)).toEqual({ trend: null, baseline: null });
    expect(reliableTrend(gad7(17, baseline.at), baseline)).toEqual({ trend: null, baseline: 17 });
    expect(reliableTrend({ instrument: 'craving', total: 9, at: '2026-02-01T09:00:00.000Z' }, baseline).trend).toBe(
      null,
    );
  });

  it('takes the last score at or before the first dose as baseline only within the window', () => {
    const firstDose = '2026-01-19T09:00:00.000Z';
    expect(baselineOf({ first_dose_at: firstDose, total: 17, at: '2026-01-05T09:00:00.000Z' }, 14)).toEqual({
      total: 17,
      at: '2026-01-05T09:00:00.000Z',
    });
    expect(baselineOf({ first_dose_at: firstDose, total: 17, at: '2026-01-05T08:59:59.000Z' }, 14)).toBeNull();
    expect(baselineOf({ first_dose_at: null, total: null, at: null }, 14)).toBeNull();
  });
});
