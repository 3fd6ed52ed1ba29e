import { invalid } from '../shared/errors.js';
import type { DueItem } from './expand.js';
import { HOUR_MS } from '../shared/time.js';
import { checkTimeZone, localDateOf, parseInstant } from '../shared/time-zone.js';

/**
 * Where each due item stands at a moment: completed, upcoming, due today, overdue or missed, and the
 * adherence that follows. "Today" is the clinic's local day, not the UTC day.
 *
 * Completion windows: a complete assessment of the item's instrument counts from `graceBeforeHours`
 * (default 12) before the due time until expiry, with two exceptions: a pre-dose item counts only inside
 * its own lead window (the lead is its allowance, and earlier answers belong to the previous dose), and an
 * after-dose item only strictly after its dose (an answer before the dose cannot measure the dose).
 *
 * One completion closes at most one item. Items are served in order of due time (then key), each taking
 * the earliest unused completion in its window. This greedy rule is simple to explain and matches what a
 * clinician expects when the patient answers on time; it is not a maximum matching, so a patient who
 * answers once for two overlapping items is credited with the earlier one.
 */

export type DueStatus = 'completed' | 'due' | 'overdue' | 'missed' | 'upcoming';

/** A complete assessment (incomplete ones close nothing): which instrument, when (UTC ISO-8601). */
export interface Completion {
  instrument: string;
  at: string;
}

export interface StatusOptions {
  /** Hours before the due time in which an answer already counts (default 12). */
  graceBeforeHours?: number;
}

export interface ItemStatus {
  key: string;
  status: DueStatus;
  /** The completion that closed the item, or null. */
  completedAt: string | null;
}

// An answer given the evening before a morning due time still counts (default 12 h: docs/design.md, "Measurement
// schedule defaults").
export const DEFAULT_GRACE_BEFORE_HOURS = 12;

function graceMs(options: StatusOptions): number {
  const hours = options.graceBeforeHours ?? DEFAULT_GRACE_BEFORE_HOURS;
  if (!Number.isFinite(hours) || hours < 0 || hours > 168)
    throw invalid('graceBeforeHours', `${hours} is not allowed; use 0 to 168 hours`);
  return hours * HOUR_MS;
}

function expiry(item: DueItem): number {
  return item.expiresAt === null ? Infinity : Date.parse(item.expiresAt);
}

/** True when an answer at `at` can close `item`. */
function inWindow(item: DueItem, at: number, grace: number): boolean {
  if (at > expiry(item)) return false;
  const due = Date.parse(item.dueAt);
  switch (item.anchor.kind) {
    case 'pre-dose':
      return at >= due;
    case 'after-dose':
      return at >= due - grace && at > Date.parse(item.anchor.doseAt);
    case 'baseline':
    case 'calendar':
      return at >= due - grace;
  }
}

function byDue(a: DueItem, b: DueItem): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Which completion closes which item (key → completion time), greedy by due time as described above. */
function matchCompletions(
  items: readonly DueItem[],
  completions: readonly Completion[],
  now: number,
  grace: number,
): Map<string, number> {
  const answers = completions
    .map((c, i) => ({ instrument: c.instrument, at: parseInstant(c.at, `completions[${i}].at`), used: false }))
    .filter((c) => c.at <= now)
    .sort((a, b) => a.at - b.at);
  const closed = new Map<string, number>();
  for (const item of [...items].sort(byDue)) {
    const answer = answers.find((c) => !c.used && c.instrument === item.instrument && inWindow(item, c.at, grace));
    if (answer === undefined) continue;
    answer.used = true;
    closed.set(item.key, answer.at);
  }
  return closed;
}

function statusAt(item: DueItem, completed: boolean, now: number, timeZone: string): DueStatus {
  if (completed) return 'completed';
  if (now > expiry(item)) return 'missed';
  const due = Date.parse(item.dueAt);
  if (now < due) return 'upcoming';
  return localDateOf(now, timeZone) === localDateOf(due, timeZone) ? 'due' : 'overdue';
}

/** The status of every item at `now` (in the items' order), one completion closing at most one item. */
export function dueStatuses(
  items: readonly DueItem[],
  completions: readonly Completion[],
  now: string,
  timeZone: string,
  options: StatusOptions = {},
): ItemStatus[] {
  checkTimeZone(timeZone);
  const at = parseInstant(now, 'now');
  const closed = matchCompletions(items, completions, at, graceMs(options));
  return items.map((item) => {
    const completedAt = closed.get(item.key);
    return {
      key: item.key,
      status: statusAt(item, completedAt !== undefined, at, timeZone),
      completedAt: completedAt === undefined ? null : new Date(completedAt).toISOString(),
    };
  });
}

/** The status of one item on its own at `now`; for a list use `dueStatuses`, which shares completions fairly. */
export function dueStatus(
  item: DueItem,
  completions: readonly Completion[],
  now: string,
  timeZone: string,
  options: StatusOptions = {},
): DueStatus {
  checkTimeZone(timeZone);
  const at = parseInstant(now, 'now');
  const closed = matchCompletions([item], completions, at, graceMs(options));
  return statusAt(item, closed.has(item.key), at, timeZone);
}

export interface Adherence {
  completed: number;
  missed: number;
  /** The denominator: completed + missed. Items still upcoming, due or overdue are not yet decided. */
  due: number;
  /** completed / due; null when nothing has been decided yet. */
  share: number | null;
}

/** Share of decided due items that were completed; pass one patient's statuses, or a whole clinic's. */
export function adherence(statuses: readonly { status: DueStatus }[]): Adherence {
  const completed = statuses.filter((s) => s.status === 'completed').length;
  const missed = statuses.filter((s) => s.status === 'missed').length;
  const due = completed + missed;
  return { completed, missed, due, share: due === 0 ? null : completed / due };
}
