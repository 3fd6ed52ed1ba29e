import type { Schedule, ScheduleItem } from '../../../src/schedules/schedule.schema.js';
import { instrumentName } from './instruments.js';
import type { Instrument } from './types.js';

/** One schedule item in words, e.g. "After each dose, at 4, 24 and 72 hours: GAD-7". */
export function itemWords(item: ScheduleItem, instruments: readonly Instrument[]): string {
  const names = item.instruments.map((id) => instrumentName(instruments, id)).join(', ');
  switch (item.kind) {
    case 'baseline':
      return `Before the first dose (baseline): ${names}`;
    case 'pre-dose':
      return `Before each dose: ${names}`;
    case 'after-dose':
      return `After each dose, at ${item.offsetsHours.join(', ')} hours: ${names}`;
    case 'calendar':
      return `Every ${item.everyDays} days at ${item.atLocalTime}, from ${item.from === 'course-start' ? 'the course start' : 'the start of maintenance'}: ${names}`;
  }
}

/** What choosing `next` changes against `current`, item by item, in words. */
export function changeWords(
  current: Schedule | null,
  next: Schedule,
  instruments: readonly Instrument[],
): { added: string[]; removed: string[] } {
  const before = (current?.items ?? []).map((item) => itemWords(item, instruments));
  const after = next.items.map((item) => itemWords(item, instruments));
  return { added: after.filter((w) => !before.includes(w)), removed: before.filter((w) => !after.includes(w)) };
}
