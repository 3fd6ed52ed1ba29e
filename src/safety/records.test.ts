import { describe, expect, it } from 'vitest';
import { inTimeOrder } from './records.js';

describe('inTimeOrder', () => {
  const at = (id: string, time: string) => ({ id, time });

  it('orders by instant, not by the text of the time', () => {
    const items = [
      at('a', '2026-01-01T09:00:00Z'),
      at('b', '2026-01-01T10:00:00+02:00'),
      at('c', '2026-01-01T08:30:00.000Z'),
    ];
    // 10:00+02:00 is 08:00Z: earliest of the three.
    expect(inTimeOrder(items, (i) => i.time).map((i) => i.id)).toEqual(['b', 'c', 'a']);
  });

  it('breaks ties by id, whatever the input order', () => {
    const same = '2026-01-01T09:00:00Z';
    const items = [
      at('z', same),
      at('m', '2026-01-01T09:00:00.000Z'),
      at('a', same),
      at('early', '2025-12-31T23:59:59Z'),
    ];
    expect(inTimeOrder(items, (i) => i.time).map((i) => i.id)).toEqual(['early', 'a', 'm', 'z']);
    expect(inTimeOrder([...items].reverse(), (i) => i.time).map((i) => i.id)).toEqual(['early', 'a', 'm', 'z']);
  });

  it('returns a new list and leaves the input as it was', () => {
    const items = [at('b', '2026-01-02T00:00:00Z'), at('a', '2026-01-01T00:00:00Z')];
    const sorted = inTimeOrder(items, (i) => i.time);
    expect(sorted).not.toBe(items);
    expect(items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(sorted[0]).toBe(items[1]);
  });
});
