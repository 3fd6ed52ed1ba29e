import { describe, expect, it } from 'vitest';
import { computeDisagreement } from './disagreement.js';
import { computePatientOutcomes } from './compute.js';
import { DAY_MS } from '../../shared/time.js';
import type { OutcomeDefinition, PatientOutcomes } from '../types.js';

const T1 = Date.UTC(2026, 3, 1, 12, 0, 0);
const at = (days: number): number => T1 + days * DAY_MS;
const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const PHQ9: OutcomeDefinition = { instrument: 'phq9', responseFraction: 0.5, remissionMax: 4, reliableChange: 6 };

function outcomesOf(definition: OutcomeDefinition, scores: [number, number][], doses = [0, 7]): PatientOutcomes {
  return computePatientOutcomes({
    definition,
    doses: doses.map((d) => ({ at: at(d), priceUsd: 300 })),
    assessments: scores.map(([d, total]) => ({ at: at(d), total, complete: true })),
    defaultPriceUsd: null,
  });
}

describe('instrument disagreement', () => {
  it('finds GAD-7 responding (16 → 7 ≤ 8) while PHQ-9 does not (18 → 12 > 9) up to day 8', () => {
    const gad = outcomesOf(GAD7, [
      [-1, 16],
      [1, 7],
      [8, 9],
    ]);
    const phq = outcomesOf(PHQ9, [
      [-1, 18],
      [1, 12],
      [8, 11],
    ]);
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gad },
        { instrument: 'phq9', outcomes: phq },
      ]),
    ).toEqual([{ responder: 'gad7', nonResponder: 'phq9', from: T1, to: at(8) }]);
  });

  it('compares only up to the last time both were measured', () => {
    // GAD-7 responds only on day 9; PHQ-9 was last measured on day 3 → window ends day 3 → both non-responders.
    const gad = outcomesOf(GAD7, [
      [-1, 16],
      [1, 12],
      [3, 11],
      [9, 6],
    ]);
    const phq = outcomesOf(PHQ9, [
      [-1, 18],
      [1, 14],
      [3, 13],
    ]);
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gad },
        { instrument: 'phq9', outcomes: phq },
      ]),
    ).toEqual([]);
  });

  it('reports the responder first whatever the input order', () => {
    const gad = outcomesOf(GAD7, [
      [-1, 16],
      [2, 12],
    ]);
    const phq = outcomesOf(PHQ9, [
      [-1, 18],
      [2, 9],
    ]);
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gad },
        { instrument: 'phq9', outcomes: phq },
      ]),
    ).toEqual([{ responder: 'phq9', nonResponder: 'gad7', from: T1, to: at(2) }]);
  });

  it('leaves out an instrument without a baseline (not comparable, not agreement)', () => {
    const gad = outcomesOf(GAD7, [
      [-1, 16],
      [1, 6],
    ]);
    const phq = outcomesOf(PHQ9, [
      [-20, 18],
      [1, 14],
    ]);
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gad },
        { instrument: 'phq9', outcomes: phq },
      ]),
    ).toEqual([]);
  });

  it('checks every pair: three instruments, one odd one out → two disagreements', () => {
    const gad = outcomesOf(GAD7, [
      [-1, 16],
      [1, 6],
    ]);
    const phq = outcomesOf(PHQ9, [
      [-1, 18],
      [1, 8],
    ]);
    const pcl = outcomesOf({ instrument: 'pcl5', responseFraction: 0.5, remissionMax: null, reliableChange: 15 }, [
      [-1, 50],
      [1, 40],
    ]);
    const found = computeDisagreement([
      { instrument: 'gad7', outcomes: gad },
      { instrument: 'phq9', outcomes: phq },
      { instrument: 'pcl5', outcomes: pcl },
    ]);
    expect(found.map((d) => `${d.responder}>${d.nonResponder}`)).toEqual(['gad7>pcl5', 'phq9>pcl5']);
  });
});
