import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distributeTotal } from './answers.js';
import { Random, patientSeed } from './random.js';

describe('distributeTotal', () => {
  it('spreads any reachable total over the items, each within its range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ min: fc.integer({ min: 0, max: 2 }), span: fc.integer({ min: 0, max: 4 }) }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.integer(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (specs, seed, fraction) => {
          const items = specs.map((s) => ({ min: s.min, max: s.min + s.span }));
          const low = items.reduce((sum, i) => sum + i.min, 0);
          const high = items.reduce((sum, i) => sum + i.max, 0);
          const total = Math.round(low + fraction * (high - low));
          const answers = distributeTotal(new Random(seed), items, total);
          expect(answers.reduce((sum, v) => sum + v, 0)).toBe(total);
          answers.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(items[i]?.min ?? 0);
            expect(v).toBeLessThanOrEqual(items[i]?.max ?? 0);
          });
        },
      ),
    );
  });

  it('keeps pinned items: PHQ-9 total 10 with item 9 at 1 → items 1–8 sum to 9', () => {
    const items = Array.from({ length: 9 }, () => ({ min: 0, max: 3 }));
    const answers = distributeTotal(new Random(1), items, 10, new Map([[8, 1]]));
    expect(answers[8]).toBe(1);
    expect(answers.slice(0, 8).reduce((s, v) => s + v, 0)).toBe(9);
  });

  it('clamps a total above the maximum: GAD-7 total 30 → all 3s (21)', () => {
    expect(
      distributeTotal(
        new Random(2),
        Array.from({ length: 7 }, () => ({ min: 0, max: 3 })),
        30,
      ),
    ).toEqual([3, 3, 3, 3, 3, 3, 3]);
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed', () => {
    const a = new Random(99);
    const b = new Random(99);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const random = new Random(patientSeed(1, 2));
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('gives different patients different streams', () => {
    expect(patientSeed(1, 0)).not.toBe(patientSeed(1, 1));
    expect(patientSeed(1, 0)).not.toBe(patientSeed(2, 0));
  });
});
