/** Plain-words helpers for the patient page (no DOM, so they are unit-tested in Node). */

/**
 * The question stem patients read above each item, e.g. "Over the last 2 weeks, how often have you been
 * bothered by the following problems?": the first sentence of the questionnaire's intro that is a
 * question. Null when the intro asks none (its other sentences are written for clinicians).
 */
export function questionStem(intro: string): string | null {
  const sentences = intro.match(/[^.?!]+[.?!]?/g) ?? [];
  const question = sentences.map((s) => s.trim()).find((s) => s.endsWith('?'));
  return question ?? null;
}

/** "3 March 2026" in the reader's locale conventions (British day-month order, as the NHS writes dates). */
export function longDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));
}

/** "3 Mar" for chart ticks. */
export function shortDate(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(at));
}

/** "Question 3 of 7". */
export function questionCount(index: number, total: number): string {
  return `Question ${index + 1} of ${total}`;
}

/** A band code as a patient reads it: "moderate" → "in the moderate range"; none → empty. */
export function bandWords(band: string | null): string {
  return band === null || band === '' ? '' : `in the ${band.replace(/-/g, ' ')} range`;
}
