import { describe, expect, it } from 'vitest';
import { generateCohort } from './generate.js';
import { clipToNow } from '../demo/demo-clinic.js';
import { DEMO_RELIEF_TRUTH, demoCohortOptions } from '../demo/demo-cohort.js';
import { scoreAnswers } from '../instruments/score.js';
import { computeCohortReport } from '../outcomes/cohort/compute.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { SyntheticPatient } from './types.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';

const START = Date.UTC(2025, 0, 1);
const CHECK_IN = 'anxiety-vas';
const totalOf = (answers: number[]): number => scoreAnswers(CHECK_IN, answers).total ?? Number.NaN;

/** Every check-in after dose 1 with whether it responds (≤ half the baseline) and whether the truth says it should. */
function checkInsAgainstTruth(patient: SyntheticPatient): { responds: boolean; inTrueRelief: boolean }[] {
  const t1 = patient.doses[0]?.at ?? Infinity;
  const checkIns = patient.assessments.filter((a) => a.instrument === CHECK_IN);
  const baseline = checkIns.filter((a) => a.at <= t1).at(-1);
  if (baseline === undefined) throw new Error(`${patient.label} has no baseline check-in`);
  return checkIns
    .filter((a) => a.at > t1)
    .map((a) => {
      const dose = patient.doses.filter((d) => d.at <= a.at).at(-1);
      const truth = dose?.trueReliefDays ?? null;
      return {
        responds: totalOf(a.answers) <= totalOf(baseline.answers) * 0.5,
        inTrueRelief: dose !== undefined && truth !== null && a.at - dose.at < truth * DAY_MS,
      };
    });
}

describe('the 24-hour check-ins and the true relief length of each dose', () => {
  it.each([
    ['the default model', undefined],
    ['a lognormal truth', DEMO_RELIEF_TRUTH],
    [
      'a Weibull truth',
      { distribution: 'weibull', medianDays: 4, spread: 0.5, frailtySd: 0.4, tolerancePerDose: -0.1 } as const,
    ],
  ])('with %s, a check-in responds exactly when it comes before its dose’s true end of relief', (_, reliefTruth) => {
    const cohort = generateCohort({ seed: 17, patients: 300, start: START, ...(reliefTruth ? { reliefTruth } : {}) });
    const rows = cohort.flatMap(checkInsAgainstTruth);
    expect(rows.filter((r) => r.responds !== r.inTrueRelief)).toEqual([]);
    // Not vacuous: both kinds occur, each many times.
    expect(rows.filter((r) => r.responds).length).toBeGreaterThan(500);
    expect(rows.filter((r) => !r.responds).length).toBeGreaterThan(500);
  });

  it('gives every patient a baseline check-in within 2 hours before dose 1', () => {
    for (const patient of generateCohort({ seed: 17, patients: 200, start: START })) {
      const t1 = patient.doses[0]?.at ?? 0;
      const before = patient.assessments.filter((a) => a.instrument === CHECK_IN && a.at <= t1);
      expect(before).toHaveLength(1);
      expect(t1 - (before[0]?.at ?? 0)).toBeLessThanOrEqual(2 * HOUR_MS);
    }
  });

  it.each([
    // log T = log 3 + b + 0.6ε, b ~ N(0, 0.3), ε ~ N(0, 1): symmetric about log 3, so the median is 3 days.
    ['lognormal', DEMO_RELIEF_TRUTH, 3],
    // No frailty: T is Weibull with shape 1/0.5 = 2, its scale set so that the median is 4 days.
    [
      'Weibull',
      { distribution: 'weibull', medianDays: 4, spread: 0.5, frailtySd: 0, tolerancePerDose: -0.1 } as const,
      4,
    ],
  ])('draws %s relief lengths with the truth’s median at dose 1', (_, reliefTruth, median) => {
    const cohort = generateCohort({ seed: 17, patients: 4000, start: START, reliefTruth });
    const lengths = cohort
      .map((p) => p.doses[0]?.trueReliefDays ?? null)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    expect(lengths.length).toBeGreaterThan(1000);
    const middle = lengths[Math.floor(lengths.length / 2)] ?? 0;
    expect(middle).toBeGreaterThan(median * 0.92);
    expect(middle).toBeLessThan(median * 1.08);
  });

  it('shortens relief by the tolerance per dose: dose 3 against dose 1 of the same early responders', () => {
    // No spread or frailty: T = 4 × exp(−0.1 × (dose − 1)), so dose 3 lasts 4 × e^−0.2 ≈ 3.275 days.
    const reliefTruth = {
      distribution: 'lognormal',
      medianDays: 4,
      spread: 0,
      frailtySd: 0,
      tolerancePerDose: -0.1,
    } as const;
    const cohort = generateCohort({ seed: 17, patients: 300, start: START, reliefTruth });
    const pairs = cohort
      .map((p) => [p.doses[0]?.trueReliefDays ?? null, p.doses[2]?.trueReliefDays ?? null] as const)
      .filter(([first, third]) => first !== null && third !== null);
    expect(pairs.length).toBeGreaterThan(50);
    for (const [first, third] of pairs) {
      expect(first).toBeCloseTo(4, 9);
      expect(third).toBeCloseTo(3.275, 3);
    }
  });

  it('has some boosters come after the previous dose’s relief has faded, so booster episodes can end in an event', () => {
    const cohort = generateCohort({ seed: 17, patients: 2000, start: START });
    const gaps = cohort.flatMap((p) =>
      p.doses.slice(6).flatMap((dose, b) => {
        const previous = p.doses[5 + b];
        const relief = previous?.trueReliefDays ?? null;
        return previous === undefined || relief === null ? [] : [dose.at - previous.at > relief * DAY_MS];
      }),
    );
    // Half of the continuing responders come back 1–4 days after relief fades (all their boosters); the
    // other half keep a 2–8-a-month rhythm, about 30% of whose gaps outlast relief: 0.5 + 0.5 × 0.3 ≈ 0.65.
    const afterRelief = gaps.filter(Boolean).length / gaps.length;
    expect(gaps.length).toBeGreaterThan(1000);
    expect(afterRelief).toBeGreaterThan(0.55);
    expect(afterRelief).toBeLessThan(0.75);
  });

  it('is deterministic with a truth: the same seed gives the same cohort', () => {
    const options = { seed: 4, patients: 50, start: START, reliefTruth: DEMO_RELIEF_TRUTH };
    expect(generateCohort(options)).toEqual(generateCohort(options));
  });

  it('refuses a relief truth with a median of 0 days, naming the field', () => {
    expect(() =>
      generateCohort({ seed: 1, patients: 1, start: START, reliefTruth: { ...DEMO_RELIEF_TRUTH, medianDays: 0 } }),
    ).toThrow('reliefTruth.medianDays: 0 is not a number of days above 0 and at most 365');
  });
});

describe('the demo clinic’s cohort', () => {
  const now = new Date(Date.UTC(2026, 11, 2, 12));
  const patients = generateCohort(demoCohortOptions(now))
    .map((p) => clipToNow(p, now.getTime()))
    .filter((p): p is SyntheticPatient => p !== null);

  function cohortOn(instrument: string): CohortPatientInput[] {
    return patients.map((p) => ({
      patientId: p.label,
      conditions: p.conditions,
      doses: p.doses.map((d) => ({ at: d.at, priceUsd: d.priceUsd, route: d.route, setting: d.setting })),
      assessments: p.assessments
        .filter((a) => a.instrument === instrument)
        .map((a) => ({ at: a.at, ...scoreAnswers(instrument, a.answers) })),
      defaultPriceUsd: p.course.defaultPriceUsd,
      adverseEvents: [],
    }));
  }

  it('has check-ins for every patient', () => {
    expect(patients.length).toBeGreaterThan(30);
    expect(patients.every((p) => p.assessments.some((a) => a.instrument === CHECK_IN))).toBe(true);
  });

  it('shows relief being lost on the check-in: the relief curve has events and a finite median', () => {
    const definition = { instrument: CHECK_IN, responseFraction: 0.5, remissionMax: null, reliableChange: null };
    const overall = computeCohortReport({ definition, patients: cohortOn(CHECK_IN) }).relief.overall;
    expect(overall?.events).toBeGreaterThan(0);
    expect(overall?.median).not.toBeNull();
    expect(Number.isFinite(overall?.median)).toBe(true);
  });
});
