import { expect, it } from 'vitest';
import { sampleOf } from './check-state.service.js';

const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];

it('a sample holds distinct ids of the list, as many as asked, or all of them when there are fewer', () => {
  for (let run = 0; run < 20; run++) {
    const picked = sampleOf(IDS, 4);
    expect(new Set(picked).size).toBe(4);
    for (const id of picked) expect(IDS).toContain(id);
  }
  expect(sampleOf(IDS, 50).sort()).toEqual(IDS);
  expect(sampleOf(IDS, 0)).toEqual([]);
});

it('the sample follows the random numbers it is given', () => {
  expect(sampleOf(IDS, 3, () => 0)).toEqual(['a', 'b', 'c']);
  expect(sampleOf(IDS, 2, () => 0.999)).toEqual(['f', 'a']);
});
