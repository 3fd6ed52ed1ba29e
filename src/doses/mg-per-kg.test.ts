import { describe, expect, it } from 'vitest';
import { mgPerKg } from './mg-per-kg.js';

describe('mg/kg', () => {
  it('is the dose over the weight, to three decimals', () => {
    expect(mgPerKg(35, 70)).toBe(0.5);
    expect(mgPerKg(56, 81)).toBe(0.691);
  });

  it('is unknown, never Infinity, without a usable weight (rows stored before weights were bounded)', () => {
    expect(mgPerKg(56, null)).toBeNull();
    expect(mgPerKg(56, 0)).toBeNull();
    expect(mgPerKg(56, 5e-324)).toBeNull();
    expect(mgPerKg(1000, 1e-308)).toBeNull();
  });
});
