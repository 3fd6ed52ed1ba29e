import { describe, expect, it } from 'vitest';
import { computeCohortReport } from './compute.js';
import { DAY_MS } from '../../shared/time.js';
import type { OutcomeDefinition } from '../types.js';
import type { CohortFilter, CohortPatientInput } from './types.js';

const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const JAN_5 = Date.UTC(2026, 0, 5, 10);
const day = (d: number, start = JAN_5): number => start + d * DAY_MS;

interface Spec {
  conditions?: string[];
  doses?: number[];
  price?: number | null;
  defaultPrice?: number | null;
  scores?: [number, number][];
  route?: string;
  setting?: string;
  events?: [number, string][];
  start?: number;
}

function aPatient(patientId: string, spec: Spec = {}): CohortPatientInput {
  const start = spec.start ?? JAN_5;
  return {
    patientId,
    conditions: spec.conditions ?? ['gad'],
    doses: (spec.doses ?? [0]).map((d) => ({
      at: day(d, start),
      priceUsd: spec.price === undefined ? 500 : spec.price,
      route: spec.route ?? 'iv',
      setting: spec.setting ?? 'clinic',
    })),
    assessments: (spec.scores ?? []).map(([d, total]) => ({ at: day(d, start), total, complete: true })),
    defaultPriceUsd: spec.defaultPrice ?? null,
    adverseEvents: (spec.events ?? []).map(([d, category]) => ({ at: day(d, start), category })),
  };
}

// The hand-worked cohort. Response threshold = baseline × 0.5; remission ≤ 4.
const COHORT: CohortPatientInput[] = [
  // A: baseline 16 (≤ 8 responds). Dose 1 window: day 1 = 6 (R), day 5 = 12 (relief lost → episode 5 days).
  // Dose 2: day 8 = 4 (R and remission). Dose 3: day 15 = 10 (neither). 3 × $500.
  aPatient('A', {
    conditions: ['gad', 'sad'],
    doses: [0, 7, 14],
    scores: [
      [-1, 16],
      [1, 6],
      [5, 12],
      [8, 4],
      [15, 10],
    ],
    events: [[1, 'nausea']],
  }),
  // B: baseline 12 (≤ 6). Dose 1: day 1 = 9 (no). Dose 2: day 8 = 5 (R), day 10 = 3 (R, remission) →
  // episode censored at 10 − 7 = 3 days. Prices missing, default $200 → $400.
  aPatient('B', {
    doses: [0, 7],
    price: null,
    defaultPrice: 200,
    scores: [
      [-2, 12],
      [1, 9],
      [8, 5],
      [10, 3],
    ],
  }),
  // C: baseline 18 (≤ 9) never reached. Nothing assessed after dose 2. 3 × $800.
  aPatient('C', {
    conditions: ['sad'],
    doses: [0, 7, 14],
    price: 800,
    scores: [
      [-1, 18],
      [1, 15],
      [3, 14],
      [15, 12],
    ],
    events: [
      [2, 'worsening-anxiety'],
      [8, 'nausea'],
    ],
  }),
  // D: the only early score is 20 days before dose 1 → no baseline: never a responder, but day 8 = 4 is
  // remission (≤ 4 needs no baseline). 2 × $500.
  aPatient('D', {
    doses: [0, 7],
    scores: [
      [-20, 15],
      [1, 5],
      [8, 4],
    ],
  }),
  // E: one dose then dropped out. Baseline 14 (≤ 7): day 1 = 7 (R), day 3 = 8 (lost → 3 days). $500.
  aPatient('E', {
    conditions: ['panic'],
    route: 'sublingual',
    setting: 'home-supervised',
    scores: [
      [-1, 14],
      [1, 7],
      [3, 8],
    ],
  }),
  // F: first dose in December, before the period → not in the cohort; its event must not count.
  aPatient('F', {
    start: Date.UTC(2025, 11, 20),
    scores: [
      [-1, 20],
      [1, 2],
    ],
    events: [[1, 'urinary']],
  }),
  // G: enrolled, never dosed → not in the cohort.
  { ...aPatient('G'), doses: [] },
];

const FILTER = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) };

describe('cohort report on a hand-worked cohort', () => {
  const report = computeCohortReport({ definition: GAD7, patients: COHORT, filter: FILTER, maxDose: 3 });
  const rows = report.responseByDose.rows;

  it('takes A–E (doses in January; F dosed only in December, G never) and counts D as without baseline', () => {
    expect(report.n).toBe(5);
    expect(report.withoutBaseline).toBe(1);
  });

  it('ITT response after doses 1, 2, 3: 2/5 (A, E), 2/5 (A, B), 0/5', () => {
    expect(rows.map((r) => [r.itt.response.numerator, r.itt.response.denominator])).toEqual([
      [2, 5],
      [2, 5],
      [0, 5],
    ]);
    expect(rows[0]?.itt.response.n).toBe(5);
    expect(rows[0]?.itt.response.definition).toBe('ittResponse');
  });

  it('ITT remission: 0/5, 3/5 (A = 4, B = 3, D = 4 without a baseline), 0/5', () => {
    expect(rows.map((r) => [r.itt.remission.numerator, r.itt.remission.denominator])).toEqual([
      [0, 5],
      [3, 5],
      [0, 5],
    ]);
  });

  it('per protocol: dose 1 all 5 assessed; dose 2 A, B, D (C had no score); dose 3 A, C', () => {
    expect(rows.map((r) => [r.perProtocol.response.numerator, r.perProtocol.response.denominator])).toEqual([
      [2, 5],
      [2, 3],
      [0, 2],
    ]);
    expect(rows.map((r) => [r.perProtocol.remission.numerator, r.perProtocol.remission.denominator])).toEqual([
      [0, 5],
      [3, 3],
      [0, 2],
    ]);
    expect(rows[1]?.perProtocol.response.n).toBe(3);
  });

  it('gives 2/5 the Wilson interval [0.1176, 0.7693] (R prop.test(2, 5, correct = FALSE))', () => {
    // centre = (0.4 + z²/10) / (1 + z²/5) = 0.44345; half = z/(1 + z²/5) · √(0.24/5 + z²/100) = 0.32584.
    expect(rows[0]?.itt.response.proportion).toBe(0.4);
    expect(rows[0]?.itt.response.lower).toBeCloseTo(0.1176, 4);
    expect(rows[0]?.itt.response.upper).toBeCloseTo(0.7693, 4);
  });

  it('onset curve: A day 1, E day 1, B day 8 (events), C censored at day 15; D left out', () => {
    // KM: t = 1: 2 of 4 → S = 0.5; t = 8: 1 of 2 → S = 0.25; t = 15 censored → 0.25.
    const curve = report.onset.overall;
    expect(report.onset.n).toBe(4);
    expect(curve?.table.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor, r.survival])).toEqual([
      [1, 4, 2, 0, 0.5],
      [8, 2, 1, 0, 0.25],
      [15, 1, 0, 1, 0.25],
    ]);
    expect(report.onset.excluded).toEqual([{ reason: 'no baseline (response cannot be defined)', count: 1 }]);
  });

  it('onset by condition: A counts in both gad and sad', () => {
    // gad: A (1), B (8) [D left out]; panic: E (1); sad: A (1), C (15, censored).
    expect(report.onset.byCondition.map((g) => [g.condition, g.n, g.curve.events])).toEqual([
      ['gad', 2, 2],
      ['panic', 1, 1],
      ['sad', 2, 1],
    ]);
    expect(report.onset.logRank?.groups.map((g) => g.name)).toEqual(['gad', 'panic', 'sad']);
    expect(report.onset.note).toContain('counts in each');
  });

  it('relief curve: first episodes A 5 days (lost), B 3 (censored), E 3 (lost); C and D have none', () => {
    // KM: t = 3: 1 event of 3 at risk, 1 censored → S = 2/3; t = 5: 1 of 1 → S = 0.
    const curve = report.relief.overall;
    expect(curve?.table.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [3, 3, 1, 1],
      [5, 1, 1, 0],
    ]);
    expect(curve?.table[0]?.survival).toBeCloseTo(2 / 3, 12);
    expect(curve?.table[1]?.survival).toBe(0);
    expect(report.relief.excluded[0]?.count).toBe(2);
  });

  it('adverse events per 100 doses: 11 doses; nausea 2 → 18.18, worsening anxiety 1 → 9.09', () => {
    expect(report.adverseEvents.n).toBe(11);
    expect(report.adverseEvents.events).toBe(3);
    expect(report.adverseEvents.byCategory).toEqual([
      { category: 'nausea', count: 2, per100Doses: (2 / 11) * 100 },
      { category: 'worsening-anxiety', count: 1, per100Doses: (1 / 11) * 100 },
    ]);
  });

  it('cost per responder: ($1,500 + $400 + $2,400 + $1,000 + $500) / 3 responders (A, B, E) = $1,933.33', () => {
    expect(report.costPerResponder).toMatchObject({
      totalCostUsd: 5800,
      responders: 3,
      patientsWithUnknownCost: 0,
      n: 5,
    });
    expect(report.costPerResponder.valueUsd).toBeCloseTo(5800 / 3, 9);
  });

  it('has no booster rate: nobody was followed beyond 30 days', () => {
    expect(report.boosterRate).toMatchObject({ n: 0, median: null, excludedShortFollowUp: 5 });
  });
});

describe('cohort filter', () => {
  it('keeps patients with the condition: sad → A, C', () => {
    expect(computeCohortReport({ definition: GAD7, patients: COHORT, filter: { ...FILTER, condition: 'sad' } }).n).toBe(
      2,
    );
  });

  it('filters on a dose with the route and setting', () => {
    expect(computeCohortReport({ definition: GAD7, patients: COHORT, filter: { route: 'sublingual' } }).n).toBe(1);
    expect(computeCohortReport({ definition: GAD7, patients: COHORT, filter: { setting: 'clinic' } }).n).toBe(5);
  });

  it('uses a half-open period: a dose exactly at `to` is out, exactly at `from` is in', () => {
    // A–E have their first dose at JAN_5 itself; F's only dose (20 December) is the one before JAN_5.
    expect(computeCohortReport({ definition: GAD7, patients: COHORT, filter: { from: JAN_5, to: JAN_5 + 1 } }).n).toBe(
      5,
    );
    expect(computeCohortReport({ definition: GAD7, patients: COHORT, filter: { to: JAN_5 } }).n).toBe(1);
  });
});

describe('cohort membership is "at least one dose in the period" (docs/outcomes.md), not "first dose in it"', () => {
  // Started in December (dose 1 on 20 Dec), dosed again on 9 January: in the January cohort.
  const started = aPatient('started-before', { start: Date.UTC(2025, 11, 20, 10), doses: [0, 20] });
  // Dose 1 IV in the clinic on 5 Jan, dose 2 sublingual at home alone on 12 Jan, dose 3 IV on 5 Feb.
  const mixed: CohortPatientInput = {
    ...aPatient('mixed'),
    doses: [
      { at: day(0), priceUsd: 500, route: 'iv', setting: 'clinic' },
      { at: day(7), priceUsd: 100, route: 'sublingual', setting: 'home-alone' },
      { at: day(31), priceUsd: 500, route: 'iv', setting: 'clinic' },
    ],
  };
  const members = (filter: CohortFilter): number =>
    computeCohortReport({ definition: GAD7, patients: [started, mixed], filter }).n;

  it('keeps a patient whose first dose came before the period but a later one fell in it', () => {
    expect(members(FILTER)).toBe(2);
    // December alone: only the patient who started then.
    expect(members({ from: Date.UTC(2025, 11, 1), to: Date.UTC(2026, 0, 1) })).toBe(1);
  });

  it('counts every dose of a member, including those outside the period', () => {
    // 2 + 3 doses, although only 1 + 2 of them lie in January.
    expect(
      computeCohortReport({ definition: GAD7, patients: [started, mixed], filter: FILTER }).adverseEvents.doses,
    ).toBe(5);
  });

  it('matches route and setting on any dose, not only the first', () => {
    expect(members({ route: 'sublingual' })).toBe(1);
    expect(members({ setting: 'home-alone' })).toBe(1);
  });

  it('needs one dose that meets period, route and setting together', () => {
    // The only sublingual dose is on 12 January: outside February; IV was never given at home.
    expect(members({ route: 'sublingual', from: Date.UTC(2026, 1, 1) })).toBe(0);
    expect(members({ route: 'iv', setting: 'home-alone' })).toBe(0);
    expect(members({ route: 'iv', from: Date.UTC(2026, 1, 1) })).toBe(1);
  });
});

describe('cohort filter checks', () => {
  it('refuses an empty period', () => {
    expect(() =>
      computeCohortReport({ definition: GAD7, patients: COHORT, filter: { from: JAN_5, to: JAN_5 } }),
    ).toThrow('filter.to: must be later than filter.from');
  });

  it('reports doses 1 to 8 by default', () => {
    expect(computeCohortReport({ definition: GAD7, patients: COHORT }).responseByDose.rows.map((r) => r.dose)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });
});

describe('booster rate and unknown cost', () => {
  it('rates doses after day 30: 2 doses in days 30–60 → 2; 1 dose in days 30–50 → 1.5; ≤ 30 days left out', () => {
    const report = computeCohortReport({
      definition: GAD7,
      patients: [
        aPatient('long', {
          doses: [0, 7, 14, 21, 35, 50],
          scores: [
            [-1, 15],
            [60, 10],
          ],
        }),
        aPatient('mid', {
          doses: [0, 40],
          scores: [
            [-1, 15],
            [50, 10],
          ],
        }),
        aPatient('short', {
          doses: [0, 10],
          scores: [
            [-1, 15],
            [25, 10],
          ],
        }),
      ],
    });
    expect(report.boosterRate.n).toBe(2);
    expect(report.boosterRate.median).toBe(1.75);
    expect(report.boosterRate.excludedShortFollowUp).toBe(1);
    expect(report.boosterRate.bins.filter((b) => b.count > 0)).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 1 },
    ]);
  });

  it('has no cost per responder when a patient has an unpriced dose and no default', () => {
    const report = computeCohortReport({
      definition: GAD7,
      patients: [
        aPatient('x', {
          scores: [
            [-1, 16],
            [1, 4],
          ],
        }),
        aPatient('y', {
          price: null,
          scores: [
            [-1, 16],
            [1, 4],
          ],
        }),
      ],
    });
    expect(report.costPerResponder).toMatchObject({
      valueUsd: null,
      totalCostUsd: null,
      responders: 2,
      patientsWithUnknownCost: 1,
    });
  });

  it('reports an empty cohort without curves rather than failing', () => {
    const report = computeCohortReport({ definition: GAD7, patients: [] });
    expect(report.n).toBe(0);
    expect(report.onset.overall).toBeNull();
    expect(report.responseByDose.rows[0]?.itt.response.proportion).toBeNull();
  });
});
