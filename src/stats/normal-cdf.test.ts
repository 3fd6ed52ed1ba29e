import { describe, expect, it } from 'vitest';
import { erfc, logNormalUpperTail, normalHazard, normalUpperTail } from './normal-cdf.js';

// Reference values: R, `pnorm(z, lower.tail = FALSE)`, `pnorm(z, lower.tail = FALSE, log.p = TRUE)`,
// and `2 * pnorm(-x * sqrt(2))` for erfc, printed with 17 significant digits.
describe('normal tails', () => {
  it.each([
    [0, 0.5],
    [1, 0.15865525393145705],
    [-1.5, 0.93319279873114191],
    [3, 0.0013498980316300946],
    [3.6, 0.0001591085901575338],
    [8, 6.2209605742717849e-16],
  ])('P(Z > %d) = %d as R computes it', (z, expected) => {
    expect(normalUpperTail(z) / expected - 1).toBeCloseTo(0, 12);
  });

  it('keeps the log of a far tail finite', () => {
    expect(logNormalUpperTail(40)).toBeCloseTo(-804.6084420137538, 9);
    expect(logNormalUpperTail(-40)).toBe(0);
  });

  it('erfc where the approximation changes interval (0.46875 and 4) and elsewhere', () => {
    expect(erfc(2.4999) / 0.00040716990033345116 - 1).toBeCloseTo(0, 11);
    expect(erfc(2.5) / 0.00040695201744495865 - 1).toBeCloseTo(0, 11);
    expect(erfc(4) / 1.541725790028002e-8 - 1).toBeCloseTo(0, 11);
    expect(erfc(-0.5)).toBeCloseTo(1.5204998778130465, 14);
    for (const edge of [0.46875, 4]) expect(erfc(edge - 1e-12) / erfc(edge + 1e-12) - 1).toBeCloseTo(0, 10);
  });

  it('hazard φ(z)/P(Z > z) is continuous where the method changes and tends to z', () => {
    for (const edge of [0.46875, 4]) {
      const below = normalHazard(edge * Math.SQRT2 - 1e-9);
      const above = normalHazard(edge * Math.SQRT2 + 1e-9);
      expect(above / below - 1).toBeCloseTo(0, 8);
    }
    expect(normalHazard(30) / 30).toBeCloseTo(1.0011, 4);
  });
});
