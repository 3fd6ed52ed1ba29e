import type { Dose } from '../../doses/dose.schema.js';
import { overWords, readingsOver } from '../blood-pressure.js';
import { makeFinding } from '../finding.js';
import { bpReading, onDay, dosesInOrder } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { BP_URGENT_DEFAULT, GLUE_2018, SPRAVATO_REMS } from '../sources.js';
import type { Finding, SafetyRule } from '../types.js';

/**
 * Blood pressure after a dose above the post-dose limit: systolic above bpPostDoseSystolic or diastolic
 * above bpPostDoseDiastolic (default 180/110, an Onset default: grade 3 hypertension). A rise of about
 * 10 mmHg after a dose is expected (Glue 2018) and the label asks for monitoring until blood pressure
 * settles (Spravato REMS), so readings between the pre-dose caution level and this limit raise nothing;
 * a reading above it needs a clinician now (urgent). One episode per dose (`dose:<id>`).
 */
export const bpPostDose: SafetyRule = {
  id: 'bp-post-dose',
  severity: 'urgent',
  title: 'Blood pressure high after a dose',
  rationale:
    'Blood pressure peaks about 40 minutes after a dose and a rise of about 10 mmHg is expected; a reading above the post-dose limit is in the severe range and needs a clinician now.',
  source: `${SPRAVATO_REMS} ${GLUE_2018} ${BP_URGENT_DEFAULT}`,
  evaluate: (history, settings) =>
    dosesInOrder(history.doses).flatMap((dose) => postDoseFinding(dose, settings, history.timeZone)),
};

function postDoseFinding(dose: Dose, settings: SafetySettings, timeZone: string): Finding[] {
  const over = readingsOver(dose, settings).filter((o) => o.when === 'after');
  if (over.length === 0) return [];
  const level = `over the post-dose limit: ${overWords(over)}`;
  return [
    makeFinding(bpPostDose, {
      severity: 'urgent',
      episodeKey: `dose:${dose.id}`,
      raisedAt: dose.givenAt,
      summary: `Blood pressure after the dose on ${onDay(dose.givenAt, timeZone)} was ${bpReading(dose.systolicAfter, dose.diastolicAfter)} mmHg (before: ${bpReading(dose.systolicBefore, dose.diastolicBefore)}), ${level}.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        systolicBefore: dose.systolicBefore,
        diastolicBefore: dose.diastolicBefore,
        systolicAfter: dose.systolicAfter,
        diastolicAfter: dose.diastolicAfter,
        limitSystolic: settings.bpPostDoseSystolic,
        limitDiastolic: settings.bpPostDoseDiastolic,
      },
      definition: `Post-dose systolic above ${settings.bpPostDoseSystolic} or diastolic above ${settings.bpPostDoseDiastolic} mmHg (clinic setting; default 180/110).`,
    }),
  ];
}
