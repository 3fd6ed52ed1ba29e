import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { DEFAULT_SAFETY_SETTINGS, resolveSafetySettings } from './settings.js';

function refusal(input: unknown): OnsetError {
  try {
    resolveSafetySettings(input);
  } catch (error) {
    if (error instanceof OnsetError) return error;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('safety settings defaults', () => {
  it('are the documented defaults (docs/design.md, docs/safety.md): 140/90 before, 180/110 after, intranasal 120 min, 8 doses, craving 7 and 3, 8 days, information alerts 14 days, 14 days', () => {
    expect(DEFAULT_SAFETY_SETTINGS).toEqual({
      bpPreDoseSystolic: 140,
      bpPreDoseDiastolic: 90,
      bpPostDoseSystolic: 180,
      bpPostDoseDiastolic: 110,
      minObservationMinutes: { iv: null, im: null, intranasal: 120, sublingual: null, oral: null },
      maxDosesIn30Days: 8,
      maxCumulativeMgIn30Days: null,
      cravingThreshold: 7,
      cravingRisingCount: 3,
      missedFollowUpDays: 8,
      infoAlertExpiryDays: 14,
      baselineWindowDays: 14,
    });
  });

  it('fill in everything when a clinic stored nothing (undefined, null or {})', () => {
    expect(resolveSafetySettings(undefined)).toEqual(DEFAULT_SAFETY_SETTINGS);
    expect(resolveSafetySettings(null)).toEqual(DEFAULT_SAFETY_SETTINGS);
    expect(resolveSafetySettings({})).toEqual(DEFAULT_SAFETY_SETTINGS);
  });

  it('cannot be changed through a resolved copy', () => {
    const settings = resolveSafetySettings({});
    settings.minObservationMinutes.intranasal = 30;
    expect(DEFAULT_SAFETY_SETTINGS.minObservationMinutes.intranasal).toBe(120);
  });
});

describe("a clinic's own settings", () => {
  it('override only what they name', () => {
    const settings = resolveSafetySettings({ maxDosesIn30Days: 12, maxCumulativeMgIn30Days: 750.5 });
    expect(settings.maxDosesIn30Days).toBe(12);
    expect(settings.maxCumulativeMgIn30Days).toBe(750.5);
    expect(settings.bpPreDoseSystolic).toBe(140);
  });

  it('merge observation minimums route by route: setting IV keeps intranasal 120; null switches a route off', () => {
    expect(resolveSafetySettings({ minObservationMinutes: { iv: 60 } }).minObservationMinutes).toEqual({
      iv: 60,
      im: null,
      intranasal: 120,
      sublingual: null,
      oral: null,
    });
    expect(
      resolveSafetySettings({ minObservationMinutes: { intranasal: null } }).minObservationMinutes.intranasal,
    ).toBeNull();
  });

  it('accept the edges of each range', () => {
    const settings = resolveSafetySettings({
      bpPreDoseSystolic: 90,
      bpPreDoseDiastolic: 50,
      bpPostDoseSystolic: 300,
      bpPostDoseDiastolic: 200,
      maxDosesIn30Days: 1,
      cravingThreshold: 10,
      cravingRisingCount: 2,
      missedFollowUpDays: 90,
      baselineWindowDays: 0,
    });
    expect(settings.baselineWindowDays).toBe(0);
  });
});

describe('bad settings are refused, naming the field and what is allowed', () => {
  it.each([
    [{ bpPreDoseSystolic: 89 }, 'bpPreDoseSystolic: must be at least 90'],
    [{ bpPreDoseSystolic: 251 }, 'bpPreDoseSystolic: must be at most 250'],
    [{ bpPreDoseSystolic: 140.5 }, 'bpPreDoseSystolic: must be a whole number'],
    [{ bpPreDoseSystolic: '140' }, 'bpPreDoseSystolic: must be a whole number'],
    [{ bpPreDoseDiastolic: 49 }, 'bpPreDoseDiastolic: must be at least 50'],
    [{ bpPostDoseSystolic: 301 }, 'bpPostDoseSystolic: must be at most 300'],
    [{ bpPostDoseDiastolic: 59 }, 'bpPostDoseDiastolic: must be at least 60'],
    [{ minObservationMinutes: { intranasal: 0 } }, 'minObservationMinutes.intranasal: must be at least 1'],
    [{ minObservationMinutes: { iv: 1441 } }, 'minObservationMinutes.iv: must be at most 1440'],
    [{ minObservationMinutes: { nasal: 120 } }, 'minObservationMinutes.nasal: is not a known field'],
    [{ maxDosesIn30Days: 0 }, 'maxDosesIn30Days: must be at least 1'],
    [{ maxCumulativeMgIn30Days: 0 }, 'maxCumulativeMgIn30Days: must be greater than 0'],
    [{ maxCumulativeMgIn30Days: 30001 }, 'maxCumulativeMgIn30Days: must be at most 30000'],
    [{ cravingThreshold: 11 }, 'cravingThreshold: must be at most 10'],
    [{ cravingRisingCount: 1 }, 'cravingRisingCount: must be at least 2'],
    [{ missedFollowUpDays: 0 }, 'missedFollowUpDays: must be at least 1'],
    [{ baselineWindowDays: -1 }, 'baselineWindowDays: must be at least 0'],
    [{ bpPreDose: 140 }, 'bpPreDose: is not a known field'],
  ])('%j → "%s"', (input, message) => {
    const error = refusal(input);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(message);
  });

  it('refuses a non-object', () => {
    expect(refusal(42).message).toBe('(body): must be an object');
  });

  it('lists every bad field at once', () => {
    const error = refusal({ bpPreDoseSystolic: 10, cravingThreshold: 0 });
    expect(error.problems.map((p) => p.field).sort()).toEqual(['bpPreDoseSystolic', 'cravingThreshold']);
  });

  it('refuses an urgent post-dose level at or below the pre-dose caution level (the warning tier would vanish)', () => {
    // Pre-dose 160 with the default post-dose 180 is fine; post-dose 150 below pre-dose 160 is not.
    expect(resolveSafetySettings({ bpPreDoseSystolic: 160 }).bpPostDoseSystolic).toBe(180);
    expect(refusal({ bpPreDoseSystolic: 160, bpPostDoseSystolic: 150 }).message).toBe(
      'bpPostDoseSystolic: must be above bpPreDoseSystolic (160); it is 150',
    );
    expect(refusal({ bpPostDoseDiastolic: 90 }).message).toBe(
      'bpPostDoseDiastolic: must be above bpPreDoseDiastolic (90); it is 90',
    );
  });
});
