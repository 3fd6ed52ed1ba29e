import { describe, expect, it } from 'vitest';
import { computePatientOutcomes } from './compute.js';
import { computeDisagreement } from './disagreement.js';
import { DAY_MS } from '../../shared/time.js';
import type { OutcomeDefinition, PatientOutcomeInput } from '../types.js';

// The edge cases that docs/outcomes.md "Edge cases (per patient)" states, one describe per rule.
// GAD-7 thresholds (docs/outcomes.md): response ≥ 50% drop, remission ≤ 4, reliable change 4 points.
const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const T1 = Date.UTC(2026, 2, 2, 9, 0, 0);
const at = (days: number): number => T1 + days * DAY_MS;

function patient(
  doses: number[],
  scores: [number, number][],
  definition: Partial<OutcomeDefinition> = {},
): PatientOutcomeInput {
  return {
    definition: { ...GAD7, ...definition },
    doses: doses.map((d) => ({ at: at(d), priceUsd: 500 })),
    assessments: scores.map(([d, total]) => ({ at: at(d), total, complete: true })),
    defaultPriceUsd: null,
  };
}

describe('an assessment exactly at a dose time', () => {
  // Baseline 16 → response ≤ 8. Doses at days 0 and 7. The 12 at day 7 is taken at dose 2's moment,
  // before it acts: it belongs to dose 1's window (0, 7] and ends dose 1's relief 7 days after dose 1.
  const outcomes = computePatientOutcomes(
    patient(
      [0, 7],
      [
        [-1, 16],
        [1, 6],
        [7, 12],
        [8, 6],
        [10, 6],
      ],
    ),
  );

  it("counts in the earlier dose's window: dose 1 relief lost at day 7 (7 days), dose 2 censored at day 10 (3 days)", () => {
    expect(outcomes.reliefEpisodes).toEqual([
      { dose: 1, days: 7, censored: false },
      { dose: 2, days: 3, censored: true },
    ]);
  });

  it('one exactly at t1 is the baseline, not an outcome', () => {
    const o = computePatientOutcomes(
      patient(
        [0],
        [
          [0, 16],
          [1, 8],
        ],
      ),
    );
    expect(o.baseline).toEqual({ at: at(0), total: 16 });
    expect(o.assessments.map((a) => a.response)).toEqual([null, true]);
  });
});

describe('what needs a baseline', () => {
  // The only earlier score is 15 days before dose 1 (window 14 days): no baseline.
  const outcomes = computePatientOutcomes(
    patient(
      [0, 10],
      [
        [-15, 16],
        [1, 4],
        [3, 4],
      ],
    ),
  );

  it('remission needs none: 4 and 4 are ≤ 4 (GAD-7 remission); the score before t1 is no outcome', () => {
    expect(outcomes.assessments.map((a) => a.remission)).toEqual([null, true, true]);
    expect(outcomes.assessments.map((a) => a.response)).toEqual([null, null, null]);
  });

  it('coverage, in-response days and cost per relief-day are none (null) without one', () => {
    expect(outcomes.coverage).toBeNull();
    expect(outcomes.inResponseDays).toBeNull();
    expect(outcomes.costPerReliefDay).toBeNull();
  });

  it('cost to date and the dose counts need none: 2 × $500, (2 − 1) × 30 / 10 = 3, 2 doses in 30 days', () => {
    expect(outcomes.costToDate).toBe(1000);
    expect(outcomes.dosesPer30Days).toBe(3);
    expect(outcomes.maxDosesIn30Days).toBe(2);
  });
});

describe('cost per relief-day with zero in-response days', () => {
  // Baseline 16 → response ≤ 8; 12 and 12 never respond: one 2-day interval (day 1 → 3), not in response.
  const outcomes = computePatientOutcomes(
    patient(
      [0],
      [
        [-1, 16],
        [1, 12],
        [3, 12],
      ],
    ),
  );

  it('is none (not $500 / 0), while coverage is 0 and in-response days 0', () => {
    expect(outcomes.inResponseDays).toBe(0);
    expect(outcomes.coverage).toBe(0);
    expect(outcomes.costToDate).toBe(500);
    expect(outcomes.costPerReliefDay).toBeNull();
  });
});

describe('tolerance signal: not computed versus not flagged', () => {
  // Every dose k (days 0, 7, 14, …): 6 on day +1 (response, depth (16 − 6)/16 = 62.5%), 12 on day +3
  // (relief lost): every episode lasts 3 days.
  const scoresFor = (doses: number[]): [number, number][] => [
    [-1, 16],
    ...doses.flatMap((d): [number, number][] => [
      [d + 1, 6],
      [d + 3, 12],
    ]),
  ];

  it('with 3 episodes every figure and the flag are null (not computed)', () => {
    const o = computePatientOutcomes(patient([0, 7, 14], scoresFor([0, 7, 14])));
    expect(o.reliefEpisodes).toHaveLength(3);
    expect(o.tolerance).toEqual({
      durationSlope: null,
      durationLower: null,
      durationUpper: null,
      depthSlope: null,
      depthLower: null,
      depthUpper: null,
      flag: null,
    });
  });

  it('with 4 equal episodes (3 days, 62.5%) the slopes are 0 with CI [0, 0] and the flag is false (not flagged)', () => {
    const o = computePatientOutcomes(patient([0, 7, 14, 21], scoresFor([0, 7, 14, 21])));
    expect(o.tolerance.flag).toBe(false);
    expect(o.tolerance.durationSlope).toBeCloseTo(0, 12);
    expect(o.tolerance.durationLower).toBeCloseTo(0, 12);
    expect(o.tolerance.durationUpper).toBeCloseTo(0, 12);
    expect(o.tolerance.depthSlope).toBeCloseTo(0, 12);
  });
});

describe('depth: sign, and doses without an episode', () => {
  // Baseline 20 → response ≤ 10. Doses at days 0, 7, 14, 21, 28. Best totals after doses 1, 2, 4, 5:
  // 4, 6, 8, 10 → depths (20 − t)/20 × 100 = 80, 70, 60, 50, each lost 3 days later (14). Dose 3's only
  // score is 14 (depth 30, no response): no episode, so no length and no depth point. Against episode
  // order x = 1…4 the depths fall by exactly 10 per episode (zero residuals, CI [−10, −10]).
  const outcomes = computePatientOutcomes(
    patient(
      [0, 7, 14, 21, 28],
      [
        [-1, 20],
        [1, 4],
        [3, 14],
        [8, 6],
        [10, 14],
        [15, 14],
        [22, 8],
        [24, 14],
        [29, 10],
        [31, 14],
      ],
    ),
  );

  it('has episodes after doses 1, 2, 4 and 5 only, each 3 days', () => {
    expect(outcomes.reliefEpisodes).toEqual([
      { dose: 1, days: 3, censored: false },
      { dose: 2, days: 3, censored: false },
      { dose: 4, days: 3, censored: false },
      { dose: 5, days: 3, censored: false },
    ]);
  });

  it('depth is positive = better: 80, 70, 60, 50 give slope −10 per episode, CI [−10, −10], flagged', () => {
    expect(outcomes.tolerance.depthSlope).toBeCloseTo(-10, 9);
    expect(outcomes.tolerance.depthLower).toBeCloseTo(-10, 9);
    expect(outcomes.tolerance.depthUpper).toBeCloseTo(-10, 9);
    expect(outcomes.tolerance.durationSlope).toBeCloseTo(0, 12);
    expect(outcomes.tolerance.flag).toBe(true);
  });
});

describe('instruments without a threshold', () => {
  it('without a reliable-change threshold or remission maximum those fields are null; response is unaffected', () => {
    const o = computePatientOutcomes(
      patient(
        [0],
        [
          [-1, 16],
          [1, 6],
        ],
        { remissionMax: null, reliableChange: null },
      ),
    );
    // 6 − 16 = −10 (−62.5%), 6 ≤ 8 → response.
    expect(o.assessments[1]).toMatchObject({
      change: -10,
      percentChange: -62.5,
      response: true,
      remission: null,
      reliable: null,
    });
    expect(o.onset?.days).toBe(1);
  });

  it('without a response fraction, response and everything built on it are null; change and remission stay', () => {
    const o = computePatientOutcomes(
      patient(
        [0, 7],
        [
          [-1, 16],
          [1, 4],
          [3, 6],
          [8, 4],
        ],
        { responseFraction: null },
      ),
    );
    expect(o.assessments[1]).toMatchObject({
      change: -12,
      percentChange: -75,
      response: null,
      remission: true,
      reliable: 'improved',
    });
    expect(o.onset).toBeNull();
    expect(o.reliefEpisodes).toEqual([]);
    expect(o.coverage).toBeNull();
    expect(o.inResponseDays).toBeNull();
    expect(o.costPerReliefDay).toBeNull();
    expect(o.tolerance.flag).toBeNull();
    expect(o.costToDate).toBe(1000);
  });
});

describe('instrument-disagreement window', () => {
  const PHQ9: OutcomeDefinition = { instrument: 'phq9', responseFraction: 0.5, remissionMax: 4, reliableChange: 6 };

  it('ends at the earlier last assessment, inclusive: a response exactly then counts', () => {
    // GAD-7 baseline 16, 8 at day 3 (response, exactly PHQ-9's last day); PHQ-9 baseline 18, 12 at day 3
    // (> 9). GAD-7's later scores do not widen the window.
    const gad = computePatientOutcomes(
      patient(
        [0],
        [
          [-1, 16],
          [1, 12],
          [3, 8],
          [9, 2],
        ],
      ),
    );
    const phq = computePatientOutcomes(
      patient(
        [0],
        [
          [-1, 18],
          [3, 12],
        ],
        PHQ9,
      ),
    );
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gad },
        { instrument: 'phq9', outcomes: phq },
      ]),
    ).toEqual([{ responder: 'gad7', nonResponder: 'phq9', from: at(0), to: at(3) }]);
  });

  it('leaves out a response after the window, and a pair with different first doses', () => {
    const gad = computePatientOutcomes(
      patient(
        [0],
        [
          [-1, 16],
          [1, 12],
          [5, 8],
        ],
      ),
    );
    const phq = computePatientOutcomes(
      patient(
        [0],
        [
          [-1, 18],
          [3, 12],
        ],
        PHQ9,
      ),
    );
    // GAD-7's response at day 5 is after PHQ-9's last (day 3): both non-responders → agreement, no entry.
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gad },
        { instrument: 'phq9', outcomes: phq },
      ]),
    ).toEqual([]);
    const gadResponds = computePatientOutcomes(
      patient(
        [0],
        [
          [-1, 16],
          [1, 4],
        ],
      ),
    );
    const phqLater = computePatientOutcomes(
      patient(
        [1],
        [
          [-1, 18],
          [3, 12],
        ],
        PHQ9,
      ),
    );
    expect(
      computeDisagreement([
        { instrument: 'gad7', outcomes: gadResponds },
        { instrument: 'phq9', outcomes: phqLater },
      ]),
    ).toEqual([]);
  });
});
