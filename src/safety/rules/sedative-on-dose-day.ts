import type { Dose } from '../../doses/dose.schema.js';
import type { Medication } from '../../medications/medication.schema.js';
import type { DrugClass } from '../../shared/vocabulary.js';
import { makeFinding } from '../finding.js';
import { dayWords } from '../../shared/time-zone.js';
import { calendarDay, dosesInOrder, inTimeOrder } from '../records.js';
import { SEDATIVES } from '../sources.js';
import type { Finding, SafetyRule } from '../types.js';

/** The classes the esketamine monitoring record asks about as sedating (benzodiazepines, sedative-hypnotics). */
const SEDATING: readonly DrugClass[] = ['benzodiazepine', 'sedative'];

/**
 * Sedative on a dose day — a benzodiazepine or other sedative current on the calendar day of a dose, in
 * the clinic's time zone (current = startedOn ≤ day and stoppedOn empty or ≥ day). Central nervous
 * system depressants add to ketamine's sedation; the esketamine REMS monitoring record asks about them
 * before every dose. One episode per dose (`dose:<id>`), listing every such medication.
 */
export const sedativeOnDoseDay: SafetyRule = {
  id: 'sedative-on-dose-day',
  severity: 'warning',
  title: 'Sedative taken on a dose day',
  rationale:
    'Benzodiazepines and other sedatives deepen and prolong sedation after ketamine; the dose, the observation time and the way home need review.',
  source: SEDATIVES,
  evaluate: (history) => {
    const sedatives = inTimeOrder(
      history.medications.filter((m) => SEDATING.includes(m.drugClass)),
      (m) => `${m.startedOn}T00:00:00Z`,
    );
    if (sedatives.length === 0) return [];
    return dosesInOrder(history.doses).flatMap((dose) => sedativeFinding(dose, sedatives, history.timeZone));
  },
};

function isCurrentOn(medication: Medication, day: string): boolean {
  // YYYY-MM-DD strings compare in calendar order.
  return medication.startedOn <= day && (medication.stoppedOn === null || medication.stoppedOn >= day);
}

function sedativeFinding(dose: Dose, sedatives: readonly Medication[], timeZone: string): Finding[] {
  const day = calendarDay(dose.givenAt, timeZone);
  const current = sedatives.filter((m) => isCurrentOn(m, day));
  if (current.length === 0) return [];
  return [
    makeFinding(sedativeOnDoseDay, {
      episodeKey: `dose:${dose.id}`,
      raisedAt: dose.givenAt,
      summary: `On the dose day ${dayWords(day)} the patient was taking ${current.map((m) => `${m.name} (${m.drugClass})`).join(', ')}.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        day,
        medications: current.map((m) => ({
          id: m.id,
          name: m.name,
          drugClass: m.drugClass,
          startedOn: m.startedOn,
          stoppedOn: m.stoppedOn,
        })),
      },
      definition:
        'A benzodiazepine or other sedative current on the calendar day of a dose (clinic time zone): started on or before that day and not stopped before it.',
    }),
  ];
}
