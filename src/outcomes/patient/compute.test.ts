import { describe, expect, it } from 'vitest';
import { computePatientOutcomes } from './compute.js';
import { DAY_MS } from '../../shared/time.js';
import type { OutcomeDefinition, OutcomeOptions, PatientOutcomeInput } from '../types.js';

// GAD-7 thresholds (docs/outcomes.md): response ≥ 50% drop, remission ≤ 4, reliable change 4 points.
const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const T1 = Date.UTC(2026, 0, 5, 10, 0, 0);
const at = (days: number): number => T1 + days * DAY_MS;
const h4 = 4 / 24;

interface PatientSpec {
  /** Dose times in days after t1. */
  doses?: number[];
  prices?: (number | null)[];
  defaultPrice?: number | null;
  /** [day, total] of complete assessments. */
  scores?: [number, number][];
  /** [day, total] of incomplete assessments. */
  incomplete?: [number, number | null][];
  definition?: Partial<OutcomeDefinition>;
  options?: Partial<OutcomeOptions>;
}

function aPatient(spec: PatientSpec = {}): PatientOutcomeInput {
  const doses = spec.doses ?? [0];
  return {
    definition: { ...GAD7, ...spec.definition },
    doses: doses.map((d, i) => ({ at: at(d), priceUsd: spec.prices ? (spec.prices[i] ?? null) : 500 })),
    assessments: [
      ...(spec.scores ?? []).map(([d, total]) => ({ at: at(d), total, complete: true })),
      ...(spec.incomplete ?? []).map(([d, total]) => ({ at: at(d), total, complete: false })),
    ],
    defaultPriceUsd: spec.defaultPrice ?? null,
    ...(spec.options ? { options: spec.options } : {}),
  };
}

describe('immediate responder', () => {
  // Baseline 16 → response threshold 16 × 0.5 = 8. Dose 1 at day 0, dose 2 at day 10.
  const outcomes = computePatientOutcomes(
    aPatient({
      doses: [0, 10],
      scores: [
        [-1, 16],
        [h4, 6],
        [1, 7],
        [3, 8],
        [6, 10],
        [10 + h4, 5],
        [11, 4],
        [13, 6],
      ],
    }),
  );

  it('takes the last score before dose 1 as baseline', () => {
    expect(outcomes.baseline).toEqual({ at: at(-1), total: 16 });
  });

  it('marks the 4-hour score: 6 − 16 = −10, −62.5%, response, not remission, reliably improved', () => {
    expect(outcomes.assessments[1]).toEqual({
      at: at(h4),
      total: 6,
      change: -10,
      percentChange: -62.5,
      response: true,
      remission: false,
      reliable: 'improved',
    });
  });

  it('leaves the outcome fields of the baseline itself empty (it is not after t1)', () => {
    expect(outcomes.assessments[0]?.response).toBeNull();
    expect(outcomes.assessments[0]?.change).toBeNull();
  });

  it('has onset at 4 hours, after 1 dose', () => {
    expect(outcomes.onset?.hours).toBeCloseTo(4, 9);
    expect(outcomes.onset?.days).toBeCloseTo(1 / 6, 12);
    expect(outcomes.onset?.doses).toBe(1);
  });

  it('loses relief at day 6 (10 > 8) after dose 1 and is censored at day 13 after dose 2', () => {
    // Dose 2 window: 10+4h (5), day 11 (4), day 13 (6): all respond → censored at 13 − 10 = 3 days.
    expect(outcomes.reliefEpisodes).toEqual([
      { dose: 1, days: 6, censored: false },
      { dose: 2, days: 3, censored: true },
    ]);
  });

  it('computes coverage from the intervals between assessments', () => {
    // Intervals after t1 (days): 4h→1 = 5/6 (R), 1→3 = 2 (R), 3→6 = 3 (R), 6→10+4h = 25/6 (not R),
    // 10+4h→11 = 5/6 (R), 11→13 = 2 (R). All = 77/6; in response = 77/6 − 25/6 = 52/6.
    expect(outcomes.inResponseDays).toBeCloseTo(52 / 6, 12);
    expect(outcomes.coverage).toBeCloseTo(52 / 77, 12);
  });

  it('counts doses: (2 − 1) × 30 / 10 days = 3 per 30 days; 2 doses in one 30-day window', () => {
    expect(outcomes.dosesPer30Days).toBe(3);
    expect(outcomes.maxDosesIn30Days).toBe(2);
  });

  it('costs 2 × $500 = $1,000, i.e. 1000 / (52/6) = $115.38 per relief-day', () => {
    expect(outcomes.costToDate).toBe(1000);
    expect(outcomes.costPerReliefDay).toBeCloseTo(6000 / 52, 9);
  });

  it('has no tolerance figures with only 2 episodes (needs 4)', () => {
    expect(outcomes.tolerance).toEqual({
      durationSlope: null,
      durationLower: null,
      durationUpper: null,
      depthSlope: null,
      depthLower: null,
      depthUpper: null,
      flag: null,
    });
  });
});

describe('responder only after dose 3', () => {
  // Baseline 18 → threshold 9. Doses at days 0, 7, 14.
  const outcomes = computePatientOutcomes(
    aPatient({
      doses: [0, 7, 14],
      scores: [
        [-2, 18],
        [h4, 15],
        [1, 14],
        [3, 16],
        [7 + h4, 12],
        [8, 11],
        [14 + h4, 9],
        [15, 8],
        [17, 12],
      ],
    }),
  );

  it('has onset at 14 days 4 hours = 340 hours, after 3 doses', () => {
    expect(outcomes.onset?.hours).toBeCloseTo(340, 9);
    expect(outcomes.onset?.days).toBeCloseTo(14 + 1 / 6, 12);
    expect(outcomes.onset?.doses).toBe(3);
  });

  it('has one episode, after dose 3, lost at day 17 (12 > 9): 3 days', () => {
    expect(outcomes.reliefEpisodes).toEqual([{ dose: 3, days: 3, censored: false }]);
  });
});

describe('non-responder', () => {
  // Baseline 15 → threshold 7.5; nothing reaches it.
  const outcomes = computePatientOutcomes(
    aPatient({
      doses: [0, 7],
      scores: [
        [-1, 15],
        [1, 12],
        [3, 10],
        [8, 9],
        [10, 11],
      ],
    }),
  );

  it('has no onset and no episodes', () => {
    expect(outcomes.onset).toBeNull();
    expect(outcomes.reliefEpisodes).toEqual([]);
  });

  it('spends 0 of the 9 interval days (1→3→8→10) in response, so cost per relief-day is unknown', () => {
    expect(outcomes.coverage).toBe(0);
    expect(outcomes.inResponseDays).toBe(0);
    expect(outcomes.costPerReliefDay).toBeNull();
  });

  it('marks every assessment after t1 as not a response (false, not null)', () => {
    expect(outcomes.assessments.slice(1).map((a) => a.response)).toEqual([false, false, false, false]);
  });
});

describe('relapse five days after a dose', () => {
  // Baseline 14 → threshold 7: day 1 (5) and day 3 (6) respond, day 5 (9) does not → event at day 5.
  const outcomes = computePatientOutcomes(
    aPatient({
      scores: [
        [-1, 14],
        [1, 5],
        [3, 6],
        [5, 9],
        [7, 12],
      ],
    }),
  );

  it('ends the episode at the first non-response after a response: 5 days, not censored', () => {
    expect(outcomes.reliefEpisodes).toEqual([{ dose: 1, days: 5, censored: false }]);
  });
});

describe('dropout', () => {
  // Baseline 12 → threshold 6. Two doses (0, 7); the patient stops; the last score (day 9) still responds.
  const outcomes = computePatientOutcomes(
    aPatient({
      doses: [0, 7],
      scores: [
        [-1, 12],
        [1, 8],
        [8, 5],
        [9, 6],
      ],
    }),
  );

  it('censors the last episode at the last assessment: 9 − 7 = 2 days', () => {
    expect(outcomes.reliefEpisodes).toEqual([{ dose: 2, days: 2, censored: true }]);
  });

  it('counts only the intervals it saw: 1→8 capped at 7 (not R), 8→9 = 1 (R) → 1/8', () => {
    expect(outcomes.coverage).toBeCloseTo(1 / 8, 12);
  });
});

describe('reliable worsening', () => {
  // Baseline 10: day 1 = 15 → change +5 (≥ 4: deteriorated), +50%; day 3 = 13 → +3: none.
  const outcomes = computePatientOutcomes(
    aPatient({
      scores: [
        [-1, 10],
        [1, 15],
        [3, 13],
      ],
    }),
  );

  it('reports deterioration of 5 points (+50%)', () => {
    expect(outcomes.assessments[1]).toMatchObject({
      change: 5,
      percentChange: 50,
      response: false,
      reliable: 'deteriorated',
    });
    expect(outcomes.assessments[2]?.reliable).toBe('none');
  });
});

describe('no baseline', () => {
  // The only earlier score is 15 days before dose 1, outside the 14-day window.
  const input = aPatient({
    doses: [0, 7],
    scores: [
      [-15, 16],
      [1, 4],
      [8, 3],
    ],
  });
  const outcomes = computePatientOutcomes(input);

  it('has no baseline, and every outcome that needs one is null (never false); remission (≤ 4) needs none', () => {
    expect(outcomes.baseline).toBeNull();
    expect(outcomes.assessments.map((a) => [a.change, a.response, a.remission, a.reliable])).toEqual([
      [null, null, null, null],
      [null, null, true, null],
      [null, null, true, null],
    ]);
    expect(outcomes.onset).toBeNull();
    expect(outcomes.reliefEpisodes).toEqual([]);
    expect(outcomes.coverage).toBeNull();
    expect(outcomes.inResponseDays).toBeNull();
    expect(outcomes.tolerance.flag).toBeNull();
  });

  it('still reports what needs no baseline: doses and cost', () => {
    expect(outcomes.dosesPer30Days).toBe(30 / 7);
    expect(outcomes.costToDate).toBe(1000);
  });

  it('finds the baseline when the window is widened to 15 days (boundary included)', () => {
    const widened = computePatientOutcomes({ ...input, options: { baselineWindowDays: 15 } });
    expect(widened.baseline).toEqual({ at: at(-15), total: 16 });
    expect(widened.onset?.days).toBe(1);
  });

  it('accepts a baseline exactly at the first dose', () => {
    const same = computePatientOutcomes(
      aPatient({
        scores: [
          [0, 16],
          [1, 8],
        ],
      }),
    );
    expect(same.baseline).toEqual({ at: at(0), total: 16 });
    expect(same.onset?.days).toBe(1);
  });
});

describe('baseline 0', () => {
  const outcomes = computePatientOutcomes(
    aPatient({
      scores: [
        [-1, 0],
        [1, 0],
        [3, 5],
      ],
    }),
  );

  it('has no percent change and no response (false: baseline > 0 fails), but remission is defined', () => {
    expect(outcomes.assessments[1]).toMatchObject({
      change: 0,
      percentChange: null,
      response: false,
      remission: true,
      reliable: 'none',
    });
    // 5 − 0 = 5 ≥ 4 → deteriorated; 5 > 4 → not remission.
    expect(outcomes.assessments[2]).toMatchObject({
      change: 5,
      percentChange: null,
      response: false,
      remission: false,
      reliable: 'deteriorated',
    });
    expect(outcomes.onset).toBeNull();
  });
});

describe('incomplete assessments', () => {
  // The incomplete score on day −1 is closer to dose 1 but must not become the baseline; the incomplete
  // day-1 "response" (total 2) must not become onset.
  const outcomes = computePatientOutcomes(
    aPatient({
      scores: [
        [-3, 14],
        [2, 10],
        [4, 6],
      ],
      incomplete: [
        [-1, 20],
        [1, 2],
        [3, null],
      ],
    }),
  );

  it('never uses them for baseline, onset or episodes', () => {
    expect(outcomes.baseline).toEqual({ at: at(-3), total: 14 });
    expect(outcomes.onset?.days).toBe(4);
    expect(outcomes.reliefEpisodes).toEqual([{ dose: 1, days: 4, censored: true }]);
  });

  it('shows them, in time order, with empty outcome fields', () => {
    expect(outcomes.assessments.map((a) => a.at)).toEqual([at(-3), at(-1), at(1), at(2), at(3), at(4)]);
    expect(outcomes.assessments[2]).toEqual({
      at: at(1),
      total: 2,
      change: null,
      percentChange: null,
      response: null,
      remission: null,
      reliable: null,
    });
  });

  it('leaves them out of coverage: one interval 2→4 (not R) → coverage 0', () => {
    expect(outcomes.coverage).toBe(0);
  });
});

describe('cost', () => {
  it('uses the course default for a dose without a price: 200 + 300 = 500', () => {
    const outcomes = computePatientOutcomes(aPatient({ doses: [0, 7], prices: [null, 300], defaultPrice: 200 }));
    expect(outcomes.costToDate).toBe(500);
  });

  it('is unknown when a dose has no price and there is no default', () => {
    const outcomes = computePatientOutcomes(
      aPatient({
        doses: [0, 7],
        prices: [null, 300],
        scores: [
          [-1, 10],
          [1, 2],
          [2, 2],
        ],
      }),
    );
    expect(outcomes.costToDate).toBeNull();
    expect(outcomes.costPerReliefDay).toBeNull();
  });
});

describe('coverage with the 7-day cap', () => {
  // Baseline 16 → threshold 8. Day 1 (6, R) → day 11: 10 days, capped at 7, in response;
  // day 11 (12, not R) → day 12: 1 day. Coverage = 7 / 8; in-response days 7.
  const outcomes = computePatientOutcomes(
    aPatient({
      scores: [
        [-1, 16],
        [1, 6],
        [11, 12],
        [12, 7],
      ],
    }),
  );

  it('counts at most 7 days per interval', () => {
    expect(outcomes.coverage).toBe(7 / 8);
    expect(outcomes.inResponseDays).toBe(7);
  });

  it('honours a configured cap: 3 days → 3 / 4', () => {
    const capped = computePatientOutcomes({
      ...aPatient({
        scores: [
          [-1, 16],
          [1, 6],
          [11, 12],
          [12, 7],
        ],
      }),
      options: { coverageCapDays: 3 },
    });
    expect(capped.coverage).toBe(3 / 4);
  });

  it('has no coverage with a single assessment after t1 (no interval), but 0 in-response days', () => {
    const single = computePatientOutcomes(
      aPatient({
        scores: [
          [-1, 16],
          [1, 6],
        ],
      }),
    );
    expect(single.coverage).toBeNull();
    expect(single.inResponseDays).toBe(0);
  });
});

describe('dose frequency', () => {
  it('has no doses-per-30-days with a single dose, and 1 dose in the best window', () => {
    const outcomes = computePatientOutcomes(aPatient({ doses: [0] }));
    expect(outcomes.dosesPer30Days).toBeNull();
    expect(outcomes.maxDosesIn30Days).toBe(1);
  });

  it('uses half-open 30-day windows: doses at 0, 10, 20, 30 → at most 3 in [tk, tk + 30)', () => {
    const outcomes = computePatientOutcomes(aPatient({ doses: [30, 0, 20, 10] }));
    // (4 − 1) × 30 / 30 days = 3.
    expect(outcomes.dosesPer30Days).toBe(3);
    expect(outcomes.maxDosesIn30Days).toBe(3);
  });
});

describe('thresholds computed in floating point', () => {
  it('counts Y-BOCS 20 → 13 as a response at exactly 35% (20 × 0.65 = 13)', () => {
    const outcomes = computePatientOutcomes(
      aPatient({
        definition: { instrument: 'ybocs', responseFraction: 0.35, remissionMax: 12, reliableChange: null },
        scores: [
          [-1, 20],
          [1, 13],
        ],
      }),
    );
    expect(outcomes.assessments[1]).toMatchObject({ response: true, remission: false, reliable: null });
  });
});

describe('options', () => {
  it('refuses a negative baseline window, naming the option', () => {
    expect(() => computePatientOutcomes({ ...aPatient(), options: { baselineWindowDays: -1 } })).toThrow(
      'options.baselineWindowDays: -1 is not a number of days ≥ 0',
    );
  });
});
