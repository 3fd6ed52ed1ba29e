import { describe, expect, it } from 'vitest';
import { describeLinkIds } from './link-ids.js';
import { getInstrument } from './registry.js';

describe('describeLinkIds', () => {
  it.each([
    ['gad7', '1–7'],
    ['ybocs', '1–10'],
    ['lsas', '1f–24f, 1a–24a'],
    ['cssrs', '1–6, 6b'],
    ['craving', '1'],
  ])('%s → %s', (id, text) => {
    expect(describeLinkIds(getInstrument(id))).toBe(text);
  });
});
