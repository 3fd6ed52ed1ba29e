import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from './ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A clock that returns the given times in turn, then stays at the last one. */
function clockOf(times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)] ?? 0;
}

describe('time-ordered ids', () => {
  it('are version-7 UUIDs whose first 48 bits are the time in ms', () => {
    const id = timeOrderedIds(clockOf([Date.UTC(2026, 0, 5, 10)]))();
    expect(id).toMatch(UUID_V7);
    // 2026-01-05T10:00:00Z = 1,767,607,200,000 ms = 0x019b8d996900 (node: .toString(16)).
    expect(id.slice(0, 13)).toBe('019b8d99-6900');
  });

  it('sort in the order they were made, also within one millisecond and when the clock steps back', () => {
    const next = timeOrderedIds(clockOf([1000, 1000, 1000, 999, 1001, 1001]));
    const ids = Array.from({ length: 6 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(6);
  });

  it('count 0…4095 in one millisecond, then borrow the next millisecond', () => {
    const next = timeOrderedIds(() => 5000);
    const ids = Array.from({ length: 4098 }, next);
    // ids[0] has counter 0, ids[4095] counter 0xfff; ids[4096] moves to ms 5001 with counter 0.
    expect(ids[4095]?.slice(14, 18)).toBe('7fff');
    expect(ids[4096]?.slice(0, 13)).toBe('00000000-1389');
    expect(ids[4096]?.slice(14, 18)).toBe('7000');
    expect([...ids].sort()).toEqual(ids);
  });

  it('carry 64 random bits: ids of the same millisecond and counter differ', () => {
    const a = timeOrderedIds(() => 7)();
    const b = timeOrderedIds(() => 7)();
    expect(a.slice(0, 18)).toBe(b.slice(0, 18));
    expect(a).not.toBe(b);
  });
});
