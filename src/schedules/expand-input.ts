import { invalid } from '../shared/errors.js';
import { DAY_MS } from '../shared/time.js';
import { checkTimeZone, parseInstant as instant } from '../shared/time-zone.js';
import type { Schedule } from './schedule.schema.js';

/** One dose actually given: its record id and when it was given (UTC ISO-8601). */
export interface DoseTime {
  id: string;
  at: string;
}

export interface ExpandInput {
  /** A schedule that passed `parseSchedule` (its checks keep every key unique). */
  schedule: Schedule;
  courseStartedAt: string;
  courseEndedAt: string | null;
  /** When maintenance began; without it, calendar items that run from maintenance list nothing. */
  maintenanceStartedAt?: string | null;
  /** The doses given on the course, in any order. */
  doses: readonly DoseTime[];
  /** The clinic's IANA time zone, e.g. America/New_York. */
  timeZone: string;
  /** List nothing due after this moment (e.g. now, or the end of a look-ahead). */
  until: string;
  /** Clinic setting: days from due to expiry (default 4). */
  expiryDays?: number;
  /** Clinic setting: days from due to the reminder (default 2). */
  reminderDays?: number;
}

// Defaults (docs/design.md, "Measurement schedule defaults"): remind after 2 days, expire after 4; both are clinic
// settings.
export const DEFAULT_EXPIRY_DAYS = 4;
export const DEFAULT_REMINDER_DAYS = 2;

/** The input in epoch milliseconds, doses sorted by time; `limit` is the last moment anything is due. */
export interface ExpandContext {
  start: number;
  ended: number | null;
  maintenance: number | null;
  doses: { id: string; at: number }[];
  timeZone: string;
  limit: number;
  expiryMs: number;
  reminderMs: number;
}

function days(value: number | undefined, fallback: number, field: string, zeroAllowed: boolean): number {
  const d = value ?? fallback;
  const tooSmall = zeroAllowed ? d < 0 : d <= 0;
  if (!Number.isFinite(d) || tooSmall || d > 90) {
    throw invalid(field, `${d} is not allowed; use ${zeroAllowed ? '0' : 'more than 0'} to 90 days`);
  }
  return d * DAY_MS;
}

function sortedDoses(doses: readonly DoseTime[]): { id: string; at: number }[] {
  const seen = new Set<string>();
  const parsed = doses.map((dose, i) => {
    if (dose.id === '') throw invalid(`doses[${i}].id`, 'must not be empty');
    if (seen.has(dose.id)) throw invalid(`doses[${i}].id`, `dose ${dose.id} is listed twice; each dose once`);
    seen.add(dose.id);
    return { id: dose.id, at: instant(dose.at, `doses[${i}].at`) };
  });
  return parsed.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** Checks the input and turns it into milliseconds; throws a VALIDATION_FAILED error naming the field. */
export function readExpandInput(input: ExpandInput): ExpandContext {
  checkTimeZone(input.timeZone);
  const start = instant(input.courseStartedAt, 'courseStartedAt');
  const ended = input.courseEndedAt === null ? null : instant(input.courseEndedAt, 'courseEndedAt');
  if (ended !== null && ended < start)
    throw invalid(
      'courseEndedAt',
      `${input.courseEndedAt ?? ''} is before the course started (${input.courseStartedAt})`,
    );
  const maintenance =
    input.maintenanceStartedAt == null ? null : instant(input.maintenanceStartedAt, 'maintenanceStartedAt');
  const until = instant(input.until, 'until');
  return {
    start,
    ended,
    maintenance,
    doses: sortedDoses(input.doses),
    timeZone: input.timeZone,
    limit: Math.min(until, ended ?? Infinity),
    expiryMs: days(input.expiryDays, DEFAULT_EXPIRY_DAYS, 'expiryDays', false),
    reminderMs: days(input.reminderDays, DEFAULT_REMINDER_DAYS, 'reminderDays', true),
  };
}
