import type { AdverseEvent } from '../../adverse-events/adverse-event.schema.js';
import { positiveRuns, type Reading, type Run } from '../episodes.js';
import { makeFinding } from '../finding.js';
import { allOf, onDay, inTimeOrder } from '../records.js';
import { MUETZELFELDT_2008 } from '../sources.js';
import type { Finding, SafetyAssessment, SafetyRule } from '../types.js';

/** Urinary check: an item at "moderate" (2) or worse — Onset checklist threshold, not published. */
const MODERATE = 2;

const REFERRAL = 'Consider urology referral.';

/**
 * Urinary symptoms — any item of the urinary check at moderate or worse (≥ 2; an Onset checklist
 * threshold, not published), or any adverse event of category "urinary". Repeated ketamine use damages
 * the bladder (Muetzelfeldt 2008); caught early it can recover when dosing stops. One episode per run of
 * positive checks (a check with every item below moderate ends it; an incomplete check with nothing
 * positive neither starts nor ends one), keyed `assessment:<first id>`; each adverse event is `ae:<id>`.
 */
export const urinarySymptoms: SafetyRule = {
  id: 'urinary-symptoms',
  severity: 'warning',
  title: 'Urinary symptoms',
  rationale:
    'Ketamine-associated bladder damage (cystitis) starts with frequency, urgency and pain passing urine; an early urology referral and a dosing review can stop it progressing.',
  source: MUETZELFELDT_2008,
  evaluate: (history) => [
    ...positiveRuns(allOf(history.assessments, 'urinary'), readCheck).map((run) => checkFinding(run, history.timeZone)),
    ...inTimeOrder(
      history.adverseEvents.filter((e) => e.category === 'urinary'),
      (e) => e.onsetAt,
    ).map((e) => eventFinding(e, history.timeZone)),
  ],
};

function moderateItems(check: SafetyAssessment): string[] {
  return Object.entries(check.answers)
    .filter(([, value]) => value !== null && value >= MODERATE)
    .map(([linkId]) => linkId);
}

function readCheck(check: SafetyAssessment): Reading {
  if (moderateItems(check).length > 0 || check.flags.includes('urinary-moderate-or-worse')) return 'positive';
  return check.complete ? 'negative' : 'neither';
}

function checkFinding(run: Run<SafetyAssessment>, timeZone: string): Finding {
  const first = run[0];
  const items = moderateItems(first);
  return makeFinding(urinarySymptoms, {
    episodeKey: `assessment:${first.id}`,
    raisedAt: first.completedAt,
    summary: `Urinary check on ${onDay(first.completedAt, timeZone)}: ${items.length > 0 ? `item(s) ${items.join(', ')}` : 'a symptom'} moderate or worse. ${REFERRAL}`,
    values: {
      assessmentId: first.id,
      completedAt: first.completedAt,
      items: Object.fromEntries(items.map((linkId) => [linkId, first.answers[linkId] ?? null])),
      positiveChecks: run.map((a) => ({ id: a.id, completedAt: a.completedAt })),
    },
    definition: `Any item of the urinary symptom check at moderate (${MODERATE}) or worse, or any urinary adverse event. ${REFERRAL}`,
  });
}

function eventFinding(event: AdverseEvent, timeZone: string): Finding {
  return makeFinding(urinarySymptoms, {
    episodeKey: `ae:${event.id}`,
    raisedAt: event.onsetAt,
    summary: `Urinary adverse event, grade ${event.grade}, began ${onDay(event.onsetAt, timeZone)}${event.action === 'urology-referral' ? ' (urology referral recorded).' : `. ${REFERRAL}`}`,
    values: {
      adverseEventId: event.id,
      onsetAt: event.onsetAt,
      grade: event.grade,
      action: event.action,
      outcome: event.outcome,
    },
    definition: `Any adverse event of category "urinary", or any urinary check item at moderate (${MODERATE}) or worse. ${REFERRAL}`,
  });
}
