import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.js';

// Expected values: R 4.2.2, sprintf("%.17g", qnorm(p)); AS 241 reproduces them bit for bit.
const R_QNORM: [number, number][] = [
  [0.5, 0],
  [0.6, 0.25334710313579978],
  [0.9, 1.2815515655446008],
  [0.95, 1.6448536269514715],
  [0.975, 1.9599639845400536],
  [0.995, 2.5758293035488999],
  [0.9995, 3.2905267314919255],
  [0.01, -2.3263478740408408],
  [1e-10, -6.3613409024040557],
  [1e-300, -37.047096299361201],
  [0.075, -1.4395314709384557],
];

describe('normalQuantile', () => {
  it.each(R_QNORM)('qnorm(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBe(z);
  });

  it.each([0, 1, -0.1, Number.NaN])('refuses p = %d', (p) => {
    expect(() => normalQuantile(p)).toThrow('is outside the open interval (0, 1)');
  });
});
