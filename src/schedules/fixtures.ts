/** Fixture builders for the schedule tests: courses, dose sequences, completions and compact summaries. */
import type { DueItem } from './expand.js';
import type { DoseTime, ExpandInput } from './expand-input.js';
import type { Schedule } from './schedule.schema.js';
import type { Completion } from './status.js';
import { HOUR_MS } from '../shared/time.js';

/** `iso` moved by `hours` (negative moves back), as a UTC ISO string with milliseconds. */
export function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();
}

/** Doses d1, d2, … given at these UTC times. */
export function dosesAt(...times: string[]): DoseTime[] {
  return times.map((at, i) => ({ id: `d${i + 1}`, at }));
}

/** A course in New York with no doses, open, expanded until well after it started; override any part. */
export function aCourse(schedule: Schedule, overrides: Partial<Omit<ExpandInput, 'schedule'>> = {}): ExpandInput {
  return {
    schedule,
    courseStartedAt: '2026-01-05T15:00:00.000Z',
    courseEndedAt: null,
    doses: [],
    timeZone: 'America/New_York',
    until: '2026-04-30T00:00:00.000Z',
    ...overrides,
  };
}

/** A schedule with these items and a plain name. */
export function aSchedule(...items: Schedule['items']): Schedule {
  return { name: 'test schedule', items };
}

/** Each item as "key @ dueAt" with the due time to the minute, e.g. "baseline:gad7 @ 2026-01-05T15:00". */
export function summary(items: readonly DueItem[]): string[] {
  return items.map((item) => `${item.key} @ ${item.dueAt.slice(0, 16)}`);
}

/** The item with this key; throws so that a test fails loudly when it is missing. */
export function itemWithKey(items: readonly DueItem[], key: string): DueItem {
  const item = items.find((i) => i.key === key);
  if (item === undefined) throw new Error(`no due item ${key}; have: ${items.map((i) => i.key).join(', ')}`);
  return item;
}

/** A complete assessment of `instrument` at `at`. */
export function answered(instrument: string, at: string): Completion {
  return { instrument, at };
}

/** A weekly GAD-7 due Monday 2 March 2026 at 09:00 New York time (14:00Z), expiring 4 days later. */
export function aDueItem(overrides: Partial<DueItem> = {}): DueItem {
  return {
    key: 'calendar:2026-03-02:gad7',
    instrument: 'gad7',
    dueAt: '2026-03-02T14:00:00.000Z',
    expiresAt: '2026-03-06T14:00:00.000Z',
    reminderAt: '2026-03-04T14:00:00.000Z',
    anchor: { kind: 'calendar', localDate: '2026-03-02' },
    ...overrides,
  };
}
