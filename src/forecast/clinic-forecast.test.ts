import { describe, expect, it } from 'vitest';
import { findReliefEpisodes } from '../outcomes/patient/relief-episodes.js';
import { buildCourse } from '../outcomes/patient/course.js';
import type { OutcomeDefinition } from '../outcomes/types.js';
import { fitClinicForecast } from './clinic-forecast.js';
import { reliefForecastFor } from './patient-forecast.js';
import { reliefObservations } from './episodes.js';
import { fittedModels, medianFiveDays, T0, treatedPatient } from './test-builders.js';
import type { ReliefModel } from './types.js';
import { DAY_MS } from '../shared/time.js';

const definition: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };

// Median 5 days for everyone, log-normal with σ = 1 and no random effect: hand-workable.
const model = medianFiveDays();
const clinic = (relief: ReliefModel | null) => fittedModels(definition, relief);
const patient = (doseDays: number[], scores: [number, number][]) => treatedPatient('p1', 20, doseDays, scores);

describe('episodes as the model reads them', () => {
  it('end between the last responding and the first non-responding check-in; censored at the last one', () => {
    // Dose 1 at day 0: responds at days 1 and 3, lost at day 7 → (3, 7]. Dose 2 at day 10: responds at 11 and 13 →
    // censored at 3.
    const p = patient(
      [0, 10],
      [
        [1, 8],
        [3, 9],
        [7, 15],
        [11, 6],
        [13, 7],
      ],
    );
    const obs = reliefObservations(definition, p);
    expect(obs.map((o) => [o.dose, o.lowerDays, o.upperDays])).toEqual([
      [1, 3, 7],
      [2, 3, null],
    ]);
    // The contract's own lengths (docs/outcomes.md): 7 days (event) and 3 days (censored).
    const course = buildCourse(
      definition,
      p.doses.map((d) => d.at),
      p.assessments.map((a) => a.at),
      p.assessments.map((a) => a.total ?? 0),
      14,
    );
    expect(findReliefEpisodes(course)).toEqual([
      { dose: 1, days: 7, censored: false },
      { dose: 2, days: 3, censored: true },
    ]);
  });
});

describe('the relief forecast after the latest dose', () => {
  it('while relief holds: the median, the 80% interval, the remaining time and the dates', () => {
    // Relief held at day 5 after the only dose → S(t | 5) = 2·S(t); remaining median 4.8152 days (R:
    // 5*exp(qnorm(.75)) − 5), P(still at 7 days) 0.73651, next session between dose + q(0.1 | 5) and dose + q(0.9 | 5).
    const { relief, noRelief } = reliefForecastFor(
      clinic(model),
      patient(
        [0],
        [
          [1, 8],
          [5, 8],
        ],
      ),
    );
    expect(noRelief).toBeNull();
    expect(relief?.basis).toBe('cohort');
    expect(relief?.basisText).toBe(
      "No earlier relief episodes of this patient yet: this is the clinic's prediction for GAD, IV (120 episodes, 40 patients).",
    );
    expect(relief?.medianDays).toBeCloseTo(5, 5);
    expect(relief?.lowerDays).toBeCloseTo(1.38803120926005, 5);
    expect(relief?.upperDays).toBeCloseTo(18.01112239639579, 4);
    expect(relief?.elapsedDays).toBe(5);
    expect(relief?.remainingMedianDays).toBeCloseTo(4.81515542079129, 4);
    expect(relief?.pStill7).toBeCloseTo(0.736514784326649, 6);
    // q(0.1 | held 5): S(t) = 0.45 → t = 5·e^(qnorm(0.55)); q(0.9 | 5): S(t) = 0.05 → 5·e^(qnorm(0.95)) (R: 5.66949,
    // 25.90126).
    expect(((relief?.nextSessionFrom ?? 0) - T0) / DAY_MS).toBeCloseTo(5.66949052548, 4);
    expect(((relief?.nextSessionTo ?? 0) - T0) / DAY_MS).toBeCloseTo(25.9012580112, 3);
  });

  it.each([
    ['no-dose', patient([], [[1, 8]])],
    [
      'awaiting-check-in',
      patient(
        [0, 10],
        [
          [1, 8],
          [3, 15],
        ],
      ),
    ],
    [
      'no-response',
      patient(
        [0],
        [
          [1, 18],
          [3, 19],
        ],
      ),
    ],
    [
      'relief-ended',
      patient(
        [0],
        [
          [1, 8],
          [3, 15],
        ],
      ),
    ],
  ] as const)('%s: no forecast, and why', (code, p) => {
    const { relief, noRelief } = reliefForecastFor(clinic(model), p);
    expect(relief).toBeNull();
    expect(noRelief?.code).toBe(code);
    expect(noRelief?.text.length).toBeGreaterThan(20);
  });

  it('no baseline before the first dose: response cannot be judged', () => {
    const p = { ...patient([0], [[1, 8]]), assessments: [{ at: T0 + DAY_MS, total: 8, complete: true }] };
    expect(reliefForecastFor(clinic(model), p).noRelief?.code).toBe('no-baseline');
  });

  it("the clinic's doses-to-onset are each patient's own (no response yet; response at dose 2)", () => {
    const none = patient([0], [[1, 18]]);
    const second = {
      ...patient(
        [0, 10],
        [
          [1, 18],
          [11, 8],
        ],
      ),
      patientId: 'p2',
    };
    expect(fitClinicForecast({ definition, patients: [none, second] }, T0).onsets).toEqual([
      { patientId: 'p1', dosesJudged: 1, onsetDose: null },
      { patientId: 'p2', dosesJudged: 2, onsetDose: 2 },
    ]);
  });

  it('a clinic too small to fit a model says so instead of a number', () => {
    expect(reliefForecastFor(clinic(null), patient([0], [[1, 8]])).noRelief?.code).toBe('no-model');
  });

  it('a patient with earlier episodes is forecast on their own basis', () => {
    const { relief } = reliefForecastFor(
      clinic({ ...model, frailtySd: 0.5 }),
      patient(
        [0, 10],
        [
          [1, 8],
          [3, 9],
          [7, 15],
          [11, 6],
        ],
      ),
    );
    expect(relief?.basis).toBe('patient');
    expect(relief?.patientEpisodes).toBe(1);
  });
});
