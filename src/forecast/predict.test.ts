import { describe, expect, it } from 'vitest';
import { predictEpisode } from './predict.js';
import { medianFiveDays } from './test-builders.js';
import type { EpisodeObservation } from './types.js';

/** A model with only an intercept: median relief 5 days for everyone, before the patient's own effect. */
const model = medianFiveDays;

const next = { condition: 'gad', route: 'iv', dose: 1 };
const episode = (lowerDays: number, upperDays: number | null): EpisodeObservation => ({
  patientId: 'p',
  dose: 1,
  condition: 'gad',
  route: 'iv',
  lowerDays,
  upperDays,
});

describe('predictEpisode', () => {
  it('a patient without episodes gets the clinic prediction and says so (basis cohort)', () => {
    // log T ~ N(log 5, 1): median 5, 10th and 90th percentiles 5·e^(∓1.28155) (R: 5*exp(qnorm(c(.1,.9)))).
    const p = predictEpisode(model({}), [], next);
    expect(p.basis).toBe('cohort');
    expect(p.patientEpisodes).toBe(0);
    expect(p.quantile(0.5)).toBeCloseTo(5, 6);
    expect(p.quantile(0.1)).toBeCloseTo(1.38803120926005, 6);
    expect(p.quantile(0.9)).toBeCloseTo(18.01112239639579, 5);
  });

  it('conditional on relief having held 5 days: the remaining time and P(still at 7 days)', () => {
    // S(t | 5) = S(t)/S(5) = 2·S(t): the median is where S(t) = ¼, t = 5·e^(qnorm(.75)) → 4.8152 days more;
    // P(still at day 7) = 2·P(Z > log(7/5)) = 0.73651 (R).
    const p = predictEpisode(model({}), [], next, 5);
    expect(p.quantile(0.5) - 5).toBeCloseTo(4.81515542079129, 5);
    expect(p.survival(7)).toBeCloseTo(0.736514784326649, 8);
    expect(p.survival(4)).toBe(1);
  });

  it("moves a patient's prediction by their own episodes: two exact 10-day episodes (normal-normal, worked by hand)", () => {
    // σ = τ = 0.5. Residuals log(10/5) = log 2 each. Posterior of b: precision 2/σ² + 1/τ² = 12, mean
    // (2·log 2/σ²)/12 = (2/3)·log 2, variance 1/12. Predictive log T ~ N(log 5 + (2/3) log 2, σ² + 1/12):
    // median 5·2^(2/3) = 7.93701, 80% interval median·e^(∓1.281552·√(1/3)).
    const m = model({ logScale: Math.log(0.5), frailtySd: 0.5 });
    const p = predictEpisode(m, [episode(10, 10), episode(10, 10)], next);
    expect(p.basis).toBe('patient');
    const median = 5 * 2 ** (2 / 3);
    expect(p.quantile(0.5)).toBeCloseTo(median, 4);
    expect(p.quantile(0.9)).toBeCloseTo(median * Math.exp(1.2815515655446004 * Math.sqrt(1 / 3)), 3);
    expect(p.quantile(0.1)).toBeCloseTo(median * Math.exp(-1.2815515655446004 * Math.sqrt(1 / 3)), 4);
  });

  it('an episode still holding at 10 days (censored) moves the prediction up, by less than an end at 10 days', () => {
    // Expected from R: integrate() of the prior N(0, 0.5²) times P(T > 10 | b), then the root of S(t) = ½.
    const m = model({ logScale: Math.log(0.5), frailtySd: 0.5 });
    const p = predictEpisode(m, [episode(10, null)], next);
    expect(p.quantile(0.5)).toBeCloseTo(8.50732427487937, 4);
    expect(p.survival(7)).toBeCloseTo(0.621291547606522, 6);
  });

  it('without a random effect (τ = 0) the patient’s own episodes change nothing', () => {
    const p = predictEpisode(model({}), [episode(30, 30), episode(30, null)], next);
    expect(p.quantile(0.5)).toBeCloseTo(5, 6);
  });
});
