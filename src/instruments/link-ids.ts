/** Human descriptions of an instrument's item linkIds, for error messages. */
import type { InstrumentDefinition } from './types.js';

/** Compresses linkIds into runs: "1–10", "1f–24f, 1a–24a", "1–6, 6b". */
export function describeLinkIds(def: Pick<InstrumentDefinition, 'items'>): string {
  const runs: { first: string; last: string; number: number; suffix: string }[] = [];
  for (const { linkId } of def.items) {
    const match = /^(\d+)([a-z]*)$/.exec(linkId);
    const number = match ? Number(match[1]) : Number.NaN;
    const suffix = match?.[2] ?? '';
    const run = runs.at(-1);
    if (run && run.suffix === suffix && run.number + 1 === number) {
      run.last = linkId;
      run.number = number;
    } else {
      runs.push({ first: linkId, last: linkId, number, suffix });
    }
  }
  return runs.map((run) => (run.first === run.last ? run.first : `${run.first}–${run.last}`)).join(', ');
}

/** "items 1–10" style phrase naming the instrument's linkIds. */
export function itemsPhrase(def: Pick<InstrumentDefinition, 'items'>): string {
  return `items ${describeLinkIds(def)}`;
}
