import { describe, expect, it } from 'vitest';
import { solveLinear } from './linear-solve.js';

describe('solveLinear', () => {
  it('solves a system that needs a row swap', () => {
    // x = (1, 2, 3): row 1 gives 0·1 + 2·2 + 1·3 = 7; row 2: 1 + 1·2 + 0 = 3; row 3: 2 + 0 + 3 = 5.
    const x = solveLinear(
      [
        [0, 2, 1],
        [1, 1, 0],
        [2, 0, 1],
      ],
      [7, 3, 5],
    );
    x.forEach((value, i) => expect(value).toBeCloseTo([1, 2, 3][i] ?? 0, 12));
  });

  it('refuses a singular matrix', () => {
    expect(() =>
      solveLinear(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow('matrix: is singular to working precision');
    expect(() => solveLinear([[0]], [1])).toThrow('singular');
  });
});
