import type { FieldProblem } from '../shared/errors.js';
import { isInstrumentId } from '../instruments/registry.js';
import { INSTRUMENT_IDS } from '../instruments/types.js';
import type { ScheduleItem } from './schedule.schema.js';

/**
 * The rules a schema cannot say: instruments exist, nothing is listed twice, and no two items ask for
 * the same measurement at the same moment. The last rule keeps every due item's key unique, so that
 * re-expanding a schedule never lists one measurement twice.
 */

/** What makes a measurement the same one: its kind, instrument and (after a dose) its offset. */
function slotOf(item: ScheduleItem, instrument: string, offset?: number): string {
  return offset === undefined ? `${item.kind}:${instrument}` : `${item.kind}:${instrument}:+${offset}h`;
}

function describeSlot(item: ScheduleItem, instrument: string, offset?: number): string {
  switch (item.kind) {
    case 'baseline':
      return `${instrument} is already a baseline measurement`;
    case 'pre-dose':
      return `${instrument} is already a pre-dose measurement`;
    case 'after-dose':
      return `${instrument} at +${offset ?? 0} h is already an after-dose measurement`;
    case 'calendar':
      // Two rhythms for one instrument would ask for it twice on days where they meet.
      return `${instrument} already has a calendar rhythm (one rhythm per instrument)`;
  }
}

function instrumentProblems(item: ScheduleItem, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  item.instruments.forEach((id, i) => {
    const field = `${path}.instruments[${i}]`;
    if (!isInstrumentId(id))
      problems.push({ field, reason: `"${id}" is not a known instrument; known: ${INSTRUMENT_IDS.join(', ')}` });
    else if (seen.has(id)) problems.push({ field, reason: `"${id}" is already listed in this item` });
    seen.add(id);
  });
  return problems;
}

function offsetProblems(offsets: readonly number[], path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  offsets.forEach((offset, i) => {
    if (offsets.indexOf(offset) < i)
      problems.push({
        field: `${path}.offsetsHours[${i}]`,
        reason: `+${offset} h is already listed; each offset once`,
      });
  });
  return problems;
}

/** Each measurement slot this item asks for, with the field to blame if another item asks for it too. */
function slotsOf(item: ScheduleItem, path: string): { slot: string; field: string; what: string }[] {
  const offsets: (number | undefined)[] = item.kind === 'after-dose' ? item.offsetsHours : [undefined];
  return item.instruments.flatMap((instrument, i) =>
    offsets.map((offset, j) => ({
      slot: slotOf(item, instrument, offset),
      field: offset === undefined ? `${path}.instruments[${i}]` : `${path}.offsetsHours[${j}]`,
      what: describeSlot(item, instrument, offset),
    })),
  );
}

/**
 * Problems with instrument ids, repeats within an item, and the same measurement asked for by two items;
 * `items` are the schedule's well-formed items with their positions in the schedule.
 */
export function ruleProblems(items: readonly { item: ScheduleItem; index: number }[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const owner = new Map<string, number>();
  for (const { item, index } of items) {
    const path = `items[${index}]`;
    const own = [
      ...instrumentProblems(item, path),
      ...(item.kind === 'after-dose' ? offsetProblems(item.offsetsHours, path) : []),
    ];
    problems.push(...own);
    if (own.length > 0) continue;
    for (const { slot, field, what } of slotsOf(item, path)) {
      const first = owner.get(slot);
      if (first === undefined) owner.set(slot, index);
      else problems.push({ field, reason: `${what} in items[${first}]` });
    }
  }
  return problems;
}
