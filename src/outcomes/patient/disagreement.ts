import type { PatientOutcomes } from '../types.js';

export interface InstrumentOutcomes {
  instrument: string;
  outcomes: PatientOutcomes;
}

export interface Disagreement {
  /** The instrument on which the patient responded in the window. */
  responder: string;
  /** The instrument on which the patient did not respond in the same window. */
  nonResponder: string;
  /** Window start: t1, the first dose (exclusive). */
  from: number;
  /** Window end: the last assessment time both instruments reach (inclusive). */
  to: number;
}

/**
 * Instrument disagreement — docs/outcomes.md: "over the same window, the patient is a responder on one
 * instrument and not on another (each instrument with its own baseline and definitions)".
 * Precisely: for each pair of instruments (in input order), the window runs from t1 (exclusive) to the
 * earlier of the two instruments' last complete assessments after t1 (inclusive) — the last time both
 * were measured. The patient is a responder on an instrument if any of its assessments in that window
 * is a response. A pair disagrees when exactly one instrument has a responder. Pairs where either
 * instrument's response is undefined (no baseline, no response fraction) or has no assessment after t1
 * are not comparable and are left out rather than reported as agreement or disagreement; so are
 * pairs computed from different doses (different t1).
 */
export function computeDisagreement(perInstrument: readonly InstrumentOutcomes[]): Disagreement[] {
  const found: Disagreement[] = [];
  for (let i = 0; i < perInstrument.length; i++) {
    for (let j = i + 1; j < perInstrument.length; j++) {
      const a = perInstrument[i];
      const b = perInstrument[j];
      if (a !== undefined && b !== undefined) {
        const disagreement = comparePair(a, b);
        if (disagreement !== null) found.push(disagreement);
      }
    }
  }
  return found;
}

function comparePair(a: InstrumentOutcomes, b: InstrumentOutcomes): Disagreement | null {
  const from = a.outcomes.firstDoseAt;
  if (from === null || from !== b.outcomes.firstDoseAt) return null;
  const lastA = lastDefinedAt(a.outcomes);
  const lastB = lastDefinedAt(b.outcomes);
  if (lastA === null || lastB === null) return null;
  const to = Math.min(lastA, lastB);
  const respondedA = respondedBy(a.outcomes, to);
  const respondedB = respondedBy(b.outcomes, to);
  if (respondedA === respondedB) return null;
  return respondedA
    ? { responder: a.instrument, nonResponder: b.instrument, from, to }
    : { responder: b.instrument, nonResponder: a.instrument, from, to };
}

// Assessments with a defined response are exactly the complete ones after t1 (given a baseline).
function lastDefinedAt(outcomes: PatientOutcomes): number | null {
  let last: number | null = null;
  for (const a of outcomes.assessments) if (a.response !== null) last = a.at;
  return last;
}

function respondedBy(outcomes: PatientOutcomes, to: number): boolean {
  return outcomes.assessments.some((a) => a.response === true && a.at <= to);
}
