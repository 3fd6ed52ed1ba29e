import { describe, expect, it } from 'vitest';
import { Random } from '../synthetic/random.js';
import { marginalLikelihood, packData } from './frailty.js';
import { fitReliefModel, MIN_MODEL_EPISODES } from './relief-model.js';
import type { EpisodeObservation } from './types.js';

/**
 * Episodes from a known truth: log T = log 6 + b_patient + σ·ε, b ~ N(0, τ²), ε ~ N(0, 1); each episode
 * is seen by check-ins at 4 h and days 1, 2, 3, 7, 14 and cut off by the next dose at a uniform 5–20 days.
 */
function simulate(
  seed: number,
  patients: number,
  perPatient: number,
  tau: number,
  sigma: number,
): EpisodeObservation[] {
  const random = new Random(seed);
  const checkins = [4 / 24, 1, 2, 3, 7, 14];
  const out: EpisodeObservation[] = [];
  for (let i = 0; i < patients; i++) {
    const b = random.normal(0, tau);
    for (let k = 1; k <= perPatient; k++) {
      const truth = Math.exp(Math.log(6) + b + random.normal(0, sigma));
      const cut = random.uniform(5, 20);
      const seen = checkins.filter((c) => c < cut);
      const before = seen.filter((c) => c < truth);
      const after = seen.filter((c) => c >= truth);
      const base = { patientId: `p${i}`, dose: k, condition: 'gad', route: 'iv' };
      if (before.length === 0) continue; // no responding check-in: no episode
      out.push(
        after.length === 0
          ? { ...base, lowerDays: Math.max(...before), upperDays: null }
          : { ...base, lowerDays: Math.max(...before), upperDays: Math.min(...after) },
      );
    }
  }
  return out;
}

describe('the frailty fit recovers a known truth', () => {
  it('τ = 0.5, σ = 0.4 from 400 patients with 5 interval-censored episodes each', () => {
    const model = fitReliefModel(simulate(11, 400, 5, 0.5, 0.4), { distribution: 'lognormal', frailty: true });
    expect(model).not.toBeNull();
    expect(model?.converged).toBe(true);
    expect(model?.frailtySd).toBeGreaterThan(0.4);
    expect(model?.frailtySd).toBeLessThan(0.6);
    expect(Math.exp(model?.logScale ?? 0)).toBeGreaterThan(0.3);
    expect(Math.exp(model?.logScale ?? 0)).toBeLessThan(0.5);
    expect(Math.exp(model?.coefficients[0] ?? 0)).toBeGreaterThan(5);
    expect(Math.exp(model?.coefficients[0] ?? 0)).toBeLessThan(7.2);
  });

  it('patients who do not differ get a random effect of (almost) zero', () => {
    const model = fitReliefModel(simulate(12, 400, 5, 0, 0.5), { distribution: 'lognormal', frailty: true });
    expect(model?.frailtySd ?? 1).toBeLessThan(0.12);
  });

  it('the Weibull model fits too', () => {
    const model = fitReliefModel(simulate(13, 300, 4, 0.4, 0.4), { distribution: 'weibull', frailty: true });
    expect(model?.converged).toBe(true);
    expect(model?.frailtySd).toBeGreaterThan(0.2);
  });
});

describe('too little to fit', () => {
  const episodes = simulate(14, 400, 5, 0.5, 0.4);
  it(`fewer than ${MIN_MODEL_EPISODES} episodes → no model`, () => {
    expect(
      fitReliefModel(episodes.slice(0, MIN_MODEL_EPISODES - 1), { distribution: 'lognormal', frailty: true }),
    ).toBeNull();
  });
  it('no episode whose end was seen (all censored) → no model', () => {
    const censored = episodes.map((e) => ({ ...e, upperDays: null }));
    expect(fitReliefModel(censored, { distribution: 'lognormal', frailty: true })).toBeNull();
  });
});

describe("the marginal likelihood's derivatives", () => {
  // 40 patients, 4 episodes each; design (1, dose − 2.5); nodes held where they are at θ.
  const episodes = simulate(21, 40, 4, 0.5, 0.4);
  const ids = [...new Set(episodes.map((e) => e.patientId))];
  const packed = packData({
    x: episodes.map((e) => [1, e.dose - 2.5]),
    lower: episodes.map((e) => e.lowerDays),
    upper: episodes.map((e) => e.upperDays),
    group: episodes.map((e) => ids.indexOf(e.patientId)),
    groups: ids.length,
  });
  const theta = [1.7, 0.05, Math.log(0.45), Math.log(0.5)];
  for (const distribution of ['lognormal', 'weibull'] as const) {
    it(`${distribution}: gradient and −Hessian equal central differences of the value`, () => {
      const at = marginalLikelihood(packed, distribution, theta, new Float64Array(ids.length), 'information');
      const nodes = { modes: at.modes, spreads: at.spreads };
      const value = (shift: number[]): number =>
        marginalLikelihood(
          packed,
          distribution,
          theta.map((v, j) => v + (shift[j] ?? 0)),
          at.modes,
          'value',
          nodes,
        ).value;
      const unit = (j: number, h: number): number[] => theta.map((_, k) => (k === j ? h : 0));
      const add = (a: number[], b: number[], sign: number): number[] => a.map((v, k) => v + sign * (b[k] ?? 0));
      const h = 1e-4;
      for (let j = 0; j < theta.length; j++) {
        const numericGradient = (value(unit(j, h)) - value(unit(j, -h))) / (2 * h);
        expect(at.gradient[j]).toBeCloseTo(numericGradient, 4);
        for (let k = 0; k < theta.length; k++) {
          const ej = unit(j, h);
          const ek = unit(k, h);
          const second =
            (value(add(ej, ek, 1)) -
              value(add(ej, ek, -1)) -
              value(add(ek, ej, -1)) +
              value(add(ej, ek, 1).map((v) => -v))) /
            (4 * h * h);
          const information = at.information[j]?.[k] ?? NaN;
          expect(Math.abs(information + second)).toBeLessThan(1e-3 * (1 + Math.abs(second)));
        }
      }
    });
  }
});
