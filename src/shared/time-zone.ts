import { invalid } from './errors.js';
import { DateTime } from './schema.js';
import { DAY_MS } from './time.js';
import { validate } from './validate.js';

/**
 * Clinic-local calendar arithmetic over IANA time zones with Intl alone (no libraries): the local date
 * of an instant, and the instant of a local date and wall-clock time, correct across daylight-saving
 * changes. Local dates are 'YYYY-MM-DD' strings; instants are epoch milliseconds.
 */

const INSTANT = DateTime();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Throws a VALIDATION_FAILED error unless `timeZone` is an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string, field = 'timeZone'): void {
  try {
    formatter(timeZone);
  } catch {
    throw invalid(field, `"${timeZone}" is not an IANA time zone (e.g. America/New_York)`);
  }
}

/** Epoch milliseconds of an ISO-8601 date-time with a zone; a VALIDATION_FAILED error naming `field` otherwise. */
export function parseInstant(value: string, field: string): number {
  return Date.parse(validate(INSTANT, value, field));
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  return wall;
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (New York in winter: −5 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const wholeSeconds = ms - (((ms % 1000) + 1000) % 1000);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSeconds;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The clinic-local calendar date of instant `ms`, as 'YYYY-MM-DD'. */
export function localDateOf(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

function dateParts(date: string): [number, number, number] {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  return [year, month, day];
}

/** The local date `days` after `date` (calendar days, so 7 days later is the same weekday). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from local date `from` to local date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = dateParts(from);
  const [y2, m2, d2] = dateParts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/**
 * The instant when the clinic's clocks show `time` ('HH:MM') on local `date`. Across a change the
 * answer follows Temporal's "compatible" rule: a time skipped by clocks going forward moves forward by
 * the jump (02:30 on New York's spring-forward day → 03:30 EDT); a time that happens twice when clocks
 * go back is the first of the two (01:30 EDT, not 01:30 EST).
 */
export function localTimeToInstant(date: string, time: string, timeZone: string): number {
  const [year, month, day] = dateParts(date);
  const [hour = NaN, minute = NaN] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets a day either side bracket a change near `wall`; no zone changes its clocks twice in two days.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((utc) => offsetAt(utc, timeZone) === wall - utc);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date in words, as every page, PDF and alert text writes it: '2026-03-02' → '2 Mar 2026'. */
export function dayWords(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year ?? ''}`;
}
