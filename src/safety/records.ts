/**
 * Reading a patient's records the same way in every rule: in time order (ties broken by id, so the
 * order — and so every episode key — is the same on every run), complete totals only, dates in the
 * clinic's time zone.
 */
import type { Dose } from '../doses/dose.schema.js';
import { getInstrument, isInstrumentId } from '../instruments/registry.js';
import { dayWords, localDateOf } from '../shared/time-zone.js';
import type { SafetyAssessment } from './types.js';

/** Epoch milliseconds of an ISO-8601 date-time. */
export function ms(iso: string): number {
  return Date.parse(iso);
}

/** UTC ISO-8601 of epoch milliseconds. */
export function isoAt(time: number): string {
  return new Date(time).toISOString();
}

/** A copy of `items` in time order; equal times are ordered by id. */
export function inTimeOrder<T extends { id: string }>(items: readonly T[], timeOf: (item: T) => string): T[] {
  // Each time is parsed once, not at every comparison: the rules order the whole history on every write.
  const keyed = items.map((item) => ({ item, time: ms(timeOf(item)) }));
  keyed.sort((a, b) => a.time - b.time || compareText(a.item.id, b.item.id));
  return keyed.map((entry) => entry.item);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The doses in time order. */
export function dosesInOrder(doses: readonly Dose[]): Dose[] {
  return inTimeOrder(doses, (d) => d.givenAt);
}

/** An assessment with a total that outcomes may use (docs/outcomes.md: incomplete ones never are). */
export type ScoredAssessment = SafetyAssessment & { total: number };

/** True when the assessment is complete with a finite total. */
export function isScored(assessment: SafetyAssessment): assessment is ScoredAssessment {
  return assessment.complete && assessment.total !== null && Number.isFinite(assessment.total);
}

/** The complete assessments of one instrument, in time order. */
export function scoredOf(assessments: readonly SafetyAssessment[], instrument: string): ScoredAssessment[] {
  return inTimeOrder(assessments.filter((a) => a.instrument === instrument).filter(isScored), (a) => a.completedAt);
}

/** Every assessment (complete or not) of one instrument, in time order. */
export function allOf(assessments: readonly SafetyAssessment[], instrument: string): SafetyAssessment[] {
  return inTimeOrder(
    assessments.filter((a) => a.instrument === instrument),
    (a) => a.completedAt,
  );
}

/** The instrument's short name for summaries ("GAD-7"); the id itself for a clinic-loaded instrument. */
export function instrumentName(id: string): string {
  return isInstrumentId(id) ? getInstrument(id).shortName : id;
}

/** The calendar day (YYYY-MM-DD) of an instant in the clinic's time zone. */
export function calendarDay(iso: string, timeZone: string): string {
  return localDateOf(Date.parse(iso), timeZone);
}

/** The clinic-local day of an instant in words, as alert texts write it: '8 Jan 2026'. */
export function onDay(iso: string, timeZone: string): string {
  return dayWords(calendarDay(iso, timeZone));
}

/** A blood-pressure reading as "152/88", with "?" for a side not measured. */
export function bpReading(systolic: number | null, diastolic: number | null): string {
  return `${systolic ?? '?'}/${diastolic ?? '?'}`;
}
