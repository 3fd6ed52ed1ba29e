import { describe, expect, it } from 'vitest';
import { overWords, readingsOver, type BloodPressureReadings } from './blood-pressure.js';
import { evaluateSafety } from './index.js';
import { DEFAULT_SAFETY_SETTINGS } from './settings.js';
import { aDose, aHistory } from './test-builders.js';

const LIMITS = { bpPreDoseSystolic: 140, bpPreDoseDiastolic: 90, bpPostDoseSystolic: 180, bpPostDoseDiastolic: 110 };
const reading = (r: Partial<BloodPressureReadings>): BloodPressureReadings => ({
  systolicBefore: null,
  diastolicBefore: null,
  systolicAfter: null,
  diastolicAfter: null,
  ...r,
});

describe('blood-pressure readings over the limits, named with value and limit', () => {
  it('names the diastolic when only the diastolic is over: 123/91 against 140/90', () => {
    const over = readingsOver(reading({ systolicBefore: 123, diastolicBefore: 91 }), LIMITS);
    expect(over).toEqual([{ field: 'diastolicBefore', reading: 'diastolic', value: 91, limit: 90, when: 'before' }]);
    expect(overWords(over)).toBe('diastolic 91 above 90');
  });

  it('names both sides of a dose at 185/112 before and 195/118 after', () => {
    const over = readingsOver(
      reading({ systolicBefore: 185, diastolicBefore: 112, systolicAfter: 195, diastolicAfter: 118 }),
      LIMITS,
    );
    expect(overWords(over.filter((o) => o.when === 'before'))).toBe(
      'systolic 185 above 140 and diastolic 112 above 90',
    );
    expect(overWords(over.filter((o) => o.when === 'after'))).toBe(
      'systolic 195 above 180 and diastolic 118 above 110',
    );
  });

  it('is not over at the limit itself, nor for a missing reading', () => {
    expect(readingsOver(reading({ systolicBefore: 140, diastolicBefore: 90, systolicAfter: 180 }), LIMITS)).toEqual([]);
    expect(readingsOver(reading({}), LIMITS)).toEqual([]);
  });

  it('gives the alerts their words: the pre-dose warning names the diastolic that is over', () => {
    const history = aHistory({ doses: [aDose({ id: 'd1', systolicBefore: 123, diastolicBefore: 91 })] });
    const [finding] = evaluateSafety(history, DEFAULT_SAFETY_SETTINGS).filter((f) => f.rule === 'bp-pre-dose');
    expect(finding?.evidence.summary).toMatch(/was 123\/91 mmHg: diastolic 91 above 90\.$/);
  });
});
