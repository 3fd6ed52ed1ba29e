import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type ConfType, type SurvivalObservation } from './kaplan-meier.js';

// Small integer times give many ties between events and censorings; doubles give distinct times.
const observation: fc.Arbitrary<SurvivalObservation> = fc.record({
  time: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 1000, noNaN: true })),
  event: fc.boolean(),
});
const sample = fc.array(observation, { minLength: 1, maxLength: 80 });
const confType = fc.constantFrom<ConfType>('log', 'log-log', 'plain');
// exp(log S) can differ from S in the last bit.
const ROUNDING = 1e-12;

describe('kaplanMeier properties', () => {
  it('survival is in [0, 1] and never increases', () => {
    fc.assert(
      fc.property(sample, confType, (obs, type) => {
        const survival = kaplanMeier(obs, { confType: type }).table.map((r) => r.survival);
        survival.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          if (i > 0) expect(s).toBeLessThanOrEqual(survival[i - 1] ?? 1);
        });
      }),
    );
  });

  it('bounds, where present, are in [0, 1] and lower ≤ S ≤ upper', () => {
    fc.assert(
      fc.property(sample, confType, (obs, type) => {
        for (const row of kaplanMeier(obs, { confType: type }).table) {
          if (row.lower !== null) {
            expect(row.lower).toBeGreaterThanOrEqual(0);
            expect(row.lower).toBeLessThanOrEqual(row.survival + ROUNDING);
          }
          if (row.upper !== null) {
            expect(row.upper).toBeLessThanOrEqual(1);
            expect(row.upper).toBeGreaterThanOrEqual(row.survival - ROUNDING);
          }
        }
      }),
    );
  });

  it('accounts for every subject: risk sets shrink by events + censorings, totals add up', () => {
    fc.assert(
      fc.property(sample, (obs) => {
        const { table, n, events } = kaplanMeier(obs);
        expect(n).toBe(obs.length);
        expect(table[0]?.nRisk).toBe(n);
        table.forEach((row, i) => {
          const next = table[i + 1];
          if (next) expect(next.nRisk).toBe(row.nRisk - row.nEvent - row.nCensor);
          if (next) expect(next.time).toBeGreaterThan(row.time);
        });
        expect(table.reduce((sum, r) => sum + r.nEvent, 0)).toBe(events);
        expect(table.reduce((sum, r) => sum + r.nEvent + r.nCensor, 0)).toBe(n);
      }),
    );
  });

  it('does not depend on the order of the observations', () => {
    const shuffledPair = sample.chain((obs) =>
      fc.tuple(fc.constant(obs), fc.shuffledSubarray(obs, { minLength: obs.length })),
    );
    fc.assert(
      fc.property(shuffledPair, ([obs, shuffled]) => {
        expect(kaplanMeier(shuffled)).toEqual(kaplanMeier(obs));
      }),
    );
  });

  it('the median, when reached, is a time at which S ≤ 0.5 or the midpoint of a 0.5 plateau', () => {
    fc.assert(
      fc.property(sample, (obs) => {
        const { table, median } = kaplanMeier(obs);
        const firstAtOrBelowHalf = table.find((r) => r.survival < 0.5 + 1e-8);
        if (firstAtOrBelowHalf === undefined) expect(median).toBeNull();
        else expect(median).toBeGreaterThanOrEqual(firstAtOrBelowHalf.time);
      }),
    );
  });
});
