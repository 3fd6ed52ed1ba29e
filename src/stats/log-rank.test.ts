import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurvivalObservation } from './kaplan-meier.js';
import { logRank } from './log-rank.js';

/** A group from compact pairs: [time, 1 = event / 0 = censored]. */
function group(name: string, ...pairs: [number, 0 | 1][]): { name: string; observations: SurvivalObservation[] } {
  return { name, observations: pairs.map(([time, event]) => ({ time, event: event === 1 })) };
}

describe('logRank, worked by hand (checked with R survdiff)', () => {
  it('two groups, no ties', () => {
    // A: events at 1, 3; B: event at 2, censored at 4.
    // t=1: N=4, r=(2,2): E += (1/2, 1/2), V_AA += 1·3/(4·3) · 2·(1 − 2/4) = 1/4
    // t=2: N=3, r=(1,2): E += (1/3, 2/3), V_AA += 1·2/(3·2) · 1·(1 − 1/3) = 2/9
    // t=3: N=2, r=(1,1): E += (1/2, 1/2), V_AA += 1·1/(2·1) · 1·(1 − 1/2) = 1/4
    // E = (4/3, 5/3), V = 13/18; chi² = (1 − 5/3)² / (13/18) = 8/13; R: p = 0.432767580667785.
    const result = logRank([group('A', [1, 1], [3, 1]), group('B', [2, 1], [4, 0])]);
    expect(result.chiSquare).toBeCloseTo(8 / 13, 12);
    expect(result.df).toBe(1);
    expect(result.p).toBeCloseTo(0.432767580667785, 12);
    expect(result.groups.map((g) => [g.name, g.n, g.observed])).toEqual([
      ['A', 2, 2],
      ['B', 2, 1],
    ]);
    expect(result.groups[0]?.expected).toBeCloseTo(4 / 3, 12);
    expect(result.groups[1]?.expected).toBeCloseTo(5 / 3, 12);
  });

  it('uses the hypergeometric variance for tied events', () => {
    // t=1: three events among N=4, r=(2,2): E_A = 3·2/4 = 1.5, V = 3·1/(4·3) · 2·(1 − 1/2) = 1/4.
    // t=2: one at risk: E_B += 1, no variance. chi² = (2 − 1.5)² / (1/4) = 1; p = P(χ²₁ ≥ 1) = 0.317310507862914.
    const result = logRank([group('A', [1, 1], [1, 1]), group('B', [1, 1], [2, 1])]);
    expect(result.chiSquare).toBeCloseTo(1, 12);
    expect(result.p).toBeCloseTo(0.317310507862914, 12);
    expect(result.groups.map((g) => g.expected)).toEqual([1.5, 2.5]);
  });

  it('three groups use the full 2×2 variance matrix (R: chisq 0.560153676144051, p 0.755725670721214)', () => {
    const result = logRank([group('A', [1, 1], [4, 0]), group('B', [2, 1], [5, 1]), group('C', [3, 1], [6, 0])]);
    expect(result.df).toBe(2);
    expect(result.chiSquare).toBeCloseTo(0.560153676144051, 12);
    expect(result.p).toBeCloseTo(0.755725670721214, 12);
  });

  it('leaves out groups with nothing expected (df counts groups with expected > 0, as R)', () => {
    // C is censored before any event: E_C = 0, so only A and B are compared, on 1 df.
    const result = logRank([group('A', [1, 1], [3, 1]), group('B', [2, 1], [4, 0]), group('C', [0.5, 0])]);
    expect(result.df).toBe(1);
    expect(result.chiSquare).toBeCloseTo(8 / 13, 12);
    expect(result.groups[2]).toEqual({ name: 'C', n: 1, observed: 0, expected: 0 });
  });

  it('gives chi² 0 on 0 df, p = 1, when only one group has anything expected (as R)', () => {
    expect(logRank([group('A', [1, 1]), group('B', [0.5, 0])])).toMatchObject({ chiSquare: 0, df: 0, p: 1 });
  });

  it.each([
    [[group('A', [1, 1])], 'groups: the log-rank test needs at least 2 groups with observations'],
    [[group('A', [1, 1]), group('B')], 'groups: the log-rank test needs at least 2 groups with observations'],
    [
      [group('A', [1, 0]), group('B', [2, 0])],
      'groups: there are no events in any group, so there is nothing to compare',
    ],
    [[group('A', [1, 1]), group('A', [2, 1])], 'groups[1].name: "A" is used by another group'],
    [[group('A', [-1, 1]), group('B', [2, 1])], 'groups[0].observations[0].time: -1 is not a finite number ≥ 0'],
    // Everyone has the event at one time: V = 0 (R: "system is exactly singular").
    [[group('A', [1, 1]), group('B', [1, 1])], 'groups: the log-rank variance matrix is singular'],
  ])('refuses bad input (%#)', (groups, message) => {
    expect(() => logRank(groups)).toThrow(message);
  });
});

describe('logRank properties', () => {
  const observation = fc.record({ time: fc.integer({ min: 0, max: 10 }), event: fc.boolean() });
  const groups = fc.array(fc.array(observation, { minLength: 1, maxLength: 20 }), { minLength: 2, maxLength: 4 });

  it('observed and expected totals agree, p is in [0, 1], and group order does not change chi²', () => {
    fc.assert(
      fc.property(groups, (samples) => {
        const named = samples.map((observations, i) => ({ name: `g${i}`, observations }));
        if (!named.some((g) => g.observations.some((o) => o.event))) return;
        let result;
        try {
          result = logRank(named);
        } catch (error) {
          // A singular variance matrix (a group whose events all fall where one subject is left) is refused.
          expect(String(error)).toContain('singular');
          return;
        }
        const totalObserved = result.groups.reduce((s, g) => s + g.observed, 0);
        const totalExpected = result.groups.reduce((s, g) => s + g.expected, 0);
        expect(totalExpected).toBeCloseTo(totalObserved, 9);
        expect(result.p).toBeGreaterThanOrEqual(0);
        expect(result.p).toBeLessThanOrEqual(1);
        expect(logRank([...named].reverse()).chiSquare).toBeCloseTo(result.chiSquare, 8);
      }),
    );
  });
});
