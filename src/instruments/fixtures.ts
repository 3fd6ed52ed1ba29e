/** Fixture builders for the instrument tests: answer sets by value, by total, or by exception. */
import type { InstrumentDefinition } from './types.js';

/** Answers in item order with every item at `value`. */
export function allAt(def: InstrumentDefinition, value: number): number[] {
  return def.items.map(() => value);
}

/** Answers in item order summing to `total`: items are filled to their maximum from the first item on. */
export function answersTotalling(def: InstrumentDefinition, total: number): number[] {
  let left = total;
  return def.items.map((item) => {
    const value = Math.min(item.max, Math.max(item.min, left));
    left -= value;
    return value;
  });
}

/** A record by linkId: every item at `fill`, then the given items overridden (null = missing). */
export function answersWith(
  def: InstrumentDefinition,
  overrides: Readonly<Record<string, number | null>>,
  fill = 0,
): Record<string, number | null> {
  return { ...Object.fromEntries(def.items.map((item) => [item.linkId, fill])), ...overrides };
}
