import type { Dose } from '../../doses/dose.schema.js';
import { overWords, readingsOver } from '../blood-pressure.js';
import { makeFinding } from '../finding.js';
import { bpReading, onDay, dosesInOrder } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { GLUE_2018, SPRAVATO_REMS } from '../sources.js';
import type { Finding, SafetyRule } from '../types.js';

/**
 * Blood pressure before a dose — systolic above bpPreDoseSystolic or diastolic above
 * bpPreDoseDiastolic (default 140/90: the Spravato label / esketamine REMS advise caution when baseline
 * is above 140/90). Ketamine raises blood pressure further, about 10 mmHg at 30 minutes (Glue 2018).
 * One episode per dose (`dose:<id>`); a missing reading raises nothing.
 */
export const bpPreDose: SafetyRule = {
  id: 'bp-pre-dose',
  severity: 'warning',
  title: 'Blood pressure high before a dose',
  rationale:
    'Ketamine and esketamine raise blood pressure for an hour or more after a dose; starting from a raised pressure needs the risk weighed before dosing.',
  source: `${SPRAVATO_REMS} ${GLUE_2018}`,
  evaluate: (history, settings) =>
    dosesInOrder(history.doses).flatMap((dose) => preDoseFinding(dose, settings, history.timeZone)),
};

function preDoseFinding(dose: Dose, settings: SafetySettings, timeZone: string): Finding[] {
  const over = readingsOver(dose, settings).filter((o) => o.when === 'before');
  if (over.length === 0) return [];
  return [
    makeFinding(bpPreDose, {
      episodeKey: `dose:${dose.id}`,
      raisedAt: dose.givenAt,
      summary: `Blood pressure before the dose on ${onDay(dose.givenAt, timeZone)} was ${bpReading(dose.systolicBefore, dose.diastolicBefore)} mmHg: ${overWords(over)}.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        systolicBefore: dose.systolicBefore,
        diastolicBefore: dose.diastolicBefore,
        limitSystolic: settings.bpPreDoseSystolic,
        limitDiastolic: settings.bpPreDoseDiastolic,
      },
      definition: `Pre-dose systolic above ${settings.bpPreDoseSystolic} mmHg or diastolic above ${settings.bpPreDoseDiastolic} mmHg.`,
    }),
  ];
}
