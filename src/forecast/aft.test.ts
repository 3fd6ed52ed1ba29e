import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contribution, errorDistribution, fitAft } from './aft.js';

interface Fixture {
  name: string;
  distribution: 'lognormal' | 'weibull';
  terms: string[];
  x: number[][];
  lower: number[];
  upper: (number | null)[];
  coefficients: number[];
  logScale: number;
  logLikelihood: number;
}

// Written by scripts/r/aft-fixtures.R: R's survreg on the same observations.
const dir = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);

describe('the fixed-effects fit agrees with survreg', () => {
  it('has the four committed fixtures (right-censored and interval-censored, both distributions)', () => {
    expect(fixtures.map((f) => `${f.name}-${f.distribution}`).sort()).toEqual([
      'lung-lognormal',
      'lung-weibull',
      'relief-lognormal',
      'relief-weibull',
    ]);
  });

  it.each(fixtures.map((f) => [`${f.name} ${f.distribution}`, f] as const))(
    '%s: coefficients and log(scale) to 1e-4',
    (_label, f) => {
      const fit = fitAft(f.distribution, { x: f.x, lower: f.lower, upper: f.upper });
      expect(fit.converged).toBe(true);
      fit.coefficients.forEach((b, j) => expect(Math.abs(b - (f.coefficients[j] ?? NaN))).toBeLessThan(1e-4));
      expect(Math.abs(fit.logScale - f.logScale)).toBeLessThan(1e-4);
      expect(Math.abs(fit.logLikelihood - f.logLikelihood)).toBeLessThan(1e-6);
    },
  );
});

describe('one observation', () => {
  // Hand-worked: log-normal, η = log 5, σ = 1. A right-censored episode at 5 days has z = 0, so its
  // log-likelihood is log P(Z > 0) = log 0.5; an exact end at 5 days gives log φ(0) − log 5.
  const normal = errorDistribution('lognormal');
  it('right-censored at the median contributes log ½', () => {
    expect(contribution(normal, Math.log(5), 0, 5, null).value).toBeCloseTo(Math.log(0.5), 12);
  });
  it('an exact end contributes the density on the day scale', () => {
    expect(contribution(normal, Math.log(5), 0, 5, 5).value).toBeCloseTo(
      -0.5 * Math.log(2 * Math.PI) - Math.log(5),
      12,
    );
  });
  it('an end between two check-ins contributes log(S(lower) − S(upper))', () => {
    // Weibull, η = 0, σ = 1: S(t) = exp(−t); lost between day 1 and day 2: log(e^−1 − e^−2).
    const c = contribution(errorDistribution('weibull'), 0, 0, 1, 2);
    expect(c.value).toBeCloseTo(Math.log(Math.exp(-1) - Math.exp(-2)), 12);
  });
  it('derivatives match finite differences', () => {
    for (const [dist, upper] of [
      ['lognormal', 7],
      ['weibull', 7],
      ['lognormal', null],
      ['weibull', null],
      ['lognormal', 3],
    ] as const) {
      const d = errorDistribution(dist);
      const f = (eta: number, s: number) => contribution(d, eta, s, 3, upper);
      const at = f(1.2, -0.3);
      const h = 1e-5;
      expect(at.dEta).toBeCloseTo((f(1.2 + h, -0.3).value - f(1.2 - h, -0.3).value) / (2 * h), 6);
      expect(at.dS).toBeCloseTo((f(1.2, -0.3 + h).value - f(1.2, -0.3 - h).value) / (2 * h), 6);
      expect(at.dEtaEta).toBeCloseTo((f(1.2 + h, -0.3).dEta - f(1.2 - h, -0.3).dEta) / (2 * h), 5);
      expect(at.dEtaS).toBeCloseTo((f(1.2, -0.3 + h).dEta - f(1.2, -0.3 - h).dEta) / (2 * h), 5);
      expect(at.dSS).toBeCloseTo((f(1.2, -0.3 + h).dS - f(1.2, -0.3 - h).dS) / (2 * h), 5);
    }
  });
});
