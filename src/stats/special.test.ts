import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tQuantile, tUpperTail } from './t-distribution.js';
import { wilsonProportion } from './wilson.js';
import { logGamma, regularizedIncompleteBeta } from './special.js';

describe('t quantile', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom to 1e-8', () => {
    // df = 1 is Cauchy: tan(π(p − ½)); df = 2: (2p − 1) / √(2p(1 − p)).
    expect(Math.abs(tQuantile(0.975, 1) - Math.tan(Math.PI * 0.475))).toBeLessThan(1e-8);
    expect(Math.abs(tQuantile(0.975, 2) - 0.95 / Math.sqrt(2 * 0.975 * 0.025))).toBeLessThan(1e-8);
    expect(Math.abs(tQuantile(0.9, 2) - 0.8 / Math.sqrt(2 * 0.9 * 0.1))).toBeLessThan(1e-8);
  });

  it('matches published table values (R qt) to 1e-8', () => {
    // qt(0.975, c(3, 10, 30)) in R: 3.182446305284263, 2.228138851986274, 2.042272456301238.
    expect(Math.abs(tQuantile(0.975, 3) - 3.182446305284263)).toBeLessThan(1e-8);
    expect(Math.abs(tQuantile(0.975, 10) - 2.228138851986274)).toBeLessThan(1e-8);
    expect(Math.abs(tQuantile(0.975, 30) - 2.042272456301238)).toBeLessThan(1e-8);
  });

  it('is symmetric and 0 at the median', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.025, 7)).toBe(-tQuantile(0.975, 7));
  });

  it('inverts the upper tail for any p and df', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.51, max: 0.9999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        expect(Math.abs(tUpperTail(tQuantile(p, df), df) - (1 - p))).toBeLessThan(1e-10);
      }),
    );
  });

  it('refuses p outside (0, 1)', () => {
    expect(() => tQuantile(1, 3)).toThrow('p: 1 is outside the open interval (0, 1)');
  });
});

describe('special functions', () => {
  it('log-gamma of integers is log-factorial: Γ(5) = 24', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it('I_x(1, 1) = x and I_x(a, 1) = x^a', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.6, 3, 1)).toBeCloseTo(0.216, 14);
  });
});

describe('Wilson interval', () => {
  it('3 of 5: 0.6 with 95% interval [0.2307, 0.8824] (as R prop.test(3, 5, correct = FALSE))', () => {
    // centre = (0.6 + z²/10) / (1 + z²/5) = 0.55656; half = z/(1 + z²/5) · √(0.24/5 + z²/100) = 0.32584.
    const p = wilsonProportion(3, 5);
    expect(p.proportion).toBe(0.6);
    expect(p.lower).toBeCloseTo(0.2307, 4);
    expect(p.upper).toBeCloseTo(0.8824, 4);
  });

  it('0 of 4 starts at 0; an empty denominator has no proportion', () => {
    expect(wilsonProportion(0, 4).lower).toBe(0);
    expect(wilsonProportion(0, 0)).toEqual({
      numerator: 0,
      denominator: 0,
      proportion: null,
      lower: null,
      upper: null,
    });
  });
});
