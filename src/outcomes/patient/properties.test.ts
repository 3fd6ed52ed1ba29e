import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePatientOutcomes } from './compute.js';
import { HOUR_MS } from '../../shared/time.js';
import type { PatientOutcomeInput } from '../types.js';

const T0 = Date.UTC(2026, 0, 1);

// Random courses on an hourly grid; unique times so that the order of equal-time records (which the
// stable sort keeps from the input) cannot matter.
const courseArb: fc.Arbitrary<PatientOutcomeInput> = fc
  .record({
    doseHours: fc.uniqueArray(fc.integer({ min: 0, max: 1500 }), { maxLength: 12 }),
    scores: fc.uniqueArray(
      fc.record({
        hour: fc.integer({ min: -400, max: 2000 }),
        total: fc.integer({ min: 0, max: 21 }),
        complete: fc.boolean(),
      }),
      { selector: (s) => s.hour, maxLength: 40 },
    ),
    price: fc.option(fc.integer({ min: 100, max: 2000 }), { nil: null }),
  })
  .map(({ doseHours, scores, price }) => ({
    definition: { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 },
    doses: doseHours.map((h) => ({ at: T0 + h * HOUR_MS, priceUsd: price })),
    assessments: scores.map((s) => ({ at: T0 + s.hour * HOUR_MS, total: s.total, complete: s.complete })),
    defaultPriceUsd: 250,
  }));

describe('per-patient outcome properties', () => {
  it('do not depend on the order of the input records', () => {
    fc.assert(
      fc.property(courseArb, (input) => {
        const reversed = { ...input, doses: [...input.doses].reverse(), assessments: [...input.assessments].reverse() };
        expect(computePatientOutcomes(reversed)).toEqual(computePatientOutcomes(input));
      }),
    );
  });

  it('keep coverage in [0, 1], episodes non-negative, onset after at least one dose', () => {
    fc.assert(
      fc.property(courseArb, (input) => {
        const o = computePatientOutcomes(input);
        if (o.coverage !== null) expect(o.coverage).toBeGreaterThanOrEqual(0);
        if (o.coverage !== null) expect(o.coverage).toBeLessThanOrEqual(1);
        for (const e of o.reliefEpisodes) expect(e.days).toBeGreaterThan(0);
        if (o.onset !== null) expect(o.onset.doses).toBeGreaterThanOrEqual(1);
        expect(o.maxDosesIn30Days).toBeLessThanOrEqual(input.doses.length);
      }),
    );
  });

  it('define response for every complete assessment after t1 exactly when there is a baseline', () => {
    fc.assert(
      fc.property(courseArb, (input) => {
        const o = computePatientOutcomes(input);
        const t1 = o.firstDoseAt;
        for (const a of o.assessments) {
          const usable = t1 !== null && a.at > t1 && input.assessments.some((x) => x.at === a.at && x.complete);
          expect(a.response !== null).toBe(usable && o.baseline !== null);
        }
      }),
    );
  });

  it('never raise the tolerance flag when every episode has the same length and depth', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 14, noNaN: true }), fc.integer({ min: 4, max: 9 }), (length, n) => {
        const day = 24 * HOUR_MS;
        const doses = Array.from({ length: n }, (_, k) => ({ at: T0 + k * 20 * day, priceUsd: 100 }));
        const assessments = [{ at: T0 - day, total: 20, complete: true }];
        doses.forEach((d) => {
          assessments.push({ at: d.at + 0.25 * day, total: 6, complete: true });
          assessments.push({ at: d.at + length * day, total: 16, complete: true });
        });
        const o = computePatientOutcomes({
          definition: { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 },
          doses,
          assessments,
          defaultPriceUsd: null,
        });
        expect(o.tolerance.flag).toBe(false);
      }),
    );
  });
});
