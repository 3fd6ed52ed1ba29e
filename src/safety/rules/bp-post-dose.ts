import type { Dose } from '../../doses/dose.schema.js';
import { makeFinding } from '../finding.js';
import { bpReading, calendarDay, dosesInOrder } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { BP_URGENT_DEFAULT, GLUE_2018, SPRAVATO_REMS } from '../sources.js';
import type { Finding, SafetyRule, Severity } from '../types.js';

/**
 * Blood pressure after a dose, in two tiers. Warning: systolic above bpPreDoseSystolic or diastolic
 * above bpPreDoseDiastolic (default 140/90, the Spravato label's caution level) — the label asks for
 * monitoring until blood pressure is back at a safe level. Urgent: systolic ≥ bpPostDoseSystolic or
 * diastolic ≥ bpPostDoseDiastolic (default 180/110, an Onset default: grade 3 hypertension). A rise of
 * about 10 mmHg is expected (Glue 2018), so the warning tier is the same level that needs caution
 * before a dose, not a smaller rise. One episode per dose (`dose:<id>`).
 */
export const bpPostDose: SafetyRule = {
  id: 'bp-post-dose',
  severity: 'warning',
  title: 'Blood pressure high after a dose',
  rationale:
    'Blood pressure peaks about 40 minutes after a dose; a reading still above the caution level needs monitoring until it settles, and a reading in the severe range needs a clinician now.',
  source: `${SPRAVATO_REMS} ${GLUE_2018} ${BP_URGENT_DEFAULT}`,
  evaluate: (history, settings) => dosesInOrder(history.doses).flatMap((dose) => postDoseFinding(dose, settings, history.timeZone)),
};

function postDoseSeverity(dose: Dose, settings: SafetySettings): Severity | null {
  const systolic = dose.systolicAfter;
  const diastolic = dose.diastolicAfter;
  if ((systolic !== null && systolic >= settings.bpPostDoseSystolic) || (diastolic !== null && diastolic >= settings.bpPostDoseDiastolic)) {
    return 'urgent';
  }
  if ((systolic !== null && systolic > settings.bpPreDoseSystolic) || (diastolic !== null && diastolic > settings.bpPreDoseDiastolic)) {
    return 'warning';
  }
  return null;
}

function postDoseFinding(dose: Dose, settings: SafetySettings, timeZone: string): Finding[] {
  const severity = postDoseSeverity(dose, settings);
  if (severity === null) return [];
  const level =
    severity === 'urgent'
      ? `at or above the urgent level ${settings.bpPostDoseSystolic}/${settings.bpPostDoseDiastolic}`
      : `above ${settings.bpPreDoseSystolic}/${settings.bpPreDoseDiastolic}`;
  return [
    makeFinding(bpPostDose, {
      severity,
      episodeKey: `dose:${dose.id}`,
      raisedAt: dose.givenAt,
      summary: `Blood pressure after the dose on ${calendarDay(dose.givenAt, timeZone)} was ${bpReading(dose.systolicAfter, dose.diastolicAfter)} mmHg (before: ${bpReading(dose.systolicBefore, dose.diastolicBefore)}), ${level}.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        systolicBefore: dose.systolicBefore,
        diastolicBefore: dose.diastolicBefore,
        systolicAfter: dose.systolicAfter,
        diastolicAfter: dose.diastolicAfter,
        warningAboveSystolic: settings.bpPreDoseSystolic,
        warningAboveDiastolic: settings.bpPreDoseDiastolic,
        urgentSystolic: settings.bpPostDoseSystolic,
        urgentDiastolic: settings.bpPostDoseDiastolic,
      },
      definition: `Post-dose systolic ≥ ${settings.bpPostDoseSystolic} or diastolic ≥ ${settings.bpPostDoseDiastolic} mmHg: urgent. Otherwise systolic above ${settings.bpPreDoseSystolic} or diastolic above ${settings.bpPreDoseDiastolic} mmHg: warning.`,
    }),
  ];
}
