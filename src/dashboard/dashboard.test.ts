import { describe, expect, it } from 'vitest';
import type { ReliefEnding } from '../forecast/index.js';
import { endingWithin, scoreTrend } from './dashboard.service.js';
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

describe('the trend of the latest score', () => {
  it('is better when lower, worse when higher (by any amount), same when equal, and none without an earlier score', () => {
    expect(scoreTrend(9, 10)).toBe('better');
    expect(scoreTrend(11, 10)).toBe('worse');
    expect(scoreTrend(10, 10)).toBe('same');
    expect(scoreTrend(0, 27)).toBe('better');
    expect(scoreTrend(10, undefined)).toBeNull();
  });
});
