import { expect, it } from 'vitest';
import { plural } from './plural.js';

it('takes the singular for exactly one and the plural otherwise', () => {
  expect(plural(1, 'day')).toBe('1 day');
  expect(plural(2, 'day')).toBe('2 days');
  expect(plural(0, 'patient')).toBe('0 patients');
  expect(plural(1.5, 'day')).toBe('1.5 days');
  expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  expect(plural(3, 'entry', 'entries')).toBe('3 entries');
});
