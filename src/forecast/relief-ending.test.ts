import { describe, expect, it } from 'vitest';
import type { OutcomeDefinition } from '../outcomes/types.js';
import { fitClinicForecast } from './clinic-forecast.js';
import { reliefEndings } from './relief-ending.js';
import { fittedModels, medianFiveDays, T0, treatedPatient } from './test-builders.js';
import type { ReliefModel } from './types.js';
import { DAY_MS } from '../shared/time.js';

const definition: OutcomeDefinition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };

// Median 5 days for everyone, log-normal with σ = 1 and no random effect: S(t) = 1 − Φ(ln(t/5)), so the
// conditional quantile given relief held h days is q(p | h) = 5·exp(Φ⁻¹(1 − (1 − p)·S(h))).
const model = medianFiveDays();
const clinic = (relief: ReliefModel | null) => fittedModels(definition, relief);
const patient = (patientId: string, doseDays: number[], scores: [number, number][]) =>
  treatedPatient(patientId, 20, doseDays, scores);

const cohort = [
  patient(
    'holding',
    [0],
    [
      [1, 8],
      [5, 8],
    ],
  ), // relief held at day 5 after the only dose
  patient(
    'lost',
    [0],
    [
      [1, 8],
      [3, 15],
    ],
  ), // relief ended by day 3
  patient('no-response', [0], [[1, 15]]),
  patient(
    'no-check-in',
    [0, 10],
    [
      [1, 8],
      [3, 9],
    ],
  ), // nothing since dose 2
  patient(
    'second',
    [0, 10],
    [
      [1, 8],
      [3, 15],
      [11, 6],
      [13, 7],
    ],
  ), // dose 2 held 3 days, one earlier episode
];

describe('relief likely ending', () => {
  it('lists exactly the patients in holding relief, with the conditional median end and its 80% window', () => {
    const endings = reliefEndings(clinic(model), cohort);
    expect(endings.map((e) => e.patientId)).toEqual(['holding', 'second']);
    const [holding, second] = endings;
    // Held 5 days: q(0.5 | 5) = 9.815155, q(0.1 | 5) = 5.669491, q(0.9 | 5) = 25.901258 (Python statistics.NormalDist).
    expect(holding?.dose).toBe(1);
    expect(holding?.doseAt).toBe(T0);
    expect(((holding?.medianEndAt ?? 0) - T0) / DAY_MS).toBeCloseTo(9.815155420791285, 4);
    expect(((holding?.nextSessionFrom ?? 0) - T0) / DAY_MS).toBeCloseTo(5.669490525476382, 4);
    expect(((holding?.nextSessionTo ?? 0) - T0) / DAY_MS).toBeCloseTo(25.90125801116505, 3);
    expect(holding?.basis).toBe('cohort');
    // Dose 2 at day 10, held 3 days: q(0.5 | 3) = 7.397634, q(0.1 | 3) = 3.628626, q(0.9 | 3) = 21.949972.
    expect(second?.dose).toBe(2);
    expect(second?.doseAt).toBe(T0 + 10 * DAY_MS);
    expect(((second?.medianEndAt ?? 0) - T0 - 10 * DAY_MS) / DAY_MS).toBeCloseTo(7.397633885883135, 4);
    expect(((second?.nextSessionFrom ?? 0) - T0 - 10 * DAY_MS) / DAY_MS).toBeCloseTo(3.628626331227727, 4);
    expect(((second?.nextSessionTo ?? 0) - T0 - 10 * DAY_MS) / DAY_MS).toBeCloseTo(21.949972195628323, 3);
    expect(second?.basis).toBe('patient');
  });

  it('lists no one without a model, and is part of the clinic fit', () => {
    expect(reliefEndings(clinic(null), cohort)).toEqual([]);
    // Too few episodes for a model: the fit carries an empty list.
    expect(fitClinicForecast({ definition, patients: cohort }, T0).reliefEndings).toEqual([]);
  });
});
