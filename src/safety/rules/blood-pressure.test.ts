import { describe, expect, it } from 'vitest';
import { aDose, aHistory, day, settingsWith } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Dose } from '../../doses/dose.schema.js';
import { bpPostDose } from './bp-post-dose.js';
import { bpPreDose } from './bp-pre-dose.js';

const before = (systolic: number | null, diastolic: number | null, id = 'dose-bp'): Dose =>
  aDose({ id, givenAt: day(2), systolicBefore: systolic, diastolicBefore: diastolic });
const after = (systolic: number | null, diastolic: number | null, id = 'dose-bp'): Dose =>
  aDose({
    id,
    givenAt: day(2),
    systolicBefore: 130,
    diastolicBefore: 80,
    systolicAfter: systolic,
    diastolicAfter: diastolic,
  });
const pre = (doses: Dose[], settings = DEFAULT_SAFETY_SETTINGS) => bpPreDose.evaluate(aHistory({ doses }), settings);
const post = (doses: Dose[], settings = DEFAULT_SAFETY_SETTINGS) => bpPostDose.evaluate(aHistory({ doses }), settings);

describe('bp-pre-dose: alert when ABOVE 140 systolic or 90 diastolic (Spravato label)', () => {
  it.each([
    [139, 89, 0],
    [140, 90, 0], // at the limit: not above it
    [141, 80, 1], // systolic above
    [120, 91, 1], // diastolic above
    [160, 100, 1],
  ])('%i/%i → %i finding(s)', (systolic, diastolic, count) => {
    expect(pre([before(systolic, diastolic)])).toHaveLength(count);
  });

  it('is a warning keyed by the dose, raised at the dose, with both readings and limits', () => {
    expect(pre([before(152, 88)])).toEqual([
      expect.objectContaining({
        rule: 'bp-pre-dose',
        severity: 'warning',
        episodeKey: 'dose:dose-bp',
        raisedAt: day(2),
        evidence: expect.objectContaining({
          summary: 'Blood pressure before the dose on 7 Jan 2026 was 152/88 mmHg: systolic 152 above 140.',
          values: {
            doseId: 'dose-bp',
            givenAt: day(2),
            systolicBefore: 152,
            diastolicBefore: 88,
            limitSystolic: 140,
            limitDiastolic: 90,
          },
        }) as unknown,
      }),
    ]);
  });

  it('raises nothing for a missing reading, and reads the side that was measured', () => {
    expect(pre([before(null, null)])).toEqual([]);
    expect(pre([before(null, 95)])).toHaveLength(1);
  });

  it("uses the clinic's limits: 150/95", () => {
    const settings = settingsWith({ bpPreDoseSystolic: 150, bpPreDoseDiastolic: 95 });
    expect(pre([before(150, 95)], settings)).toEqual([]);
    expect(pre([before(151, 95)], settings)).toHaveLength(1);
  });
});

describe('bp-post-dose: urgent when ABOVE 180 systolic or 110 diastolic after a dose', () => {
  it.each([
    [160, 100, null], // above the pre-dose caution level, below the post-dose limit: nothing
    [179, 109, null],
    [180, 110, null], // at the limit: not above it
    [181, 100, 'urgent'], // systolic above
    [150, 111, 'urgent'], // diastolic above
    [200, 120, 'urgent'],
  ])('%i/%i → %s', (systolic, diastolic, severity) => {
    expect(post([after(systolic, diastolic)]).map((f) => f.severity)).toEqual(severity === null ? [] : [severity]);
  });

  it('keys by the dose and shows the reading before the dose beside the one after', () => {
    const [finding] = post([after(182, 96)]);
    expect(finding?.episodeKey).toBe('dose:dose-bp');
    expect(finding?.evidence.summary).toBe(
      'Blood pressure after the dose on 7 Jan 2026 was 182/96 mmHg (before: 130/80), over the post-dose limit: systolic 182 above 180.',
    );
  });

  it('raises nothing when nothing was measured after the dose', () => {
    expect(post([after(null, null)])).toEqual([]);
  });

  it("follows the clinic's post-dose limit", () => {
    const settings = settingsWith({ bpPostDoseSystolic: 170 });
    expect(post([after(170, 80)], settings)).toEqual([]);
    expect(post([after(171, 80)], settings).map((f) => f.severity)).toEqual(['urgent']);
  });

  it('one finding per dose, in time order', () => {
    const doses = [
      aDose({ id: 'late', givenAt: day(9), systolicAfter: 190, diastolicAfter: 80 }),
      aDose({ id: 'early', givenAt: day(1), systolicAfter: 185, diastolicAfter: 80 }),
    ];
    expect(post(doses).map((f) => f.episodeKey)).toEqual(['dose:early', 'dose:late']);
  });
});
