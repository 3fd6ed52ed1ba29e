import { describe, expect, it } from 'vitest';
import { aDose, aHistory, day, settingsWith } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Dose } from '../../doses/dose.schema.js';
import { shortObservation } from './short-observation.js';

const run = (doses: Dose[], settings = DEFAULT_SAFETY_SETTINGS) =>
  shortObservation.evaluate(aHistory({ doses }), settings);
const intranasal = (minutes: number | null): Dose =>
  aDose({ id: 'in', givenAt: day(1), route: 'intranasal', observationMinutes: minutes });

describe('short observation: intranasal minimum 120 minutes (Spravato REMS)', () => {
  it('119 minutes is a warning keyed by the dose', () => {
    expect(run([intranasal(119)])).toEqual([
      expect.objectContaining({
        rule: 'short-observation',
        severity: 'warning',
        episodeKey: 'dose:in',
        raisedAt: day(1),
        evidence: expect.objectContaining({
          values: { doseId: 'in', givenAt: day(1), route: 'intranasal', observationMinutes: 119, minimumMinutes: 120 },
        }) as unknown,
      }),
    ]);
  });

  it('120 (at the minimum) and 121 raise nothing', () => {
    expect(run([intranasal(120)])).toEqual([]);
    expect(run([intranasal(121)])).toEqual([]);
  });

  it('a dose without a recorded observation time raises nothing (the rule cannot tell)', () => {
    expect(run([intranasal(null)])).toEqual([]);
  });

  it('other routes have no rule by default, and follow a minimum the clinic sets', () => {
    const iv = aDose({ id: 'iv', route: 'iv', observationMinutes: 10 });
    expect(run([iv])).toEqual([]);
    const settings = settingsWith({ minObservationMinutes: { iv: 60 } });
    expect(run([aDose({ route: 'iv', observationMinutes: 60 })], settings)).toEqual([]);
    expect(
      run([aDose({ id: 'iv59', route: 'iv', observationMinutes: 59 })], settings).map((f) => f.episodeKey),
    ).toEqual(['dose:iv59']);
  });

  it('a clinic may switch the intranasal rule off', () => {
    expect(run([intranasal(30)], settingsWith({ minObservationMinutes: { intranasal: null } }))).toEqual([]);
  });
});
