import type { FieldProblem } from '../shared/errors.js';
import type { AlertFollowUp, AlertSeverity } from '../shared/vocabulary.js';

/**
 * Closing an urgent alert is a clinical act, so it needs the note a colleague would read and the
 * follow-up that was taken (docs/safety.md, "Closing an alert"). A suicidality alert closes only after a
 * C-SSRS screen recorded since it was raised, a documented contact with the patient, or an emergency
 * referral — the same-day risk assessment its rule asks for (src/safety/rules/suicidality.ts).
 */
export const SUICIDALITY_FOLLOW_UPS: readonly AlertFollowUp[] = [
  'cssrs-screen',
  'patient-contacted',
  'emergency-referral',
];

/** Fewer characters than this cannot say what was done ("ok", "done", "seen"). */
export const MIN_URGENT_NOTE_LENGTH = 10;

export interface ResolutionRequest {
  comment: string | null;
  followUp: AlertFollowUp | null;
}

export interface ResolvedAlertFacts {
  rule: string;
  severity: AlertSeverity;
  /** Whether the patient has a C-SSRS screen completed at or after the alert was raised. */
  cssrsSinceRaised: boolean;
}

/** The field problems that keep this alert from being closed with this request (none: it may close). */
export function resolutionProblems(alert: ResolvedAlertFacts, request: ResolutionRequest): FieldProblem[] {
  if (alert.severity !== 'urgent') return [];
  const problems: FieldProblem[] = [];
  const note = request.comment?.trim() ?? '';
  if (note.length < MIN_URGENT_NOTE_LENGTH) {
    problems.push({
      field: 'comment',
      reason: `is required to close an urgent alert: say what was done (at least ${MIN_URGENT_NOTE_LENGTH} characters)`,
    });
  }
  const followUp = request.followUp;
  if (followUp === null) {
    problems.push({
      field: 'followUp',
      reason: 'is required to close an urgent alert: choose the follow-up that was taken',
    });
  } else if (alert.rule === 'suicidality' && !SUICIDALITY_FOLLOW_UPS.includes(followUp)) {
    problems.push({
      field: 'followUp',
      reason:
        'a suicidality alert closes only after a C-SSRS screen, a documented contact with the patient, or an emergency referral',
    });
  } else if (followUp === 'cssrs-screen' && !alert.cssrsSinceRaised) {
    problems.push({
      field: 'followUp',
      reason:
        'no C-SSRS screen has been recorded for this patient since the alert was raised: record the screen first, or choose the contact you made',
    });
  }
  return problems;
}
