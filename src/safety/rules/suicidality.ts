import { cssrsRisk, type CssrsRisk } from '../../instruments/cssrs.js';
import { makeFinding } from '../finding.js';
import { allOf, onDay } from '../records.js';
import { KROENKE_2001, POSNER_2011 } from '../sources.js';
import type { Finding, SafetyAssessment, SafetyRule } from '../types.js';

/** PHQ-9 item 9 ("thoughts that you would be better off dead or of hurting yourself") — Kroenke 2001. */
const PHQ9_ITEM_9 = '9';

const RISK_ORDER: readonly CssrsRisk[] = ['none', 'low', 'moderate', 'high'];

/**
 * Suicidality — PHQ-9 item 9 above 0 (Kroenke 2001), or a C-SSRS screener at moderate or high risk
 * (Posner 2011). Urgent: each positive questionnaire needs a same-day clinical follow-up, so every one
 * is its own episode (`assessment:<id>`). Incomplete forms count: a missing answer cannot undo a
 * positive one.
 */
export const suicidality: SafetyRule = {
  id: 'suicidality',
  severity: 'urgent',
  title: 'Suicidality screen positive',
  rationale:
    'Any thought of death or self-harm on the PHQ-9, or moderate or high risk on the C-SSRS screener, needs a clinician to assess suicide risk before anything else happens.',
  source: `${KROENKE_2001} ${POSNER_2011}`,
  evaluate: (history) => [
    ...allOf(history.assessments, 'phq9').flatMap((a) => phq9Finding(a, history.timeZone)),
    ...allOf(history.assessments, 'cssrs').flatMap((a) => cssrsFinding(a, history.timeZone)),
  ],
};

function phq9Finding(assessment: SafetyAssessment, timeZone: string): Finding[] {
  const item9 = assessment.answers[PHQ9_ITEM_9] ?? null;
  const flagged = assessment.flags.includes('suicidality-item-positive');
  if (!(flagged || (item9 !== null && item9 > 0))) return [];
  return [
    makeFinding(suicidality, {
      episodeKey: `assessment:${assessment.id}`,
      raisedAt: assessment.completedAt,
      summary: `PHQ-9 item 9 (thoughts of death or self-harm) answered ${item9 ?? 'positive'} on ${onDay(assessment.completedAt, timeZone)}. Assess suicide risk now.`,
      values: { instrument: 'phq9', assessmentId: assessment.id, completedAt: assessment.completedAt, item9 },
      definition: 'PHQ-9 item 9 answered above 0 ("several days" or more), on a complete or incomplete form.',
    }),
  ];
}

function cssrsFinding(assessment: SafetyAssessment, timeZone: string): Finding[] {
  const risk = highestRisk(assessment);
  if (risk !== 'moderate' && risk !== 'high') return [];
  return [
    makeFinding(suicidality, {
      episodeKey: `assessment:${assessment.id}`,
      raisedAt: assessment.completedAt,
      summary: `C-SSRS screener on ${onDay(assessment.completedAt, timeZone)}: ${risk} risk. Assess suicide risk now.`,
      values: { instrument: 'cssrs', assessmentId: assessment.id, completedAt: assessment.completedAt, risk },
      definition:
        'C-SSRS screener at moderate risk (yes to question 3, or lifetime suicidal behaviour) or high risk (yes to 4 or 5, or behaviour within the past 3 months), on a complete or incomplete screener.',
    }),
  ];
}

// The stored band and flags were set at write time; the answers are re-read too, and the highest of
// the three counts, so a stale or missing flag can never hide a positive screen.
function highestRisk(assessment: SafetyAssessment): CssrsRisk {
  const candidates: CssrsRisk[] = [cssrsRisk(assessment.answers)];
  if (isRisk(assessment.band)) candidates.push(assessment.band);
  for (const flag of assessment.flags) {
    const risk = flag.startsWith('risk-') ? flag.slice('risk-'.length) : null;
    if (isRisk(risk)) candidates.push(risk);
  }
  return candidates.reduce((a, b) => (RISK_ORDER.indexOf(b) > RISK_ORDER.indexOf(a) ? b : a), 'none');
}

function isRisk(value: string | null): value is CssrsRisk {
  return value !== null && (RISK_ORDER as readonly string[]).includes(value);
}
