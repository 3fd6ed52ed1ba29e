import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLoop } from './loop.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('background loop', () => {
  it('runs at once, then after each interval; a failed run is reported and the next still comes; stop ends it', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const errors: unknown[] = [];
    const loop = startLoop(
      async () => {
        runs += 1;
        if (runs === 2) throw new Error('second run fails');
      },
      1000,
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    expect(errors).toEqual([new Error('second run fails')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });
});
