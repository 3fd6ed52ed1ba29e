import { ordinalValueOf } from '../../../src/instruments/fhir.js';
import type { InstrumentDefinition } from '../../../src/instruments/types.js';
import type { AskedWhen } from '../patient/skip-logic.js';

/** One item as the form asks it: its words (or "Item 3"), its options, and when the skip logic asks it. */
export interface RatingItem {
  linkId: string;
  text: string;
  options: { value: number; label: string }[];
  askedWhen: AskedWhen[];
}

/** The items of a built-in instrument, its skip logic read from the Questionnaire's enableWhen. */
export function ratingItems(def: InstrumentDefinition): RatingItem[] {
  const q = def.questionnaire;
  return q.item.map((item) => ({
    linkId: item.linkId,
    text: item.text,
    options: item.answerOption.map((o) => ({ value: ordinalValueOf(o) ?? 0, label: o.valueCoding.display })),
    askedWhen: (item.enableWhen ?? []).flatMap((condition) => {
      const decides = q.item.find((other) => other.linkId === condition.question);
      const option = decides?.answerOption.find((o) => o.valueCoding.code === condition.answerCoding.code);
      const value = option === undefined ? undefined : ordinalValueOf(option);
      return value === undefined ? [] : [{ linkId: condition.question, value }];
    }),
  }));
}
