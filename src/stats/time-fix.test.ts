import { describe, expect, it } from 'vitest';
import { mergeNearTimes } from './time-fix.js';

describe('mergeNearTimes (R aeqSurv)', () => {
  it('maps times within 1.5e-8 of a smaller time onto it', () => {
    // 0.1 + 0.2 = 0.30000000000000004 and 0.1 * 6 = 0.6000000000000001.
    expect(mergeNearTimes([0.1 + 0.2, 0.3, 0.6, 0.1 * 6, 1])).toEqual([0.3, 0.3, 0.6, 0.6, 1]);
  });

  it('uses a relative gap too: 1e6 and 1e6 + 0.001 are tied (0.001 / mean 1e6 ≤ 1.5e-8)', () => {
    expect(mergeNearTimes([1e6 + 0.001, 1e6])).toEqual([1e6, 1e6]);
  });

  it('leaves distinct times and a single time alone', () => {
    expect(mergeNearTimes([3, 1, 2])).toEqual([3, 1, 2]);
    expect(mergeNearTimes([5])).toEqual([5]);
  });
});
