import type { Random } from './random.js';

export interface ItemRange {
  min: number;
  max: number;
}

/**
 * Item answers that sum to `total`, each within its item's range: every item starts at its minimum,
 * then the remaining points go one at a time to random items that still have room. `fixed` pins some
 * items (by index) to a value first, e.g. PHQ-9 item 9. The total is clamped to what the items allow.
 */
export function distributeTotal(
  random: Random,
  items: readonly ItemRange[],
  total: number,
  fixed: ReadonlyMap<number, number> = new Map(),
): number[] {
  const answers = items.map((item, i) => fixed.get(i) ?? item.min);
  let room = 0;
  let sum = 0;
  items.forEach((item, i) => {
    sum += answers[i] ?? 0;
    if (!fixed.has(i)) room += item.max - (answers[i] ?? 0);
  });
  let remaining = Math.max(0, Math.min(Math.round(total) - sum, room));
  while (remaining > 0) {
    // Start at a random item and walk to the next one with room: O(items) at worst per point.
    let i = Math.floor(random.next() * items.length);
    for (;;) {
      const item = items[i];
      if (item !== undefined && !fixed.has(i) && (answers[i] ?? 0) < item.max) break;
      i = (i + 1) % items.length;
    }
    answers[i] = (answers[i] ?? 0) + 1;
    remaining--;
  }
  return answers;
}
