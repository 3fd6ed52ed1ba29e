import { describe, expect, it } from 'vitest';
import { allAt, answersTotalling, answersWith } from '../fixtures.js';
import { scoreAnswers } from '../score.js';
import { pcl5 } from './pcl5.js';

// Endorsed (≥2) exactly the minimum of each DSM-5 cluster: 1 B, 1 C, 2 D, 2 E (Weathers 2013).
const MINIMAL_PROVISIONAL = { '1': 2, '6': 2, '8': 2, '9': 2, '15': 2, '16': 2 };

describe('PCL-5 scoring', () => {
  it('scores all-zero as 0 with every cluster 0 and no flags', () => {
    const result = scoreAnswers(pcl5, allAt(pcl5, 0));
    expect(result).toMatchObject({ total: 0, band: null, complete: true, flags: [] });
    expect(result.subscales).toEqual({ b: 0, c: 0, d: 0, e: 0 });
  });

  it('scores all-maximum as 80 (20 × 4); clusters B 20, C 8, D 28, E 24; both flags', () => {
    const result = scoreAnswers(pcl5, allAt(pcl5, 4));
    expect(result).toMatchObject({ total: 80, flags: ['provisional-ptsd', 'probable-ptsd'] });
    expect(result.subscales).toEqual({ b: 20, c: 8, d: 28, e: 24 });
  });

  it('sums each cluster from its own items', () => {
    // B = item 5 (3); C = item 7 (1); D = items 8 + 14 (2 + 4); E = item 20 (2): total 12.
    const result = scoreAnswers(pcl5, answersWith(pcl5, { '5': 3, '7': 1, '8': 2, '14': 4, '20': 2 }));
    expect(result.subscales).toEqual({ b: 3, c: 1, d: 6, e: 2 });
    expect(result.total).toBe(12);
  });

  it('makes a provisional diagnosis with exactly 1 B, 1 C, 2 D and 2 E endorsed (total 12, below 33)', () => {
    const result = scoreAnswers(pcl5, answersWith(pcl5, MINIMAL_PROVISIONAL));
    expect(result).toMatchObject({ total: 12, flags: ['provisional-ptsd'] });
  });

  it.each([
    ['B', { '1': 1 }],
    ['C', { '6': 1 }],
    ['D', { '9': 1 }],
    ['E', { '16': 1 }],
  ])('just fails the provisional rule when cluster %s is one endorsement short', (_cluster, lowered) => {
    const result = scoreAnswers(pcl5, answersWith(pcl5, { ...MINIMAL_PROVISIONAL, ...lowered }));
    expect(result.flags).toEqual([]);
  });

  it('does not count items rated 1 as endorsed (all items 1: total 20, no flags)', () => {
    expect(scoreAnswers(pcl5, allAt(pcl5, 1))).toMatchObject({ total: 20, flags: [] });
  });

  // Probable PTSD at ≥ 33 (Blevins 2015 cut-off range 31–33). answersTotalling puts 4 on items 1–8, so
  // D has one endorsed item (item 8) and the provisional rule fails: the two rules are independent.
  it.each([
    [32, []],
    [33, ['probable-ptsd']],
  ])('total %i raises flags %j', (total, flags) => {
    expect(scoreAnswers(pcl5, answersTotalling(pcl5, total)).flags).toEqual(flags);
  });

  it('leaves a form with a missing item unscored, with its cluster null and no screening flags', () => {
    const result = scoreAnswers(pcl5, answersWith(pcl5, { '7': null }, 2));
    expect(result).toMatchObject({ total: null, complete: false, flags: [] });
    expect(result.subscales).toEqual({ b: 10, c: null, d: 14, e: 12 });
  });
});
