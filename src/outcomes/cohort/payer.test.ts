import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/time.js';
import type { OutcomeDefinition } from '../types.js';
import { cohortMembers } from './compute.js';
import { cohortCostPerReliefDay, dropoutFigure } from './payer.js';
import type { CohortPatientInput } from './types.js';

// Worked by hand from docs/outcomes.md "Outcomes for payers".
const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const T1 = Date.UTC(2026, 2, 2, 9, 0, 0);
const at = (days: number): number => T1 + days * DAY_MS;

function aPatient(
  patientId: string,
  doses: [number, number | null][],
  scores: [number, number][],
  defaultPriceUsd: number | null = null,
): CohortPatientInput {
  return {
    patientId,
    conditions: ['gad'],
    doses: doses.map(([d, priceUsd]) => ({ at: at(d), priceUsd, route: 'iv', setting: 'clinic' })),
    assessments: scores.map(([d, total]) => ({ at: at(d), total, complete: true })),
    defaultPriceUsd,
    adverseEvents: [],
  };
}

// A: baseline 16; responses are totals ≤ 8. Intervals after the first dose: day 1→4 (3 days, 6 responds),
// 4→8 (4 days, 7 responds), 8→9 (1 day, 12 does not): 7 days in response. Cost 400 + 400 = 800.
const A = aPatient(
  'A',
  [
    [0, 400],
    [7, 400],
  ],
  [
    [-1, 16],
    [1, 6],
    [4, 7],
    [8, 12],
    [9, 5],
  ],
);
// B: no baseline (the only score is after the dose), cost 300 and no days in response.
const B = aPatient('B', [[0, 300]], [[2, 3]]);
// C: six doses (the whole induction series), a baseline of 10 and no response (≤ 5): cost 6 × 100.
const C = aPatient(
  'C',
  [0, 3, 6, 9, 12, 15].map((d): [number, number] => [d, 100]),
  [
    [0, 10],
    [16, 9],
  ],
);
// D: two doses, the last on day 45: short of the series but recent on day 60.
const D = aPatient(
  'D',
  [
    [0, 200],
    [45, 200],
  ],
  [
    [0, 12],
    [46, 11],
  ],
);

const summaries = cohortMembers({ definition: GAD7, patients: [A, B, C, D] }).summaries;

describe('dropout: fewer doses than the induction series and no dose in the 30 days before the report', () => {
  it('counts A and B (2 and 1 doses, last dose 53 and 60 days before day 60) and neither C nor D', () => {
    const figure = dropoutFigure(summaries, at(60));
    expect(figure).toMatchObject({
      n: 4,
      definition: 'dropout',
      inductionDoses: 6,
      gapDays: 30,
      completedInduction: 1,
      stillInInduction: 1,
    });
    expect(figure.share).toMatchObject({ numerator: 2, denominator: 4, proportion: 0.5 });
  });

  it('reads a last dose exactly 30 days before the report as recent', () => {
    // D's last dose (day 45) is 30 days before day 75: not more than 30 days, so not a dropout.
    expect(dropoutFigure(summaries, at(75)).share.numerator).toBe(2);
    expect(dropoutFigure(summaries, at(75) + 1).share.numerator).toBe(3);
  });

  it('takes the induction series the report asks for', () => {
    // With a series of 2, A, C and D completed it; only B (1 dose) dropped out.
    const figure = dropoutFigure(summaries, at(60), 2);
    expect(figure.completedInduction).toBe(3);
    expect(figure.share.numerator).toBe(1);
  });

  it('has no share for an empty cohort', () => {
    expect(dropoutFigure([], at(60)).share.proportion).toBeNull();
  });
});

describe('cost per relief-day of the cohort: total cost ÷ summed days in response', () => {
  it('is (800 + 300 + 600 + 400) ÷ 7 days, B adding cost and no days', () => {
    const figure = cohortCostPerReliefDay(summaries);
    expect(figure.totalCostUsd).toBe(2100);
    expect(figure.reliefDays).toBeCloseTo(7, 10);
    expect(figure.valueUsd).toBeCloseTo(300, 10);
    expect(figure).toMatchObject({ n: 4, definition: 'cohortCostPerReliefDay', patientsWithUnknownCost: 0 });
  });

  it('is unknown when any patient has no price and no default price', () => {
    const unpriced = aPatient('E', [[0, null]], [[-1, 9]]);
    const figure = cohortCostPerReliefDay(cohortMembers({ definition: GAD7, patients: [A, unpriced] }).summaries);
    expect(figure).toMatchObject({ valueUsd: null, totalCostUsd: null, patientsWithUnknownCost: 1 });
    expect(figure.reliefDays).toBeCloseTo(7, 10);
  });

  it('is unknown when nobody had a day in response', () => {
    expect(cohortCostPerReliefDay(cohortMembers({ definition: GAD7, patients: [B, C] }).summaries)).toMatchObject({
      valueUsd: null,
      totalCostUsd: 900,
      reliefDays: 0,
    });
  });
});
