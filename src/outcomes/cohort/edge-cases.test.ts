import { describe, expect, it } from 'vitest';
import { computeCohortReport } from './compute.js';
import { DAY_MS } from '../../shared/time.js';
import type { OutcomeDefinition } from '../types.js';
import type { CohortPatientInput } from './types.js';

// Cohort edge cases stated in docs/outcomes.md ("Dose window", "Booster rate").
const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const T1 = Date.UTC(2026, 2, 2, 9, 0, 0);
const at = (days: number): number => T1 + days * DAY_MS;

function aPatient(patientId: string, doses: number[], scores: [number, number][]): CohortPatientInput {
  return {
    patientId,
    conditions: ['gad'],
    doses: doses.map((d) => ({ at: at(d), priceUsd: 100, route: 'iv', setting: 'clinic' })),
    assessments: scores.map(([d, total]) => ({ at: at(d), total, complete: true })),
    defaultPriceUsd: null,
    adverseEvents: [],
  };
}

describe('booster rate: doses at or after t1 + 30 days × 30 ÷ days from t1 + 30 to the end of follow-up', () => {
  const report = computeCohortReport({
    definition: GAD7,
    patients: [
      // End = day 60 (last score, after the last dose at 45). Doses on or after day 30: 30 and 45 →
      // 2 × 30 / (60 − 30) = 2.
      aPatient(
        'A',
        [0, 10, 20, 30, 45],
        [
          [-1, 16],
          [60, 10],
        ],
      ),
      // End = day 40 (score): no dose from day 30 on → 0 × 30 / 10 = 0.
      aPatient(
        'B',
        [0],
        [
          [-1, 16],
          [40, 10],
        ],
      ),
      // End = day 30 exactly (last dose and last score): followed 30 days, not more → left out.
      aPatient(
        'C',
        [0, 30],
        [
          [-1, 16],
          [30, 10],
        ],
      ),
    ],
  });

  it('has rates 2 and 0 (median 1) and leaves out the patient followed exactly 30 days', () => {
    expect(report.boosterRate.n).toBe(2);
    expect(report.boosterRate.median).toBe(1);
    expect(report.boosterRate.excludedShortFollowUp).toBe(1);
  });

  it('puts 0 in [0, 1) and 2 in [2, 3), ten one-wide bins then an open [10, ∞)', () => {
    const bins = report.boosterRate.bins;
    expect(bins).toHaveLength(11);
    expect(bins[0]).toEqual({ from: 0, to: 1, count: 1 });
    expect(bins[2]).toEqual({ from: 2, to: 3, count: 1 });
    expect(bins[10]).toEqual({ from: 10, to: null, count: 0 });
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });
});

describe("an assessment at the moment of dose 2 is in dose 1's window", () => {
  // Baseline 16 → response ≤ 8. The 6 is at day 7, exactly at dose 2: dose 1 is assessed and responds;
  // dose 2 has nothing after it, so no patient is in its per-protocol denominator.
  const report = computeCohortReport({
    definition: GAD7,
    patients: [
      aPatient(
        'A',
        [0, 7],
        [
          [-1, 16],
          [7, 6],
        ],
      ),
    ],
    maxDose: 2,
  });
  const rows = report.responseByDose.rows;

  it('ITT response 1/1 after dose 1 and 0/1 after dose 2; per protocol 1/1 and 0/0', () => {
    expect(rows.map((r) => [r.itt.response.numerator, r.itt.response.denominator])).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(rows.map((r) => [r.perProtocol.response.numerator, r.perProtocol.response.denominator])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('relief after dose 1 is censored at that assessment, 7 days', () => {
    expect(report.relief.overall?.table.map((row) => [row.time, row.nEvent, row.nCensor])).toEqual([[7, 0, 1]]);
  });
});
