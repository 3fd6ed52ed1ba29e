/**
 * Skip logic on the patient's questionnaire (the C-SSRS screener asks questions 3–5 only after a yes
 * to question 2, and 6b only after a yes to 6). The server sends each item's conditions, taken from
 * the instrument's FHIR `enableWhen`; an item is asked when every condition holds.
 */
export interface AskedWhen {
  /** The item whose answer decides. */
  linkId: string;
  /** The answer value that asks this item. */
  value: number;
}

export interface SkippableItem {
  linkId: string;
  askedWhen?: AskedWhen[];
}

/** Whether item `index` is asked, given the answers so far (an unanswered condition does not hold). */
export function isAsked(items: readonly SkippableItem[], answers: readonly (number | null)[], index: number): boolean {
  const conditions = items[index]?.askedWhen ?? [];
  return conditions.every((condition) => {
    const at = items.findIndex((item) => item.linkId === condition.linkId);
    return at >= 0 && answers[at] === condition.value;
  });
}

/** The next asked item after `index`, or null when the questionnaire is done. */
export function nextAsked(
  items: readonly SkippableItem[],
  answers: readonly (number | null)[],
  index: number,
): number | null {
  for (let i = index + 1; i < items.length; i++) if (isAsked(items, answers, i)) return i;
  return null;
}

/** The indexes of the items asked, in order. */
export function askedIndexes(items: readonly SkippableItem[], answers: readonly (number | null)[]): number[] {
  return items.map((_, i) => i).filter((i) => isAsked(items, answers, i));
}

/** What is sent: the answer to every asked item, and null for an item the skip logic left out. */
export function answersToSend(items: readonly SkippableItem[], answers: readonly (number | null)[]): (number | null)[] {
  return items.map((_, i) => (isAsked(items, answers, i) ? (answers[i] ?? null) : null));
}
