import { expect, it } from 'vitest';
import type { OutcomeDefinition } from '../outcomes/types.js';
import { medianFiveDays, treatedPatient } from '../forecast/test-builders.js';
import { reliefSentence } from './relief-sentence.js';

const definition: OutcomeDefinition = {
  instrument: 'anxiety-vas',
  responseFraction: 0.5,
  remissionMax: null,
  reliableChange: null,
};

// Median 5 days, log-normal with σ = 1, no random effect: the 25th and 75th percentiles are
// 5·e^(∓0.67449) = 2.547 and 9.815 days, i.e. "about 3 to 10 days".
const model = medianFiveDays();
const patient = (doseDays: number[], ratings: [number, number][]) => treatedPatient('p1', 80, doseDays, ratings);

it('says how long relief has usually lasted for a patient with an earlier relief episode of their own', () => {
  const p = patient(
    [0, 10],
    [
      [1, 20],
      [3, 75],
      [11, 20],
    ],
  );
  expect(reliefSentence({ definition, relief: model }, p)).toBe(
    'For you, relief after a session has usually lasted about 3 to 10 days.',
  );
});

it('says nothing without an earlier episode of their own, or without a model', () => {
  expect(reliefSentence({ definition, relief: model }, patient([0], [[1, 20]]))).toBeNull();
  expect(
    reliefSentence(
      { definition, relief: model },
      patient(
        [0, 10],
        [
          [1, 70],
          [11, 20],
        ],
      ),
    ),
  ).toBeNull();
  expect(
    reliefSentence(
      { definition, relief: null },
      patient(
        [0, 10],
        [
          [1, 20],
          [3, 75],
          [11, 20],
        ],
      ),
    ),
  ).toBeNull();
});
