import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import { DAY_MS } from '../shared/time.js';
import type { AssessmentInput, OutcomeDefinition } from '../outcomes/types.js';
import { dosesToOnset, keepGoing } from './keep-going.js';
import type { DosesToOnset, KeepGoingRow } from './types.js';

// Every patient in this file is SYNTHETIC (made up for the test).

const GAD7: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
const T0 = Date.UTC(2026, 0, 5);

function patient(
  doseDays: number[],
  assessments: [day: number, total: number, complete?: boolean][],
): CohortPatientInput {
  return {
    patientId: 'synthetic-p',
    conditions: ['gad'],
    doses: doseDays.map((d) => ({ at: T0 + d * DAY_MS, priceUsd: null, route: 'iv', setting: 'clinic' })),
    assessments: assessments.map(
      ([day, total, complete]): AssessmentInput => ({
        at: T0 + day * DAY_MS,
        total,
        complete: complete ?? true,
      }),
    ),
    defaultPriceUsd: null,
    adverseEvents: [],
  };
}

function onset(id: string, dosesJudged: number, onsetDose: number | null): DosesToOnset {
  return { patientId: id, dosesJudged, onsetDose };
}

function many(count: number, dosesJudged: number, onsetDose: number | null, prefix: string): DosesToOnset[] {
  return Array.from({ length: count }, (_, i) => onset(`${prefix}-${i}`, dosesJudged, onsetDose));
}

function rowsOf(result: ReturnType<typeof keepGoing>): KeepGoingRow[] {
  if (result.status !== 'estimated') throw new Error(`expected an estimate, got ${result.status}`);
  return result.rows;
}

describe('dosesToOnset', () => {
  // Baseline 20 the day before dose 1; response = total ≤ 10 (r = 0.5). Doses on days 0, 7, 14.
  it('finds the first dose whose window holds a response and counts the doses judged up to it', () => {
    const p = patient(
      [0, 7, 14],
      [
        [-1, 20],
        [3, 15],
        [10, 9],
        [17, 8],
      ],
    );
    expect(dosesToOnset(GAD7, p)).toEqual({ patientId: 'synthetic-p', dosesJudged: 2, onsetDose: 2 });
  });

  it('counts a dose whose window is empty when a later window is judged, and ignores incomplete answers', () => {
    // Window 1: 15 (no response); window 2: only an incomplete 5; window 3: 12 (no response).
    const p = patient(
      [0, 7, 14],
      [
        [-1, 20],
        [3, 15],
        [9, 5, false],
        [16, 12],
      ],
    );
    expect(dosesToOnset(GAD7, p)).toEqual({ patientId: 'synthetic-p', dosesJudged: 3, onsetDose: null });
  });

  it('does not count doses after the last one whose window holds an assessment', () => {
    // Window 1: 15 (no response); nothing after dose 2 (day 7) or dose 3 (day 14).
    const p = patient(
      [0, 7, 14],
      [
        [-1, 20],
        [3, 15],
      ],
    );
    expect(dosesToOnset(GAD7, p)).toEqual({ patientId: 'synthetic-p', dosesJudged: 1, onsetDose: null });
  });

  it('judges nothing on an instrument without a response definition', () => {
    const p = patient(
      [0, 7],
      [
        [-1, 20],
        [3, 5],
      ],
    );
    const noResponse = { ...GAD7, responseFraction: null };
    expect(dosesToOnset(noResponse, p)).toEqual({ patientId: 'synthetic-p', dosesJudged: 0, onsetDose: null });
  });

  it('judges nothing without a baseline', () => {
    // The only pre-dose assessment is 20 days before dose 1, outside the 14-day window.
    const p = patient(
      [0, 7],
      [
        [-20, 20],
        [3, 5],
      ],
    );
    expect(dosesToOnset(GAD7, p)).toEqual({ patientId: 'synthetic-p', dosesJudged: 0, onsetDose: null });
  });
});

describe('keepGoing', () => {
  // k = 0. A responds at dose 1; B was judged at dose 1 only and stopped; C responds at dose 2; D was
  // judged through dose 3 without response. Dose 1: h = 1/4, p = 0.25. Dose 2: B is censored, so 2 at
  // risk (C, D), h = 1/2, p = 1 − (3/4)(1/2) = 0.625. Dose 3: 1 at risk (D), no event, p = 0.625.
  // Dose 4: no one at risk, no row. CI (log-log): S = 0.75, Σ d/(n(n−d)) = 1/12 → p in 0.03945–0.87205;
  // S = 0.375, Σ = 1/12 + 1/2 → 0.19200–0.98903 (worked by hand, and R survfit agrees).
  const small = [onset('A', 1, 1), onset('B', 1, null), onset('C', 2, 2), onset('D', 3, null)];

  it('censors a patient who stopped instead of counting a failure (k = 0)', () => {
    const result = keepGoing(small, 0, { minPatients: 4 });
    expect(result.status).toBe('estimated');
    expect(result.n).toBe(4);
    const rows = rowsOf(result);
    expect(rows.map((r) => [r.byDose, r.n])).toEqual([
      [1, 4],
      [2, 2],
      [3, 1],
    ]);
    expect(rows[0]?.p).toBeCloseTo(0.25, 12);
    expect(rows[1]?.p).toBeCloseTo(0.625, 12);
    expect(rows[2]?.p).toBeCloseTo(0.625, 12);
  });

  it('gives the Greenwood 95% CI on the log-log scale', () => {
    const rows = rowsOf(keepGoing(small, 0, { minPatients: 4 }));
    expect(rows[0]?.lower).toBeCloseTo(0.0394513577, 8);
    expect(rows[0]?.upper).toBeCloseTo(0.8720530824, 8);
    expect(rows[1]?.lower).toBeCloseTo(0.1919989275, 8);
    expect(rows[1]?.upper).toBeCloseTo(0.9890288784, 8);
  });

  it('finds a first response at dose k + 2, with no interval while p is 0', () => {
    // k = 2: 20 at risk (19 judged through dose 6 without response, 1 responding at dose 4); 3 who
    // responded by dose 2 and 2 judged only through dose 1 are not at risk. Dose 3: p = 0 (CI undefined).
    // Dose 4: p = 1/20. Doses 5, 6: 19 at risk, p stays 0.05. S = 0.95, Σ = 1/(20·19): p in 0.00720–0.30526.
    const onsets = [
      ...many(19, 6, null, 'late'),
      onset('k+2', 4, 4),
      ...many(3, 2, 2, 'early'),
      ...many(2, 1, null, 'stopped'),
    ];
    const result = keepGoing(onsets, 2);
    expect(result.n).toBe(20);
    const rows = rowsOf(result);
    expect(rows.map((r) => [r.byDose, r.n])).toEqual([
      [3, 20],
      [4, 20],
      [5, 19],
      [6, 19],
    ]);
    expect(rows[0]).toEqual({ byDose: 3, p: 0, lower: null, upper: null, n: 20 });
    expect(rows[1]?.p).toBeCloseTo(0.05, 12);
    expect(rows[1]?.lower).toBeCloseTo(0.0071977714, 8);
    expect(rows[1]?.upper).toBeCloseTo(0.3052568067, 8);
    expect(rows[3]?.p).toBeCloseTo(0.05, 12);
  });

  it('gives no number with fewer than 20 at risk after k', () => {
    // 19 judged through dose 3 without response; the one who responded at dose 3 is not at risk after 3.
    const onsets = [...many(19, 3, null, 'x'), onset('responded', 3, 3)];
    expect(keepGoing(onsets, 3)).toEqual({
      status: 'too-few',
      afterDoses: 3,
      n: 19,
      minPatients: 20,
      text:
        'Too few patients (n = 19) in this clinic have had 3 doses without response to estimate this; ' +
        'at least 20 are needed.',
    });
  });

  it('refuses an afterDoses that is not a whole number ≥ 0', () => {
    expect(() => keepGoing(small, -1)).toThrow(/afterDoses/);
    expect(() => keepGoing(small, 1.5)).toThrow(/afterDoses/);
  });

  it('agrees with R survfit(conf.type = "log-log") on the fixture of scripts/r/keep-going-fixtures.R', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const fixture = JSON.parse(readFileSync(join(here, 'keep-going.fixture.json'), 'utf8')) as {
      afterDoses: number;
      patients: DosesToOnset[];
      n: number;
      rows: KeepGoingRow[];
    };
    const result = keepGoing(fixture.patients, fixture.afterDoses);
    expect(result.n).toBe(fixture.n);
    const rows = rowsOf(result);
    expect(rows).toHaveLength(fixture.rows.length);
    fixture.rows.forEach((expected, i) => {
      const row = rows[i];
      expect(row?.byDose).toBe(expected.byDose);
      expect(row?.n).toBe(expected.n);
      expect(row?.p).toBeCloseTo(expected.p, 10);
      expect(row?.lower).toBeCloseTo(expected.lower ?? NaN, 10);
      expect(row?.upper).toBeCloseTo(expected.upper ?? NaN, 10);
    });
  });
});
