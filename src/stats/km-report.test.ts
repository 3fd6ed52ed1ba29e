import { describe, expect, it } from 'vitest';
import { analyseSurvival, kmJson, kmText } from './km-report.js';
import type { SurvivalGroup } from './survival-csv.js';

/** A group from compact pairs: [time, 1 = event / 0 = censored]. */
function group(name: string, ...pairs: [number, 0 | 1][]): SurvivalGroup {
  return { name, observations: pairs.map(([time, event]) => ({ time, event: event === 1 })) };
}

const twoArms = [group('A', [1, 1], [3, 1]), group('B', [2, 1], [4, 0])];

describe('kmJson', () => {
  it('has the product shape, keys in order, logRank only when groups are compared', () => {
    const json = kmJson(analyseSurvival([group('all', [1, 1], [2, 0])], { confType: 'log', compare: false }));
    expect(Object.keys(json)).toEqual(['groups']);
    expect(Object.keys(json.groups[0] ?? {})).toEqual([
      'name',
      'n',
      'events',
      'median',
      'medianLower',
      'medianUpper',
      'table',
    ]);
    expect(Object.keys(json.groups[0]?.table[0] ?? {})).toEqual([
      'time',
      'nRisk',
      'nEvent',
      'nCensor',
      'survival',
      'stdErr',
      'lower',
      'upper',
    ]);
    // S = 1/2 at t = 1, then censored: the median is 1 (no later lower point), the upper bound 1.
    expect(json.groups[0]).toMatchObject({ name: 'all', n: 2, events: 1, median: 1, medianUpper: null });
  });

  it('writes an infinite std.err (S reached 0) as null and adds the log-rank test', () => {
    const json = kmJson(analyseSurvival(twoArms, { confType: 'log', compare: true }));
    // A: both had the event, so S(3) = 0 and R's std.err is Inf.
    expect(json.groups[0]?.table[1]).toMatchObject({ time: 3, survival: 0, stdErr: null, lower: null, upper: null });
    expect(Object.keys(json.logRank ?? {})).toEqual(['chiSquare', 'df', 'p']);
    expect(json.logRank?.chiSquare).toBeCloseTo(8 / 13, 12); // worked in log-rank.test.ts
  });
});

describe('kmText', () => {
  it('prints a table per group, the median line and the log-rank test', () => {
    const text = kmText(analyseSurvival(twoArms, { confType: 'log', compare: true }));
    expect(text).toContain('CI on the log scale');
    // A: S = 1/2 at 1, 0 at 3 → median (1 + 3)/2 = 2; lower curve 0.5·exp(−1.96·0.7071) = 0.125 at 1 → 1.
    expect(text).toContain('A: n = 2, events = 2, median 2 (95% CI 1 to not reached)');
    expect(text).toContain('         3        1       1         0    0.0000      Inf      NA      NA');
    expect(text).toContain("Log-rank test (as R's survdiff): chi-square = 0.615 on 1 df, p = 0.433");
    const logRankTable = [
      'group      n  observed  expected',
      'A          2         2      1.33',
      'B          2         1      1.67',
    ];
    expect(text).toContain(logRankTable.join('\n'));
    expect(text.endsWith('\n')).toBe(true);
  });

  it('omits the log-rank section when groups are not compared', () => {
    expect(kmText(analyseSurvival([group('all', [1, 1])], { confType: 'plain', compare: false }))).not.toContain(
      'Log-rank',
    );
  });
});
