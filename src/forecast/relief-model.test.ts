import { describe, expect, it } from 'vitest';
import { designFor, designRow } from './design.js';
import { SCALE_FLOOR } from './frailty.js';
import { fitReliefModel } from './relief-model.js';
import type { EpisodeObservation } from './types.js';

const episode = (patientId: string, dose: number, lowerDays: number, upperDays: number | null): EpisodeObservation => ({ patientId, dose, condition: 'gad', route: 'iv', lowerDays, upperDays });

describe('fitting the relief model on episodes that pin down no spread', () => {
  // Each of 12 patients has the same episode twice: ended in (2, 6] days for six of them, in (0.5, 2] for the
  // other six; ten more have one episode still holding at 1 day. Every episode fits inside its interval with
  // σ → 0, so without a floor the likelihood rises without end and the Newton system becomes singular.
  const episodes: EpisodeObservation[] = [];
  for (let i = 0; i < 12; i++) for (const dose of [1, 2]) episodes.push(i % 2 === 0 ? episode(`a${i}`, dose, 2, 6) : episode(`a${i}`, dose, 0.5, 2));
  for (let i = 0; i < 10; i++) episodes.push(episode(`b${i}`, 2, 1, null));

  it('fits, with σ held at the floor rather than failing', () => {
    const model = fitReliefModel(episodes, { distribution: 'lognormal', frailty: true });
    expect(model).not.toBeNull();
    expect(Math.exp(model?.logScale ?? NaN)).toBeGreaterThanOrEqual(SCALE_FLOOR - 1e-12);
    expect(model?.coefficients.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(model?.frailtySd)).toBe(true);
  });
});

describe('the design', () => {
  it('leaves the dose term out when every episode follows the same dose number (its column would be all zeros)', () => {
    const same = designFor([episode('p', 2, 1, 3), episode('q', 2, 2, 4)]);
    expect(same.terms).toEqual(['(Intercept)']);
    expect(designRow(same, { condition: 'gad', route: 'iv', dose: 5 })).toEqual([1]);
    const varying = designFor([episode('p', 1, 1, 3), episode('q', 3, 2, 4)]);
    expect(varying.terms).toEqual(['(Intercept)', 'dose']);
    // Centred on the mean dose number, (1 + 3) / 2 = 2.
    expect(designRow(varying, { condition: 'gad', route: 'iv', dose: 5 })).toEqual([1, 3]);
  });
});
