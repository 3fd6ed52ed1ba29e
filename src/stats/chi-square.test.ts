import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail } from './chi-square.js';
import { logGamma } from './special.js';

// Expected values: R 4.2.2, sprintf("%.17g", pchisq(x, df, lower.tail = FALSE)).
const R_PCHISQ: [number, number, number][] = [
  [0.001, 1, 0.97477287936996038],
  [0.5, 1, 0.47950012218695348],
  [1, 1, 0.31731050786291415],
  [3.3963886989776002, 1, 0.06533932204050473],
  [10, 1, 0.0015654022580025519],
  [40, 1, 2.5396285894708649e-10],
  [100, 1, 1.5239706048321054e-23],
  [0.001, 2, 0.99950012497916929],
  [18.012096694698201, 2, 0.00012266563150106172],
  [250, 2, 5.166420632837861e-55],
  [3.3963886989776002, 3, 0.33445086102892396],
  [0.001, 5, 0.99999999831851227],
  [10, 5, 0.075235246146512197],
  [0.5, 10, 0.99999338828943896],
  [10, 10, 0.44049328506521246],
  [100, 10, 5.4497019829205302e-17],
];

describe('chiSquareUpperTail', () => {
  it.each(R_PCHISQ)('P(χ² ≥ %d on %d df) agrees with R to 1e-10 absolute and 1e-12 relative', (x, df, p) => {
    const actual = chiSquareUpperTail(x, df);
    expect(Math.abs(actual - p)).toBeLessThan(1e-10);
    expect(Math.abs(actual - p) / p).toBeLessThan(1e-12);
  });

  it('is 1 at 0 and falls towards 0', () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(1000, 1)).toBeLessThan(1e-200);
  });

  it('on 2 df is exp(−x/2) exactly (closed form)', () => {
    for (const x of [0.2, 1, 7, 30]) expect(chiSquareUpperTail(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
  });

  it.each([
    [1, 0, 'df: 0 is not a whole number ≥ 1'],
    [1, 1.5, 'df: 1.5 is not a whole number ≥ 1'],
    [-1, 1, 'chiSquare: -1 is not a finite number ≥ 0'],
    [Number.NaN, 1, 'chiSquare: NaN is not a finite number ≥ 0'],
  ])('refuses x = %d, df = %d', (x, df, message) => {
    expect(() => chiSquareUpperTail(x, df)).toThrow(message);
  });
});

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
  });
});
