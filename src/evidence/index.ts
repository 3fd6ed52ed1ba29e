// Published evidence about ketamine and anxiety: the studies table, the published time course, how
// ketamine is thought to work, and the published late-responder figures beside "keep going?". Static
// data; GET /api/v1/evidence serves `evidenceView()` (schema: evidence.schema.ts).
import { MECHANISM_CAVEAT, MECHANISM_REFERENCES, MECHANISM_STEPS } from './mechanism.js';
import { LATE_RESPONSE_CAVEAT, LATE_RESPONSE_FIGURES, type LateResponseFigure } from './keep-going.js';
import { citedAs } from './cite.js';
import { EVIDENCE_NOTES, STUDIES } from './studies.js';
import { COST_AND_FREQUENCY, TIME_COURSE } from './time-course.js';
import type { MechanismReference, MechanismStep, Study, TimeCoursePoint } from './types.js';

export { MECHANISM_CAVEAT, MECHANISM_REFERENCES, MECHANISM_STEPS } from './mechanism.js';
export { EVIDENCE_NOTES, STUDIES } from './studies.js';
export { LATE_RESPONSE_CAVEAT, LATE_RESPONSE_FIGURES, type LateResponseFigure } from './keep-going.js';
export { COST_AND_FREQUENCY, TIME_COURSE } from './time-course.js';
export type * from './types.js';

export interface EvidenceView {
  studies: readonly Study[];
  notes: readonly string[];
  timeCourse: readonly TimeCoursePoint[];
  costAndFrequency: typeof COST_AND_FREQUENCY;
  mechanism: { steps: readonly MechanismStep[]; caveat: string; references: readonly MechanismReference[] };
  /** Published late-responder figures, shown beside the clinic's "keep going?" (docs/outcomes.md "Keep going?"). */
  lateResponse: { caveat: string; figures: readonly LateResponseFigure[] };
  /** Each study and reference by its authors and year ("Hull et al. 2022"), by key: the page never shows a key. */
  citedAs: Readonly<Record<string, string>>;
}

/** Everything the evidence page shows, as one JSON-ready object. */
export function evidenceView(): EvidenceView {
  return {
    // The strongest designs first, newest first within a design (docs/evidence.md "Order").
    studies: [...STUDIES].sort((a, b) => a.tier - b.tier || b.year - a.year || a.key.localeCompare(b.key)),
    notes: EVIDENCE_NOTES,
    timeCourse: TIME_COURSE,
    costAndFrequency: COST_AND_FREQUENCY,
    mechanism: { steps: MECHANISM_STEPS, caveat: MECHANISM_CAVEAT, references: MECHANISM_REFERENCES },
    lateResponse: { caveat: LATE_RESPONSE_CAVEAT, figures: LATE_RESPONSE_FIGURES },
    citedAs: Object.fromEntries(
      [...STUDIES, ...MECHANISM_REFERENCES, ...LATE_RESPONSE_FIGURES].map((c) => [c.key, citedAs(c.citation)]),
    ),
  };
}
