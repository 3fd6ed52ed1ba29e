import type { Insertable } from 'kysely';
import type { ScoreResult } from '../instruments/types.js';
import type { AssessmentsTable } from './schema.js';

/**
 * How values are stored in the columns (the conventions of src/db/schema.ts): UTC text, integer cents, 0/1 flags, JSON
 * text.
 */

/** Normalises an accepted ISO-8601 date-time (any offset) to the stored UTC form. */
export function utc(iso: string): string {
  return new Date(iso).toISOString();
}

export const toCents = (usd: number | null | undefined): number | null =>
  usd === null || usd === undefined ? null : Math.round(usd * 100);
export const fromCents = (cents: number | null): number | null => (cents === null ? null : cents / 100);
export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (stored: number): boolean => stored === 1;
export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** The columns an assessment's scoring result is stored in (the answers as scored, normalised). */
export function scoreColumns(
  result: ScoreResult,
): Pick<
  Insertable<AssessmentsTable>,
  'instrument' | 'answers' | 'total' | 'subscales' | 'band' | 'complete' | 'prorated' | 'flags'
> {
  return {
    instrument: result.instrument,
    answers: JSON.stringify(result.answers),
    total: result.total,
    subscales: JSON.stringify(result.subscales),
    band: result.band,
    complete: toFlag(result.complete),
    prorated: toFlag(result.prorated),
    flags: JSON.stringify(result.flags),
  };
}
