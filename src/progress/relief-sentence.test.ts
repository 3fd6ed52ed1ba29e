import { expect, it } from 'vitest';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { OutcomeDefinition } from '../outcomes/types.js';
import type { ReliefModel } from '../forecast/types.js';
import { reliefSentence } from './relief-sentence.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 10);
const definition: OutcomeDefinition = { instrument: 'anxiety-vas', responseFraction: 0.5, remissionMax: null, reliableChange: null };

function patient(doseDays: number[], ratings: [number, number][]): CohortPatientInput {
  return {
    patientId: 'p1',
    conditions: ['gad'],
    doses: doseDays.map((d) => ({ at: T0 + d * DAY, priceUsd: null, route: 'iv', setting: 'clinic' })),
    assessments: [{ at: T0 - DAY, total: 80, complete: true }, ...ratings.map(([d, total]) => ({ at: T0 + d * DAY, total, complete: true }))],
    defaultPriceUsd: null,
    adverseEvents: [],
  };
}

// Median 5 days, log-normal with σ = 1, no random effect: the 25th and 75th percentiles are
// 5·e^(∓0.67449) = 2.547 and 9.815 days, i.e. "about 3 to 10 days".
const model: ReliefModel = {
  distribution: 'lognormal', terms: ['(Intercept)', 'dose'], coefficients: [Math.log(5), 0], logScale: 0, frailtySd: 0,
  levels: { condition: ['gad'], route: ['iv'] }, doseCentre: 1, n: { patients: 40, episodes: 120, events: 90, fitPatients: 40, fitEpisodes: 120 }, logLikelihood: 0, converged: true,
};

it('says how long relief has usually lasted for a patient with an earlier relief episode of their own', () => {
  const p = patient([0, 10], [[1, 20], [3, 75], [11, 20]]);
  expect(reliefSentence({ definition, relief: model }, p)).toBe('For you, relief after a session has usually lasted about 3 to 10 days.');
});

it('says nothing without an earlier episode of their own, or without a model', () => {
  expect(reliefSentence({ definition, relief: model }, patient([0], [[1, 20]]))).toBeNull();
  expect(reliefSentence({ definition, relief: model }, patient([0, 10], [[1, 70], [11, 20]]))).toBeNull();
  expect(reliefSentence({ definition, relief: null }, patient([0, 10], [[1, 20], [3, 75], [11, 20]]))).toBeNull();
});
