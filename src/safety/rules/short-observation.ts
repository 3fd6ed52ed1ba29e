import type { Dose } from '../../doses/dose.schema.js';
import { makeFinding } from '../finding.js';
import { onDay, dosesInOrder } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { SPRAVATO_REMS } from '../sources.js';
import type { Finding, SafetyRule } from '../types.js';
import { plural } from '../../shared/plural.js';

/**
 * Short observation — a dose observed for fewer minutes than its route's minimum (default intranasal
 * 120: the Spravato REMS requires at least 2 hours; other routes have no rule unless the clinic sets
 * one). Sedation peaks 30–45 minutes after a dose and dissociation can last 1.5 hours (docs/design.md, "Ketamine
 * monitoring").
 * A dose with no observation time recorded raises nothing: the rule cannot tell. One episode per dose.
 */
export const shortObservation: SafetyRule = {
  id: 'short-observation',
  severity: 'warning',
  title: 'Observation shorter than the minimum',
  rationale:
    'Sedation, dissociation and the blood-pressure rise follow a dose for up to two hours; leaving earlier than the minimum observation is a protocol breach.',
  source: SPRAVATO_REMS,
  evaluate: (history, settings) =>
    dosesInOrder(history.doses).flatMap((dose) => observationFinding(dose, settings, history.timeZone)),
};

function observationFinding(dose: Dose, settings: SafetySettings, timeZone: string): Finding[] {
  const minimum = settings.minObservationMinutes[dose.route];
  if (minimum === null || dose.observationMinutes === null || dose.observationMinutes >= minimum) return [];
  return [
    makeFinding(shortObservation, {
      episodeKey: `dose:${dose.id}`,
      raisedAt: dose.givenAt,
      summary: `The ${dose.route} dose on ${onDay(dose.givenAt, timeZone)} was observed for ${plural(dose.observationMinutes, 'minute')}; the minimum for ${dose.route} is ${plural(minimum, 'minute')}.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        route: dose.route,
        observationMinutes: dose.observationMinutes,
        minimumMinutes: minimum,
      },
      definition: `Observation after a ${dose.route} dose shorter than ${minimum} minutes.`,
    }),
  ];
}
